// --jobs: the analysis spread over worker threads gives the same report as one thread.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { CLI, ROOT } from './cli-harness';

function lint(jobs: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--jobs', String(jobs), ...args, 'test/testdata/...', 'examples/...'], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli --jobs', () => {
  it('prints the same JSON, in the same order, with 1 and 2 threads (compiler off)', () => {
    const one = lint(1, '--compiler', 'off');
    const two = lint(2, '--compiler', 'off');
    assert.strictEqual(one.status, 1, one.stderr);
    const files = new Set((JSON.parse(one.stdout) as { findings: { file: string }[] }).findings.map((d) => path.dirname(d.file)));
    assert.ok(files.size > 1, 'findings in more than one directory');
    assert.strictEqual(two.status, one.status, two.stderr);
    assert.strictEqual(two.stdout, one.stdout);
    assert.strictEqual(two.stderr, one.stderr);
  });

  it('keeps --compiler auto confirmations on the main thread: the same JSON with 1 and 3 threads', function () {
    if (spawnSync('go', ['version']).error) { console.log('    skipped: go is not on PATH'); this.skip(); }
    const one = lint(1);
    const three = lint(3);
    assert.strictEqual(three.status, one.status, three.stderr);
    assert.strictEqual(three.stdout, one.stdout);
  });

  it('rejects a --jobs that is not a positive integer', () => {
    const r = spawnSync(process.execPath, [CLI, '--jobs', '0', '.'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /invalid --jobs "0"/);
  });
});
