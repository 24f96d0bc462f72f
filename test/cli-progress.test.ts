// The CLI's progress bar: its frames (pure), when it is drawn, and that a run whose stderr is a
// pipe (CI logs, editors, `2>file`) gets none of it.
import * as assert from 'assert';
import * as fs from 'fs';
import { spawnSync } from 'child_process';
import { CLI, CLEAN_GO, GO_MOD, tempTree } from './cli-harness';
import { buildServer } from './lsp-client';
import { formatProgress, progressBar, PROGRESS_MIN_FILES, wantsProgress } from '../server/src/cli/progress';

describe('cli progress bar', () => {
  it('formats a frame that redraws in place', () => {
    assert.strictEqual(formatProgress(0, 5564), '\r[                    ] 0/5564 files');
    assert.strictEqual(formatProgress(1234, 5564), '\r[####                ] 1234/5564 files');
    assert.strictEqual(formatProgress(5564, 5564), '\r[####################] 5564/5564 files');
    assert.strictEqual(formatProgress(7, 4, 4), '\r[####] 4/4 files', 'clamped to the total');
  });

  it('draws only on a terminal, outside CI, for more than 1,000 files', () => {
    assert.strictEqual(wantsProgress(PROGRESS_MIN_FILES + 1, true, {}), true);
    assert.strictEqual(wantsProgress(PROGRESS_MIN_FILES, true, {}), false);
    assert.strictEqual(wantsProgress(5000, false, {}), false, 'not a TTY');
    assert.strictEqual(wantsProgress(5000, true, { CI: 'true' }), false);
    assert.strictEqual(wantsProgress(5000, true, { CI: 'false' }), true);
    assert.strictEqual(wantsProgress(5000, true, { TERM: 'dumb' }), false);
  });

  it('redraws about once per percent and erases itself at the end', () => {
    const out: string[] = [];
    const bar = progressBar(2000, (t) => out.push(t), true, {});
    for (let i = 0; i < 2000; i++) bar.advance();
    bar.done();
    assert.strictEqual(out.length, 102, 'the first frame, one per percent, the erase');
    assert.strictEqual(out[out.length - 2], formatProgress(2000, 2000));
    assert.match(out[out.length - 1], /^\r +\r$/);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const out: string[] = [];
    const bar = progressBar(5000, (t) => out.push(t), false, {});
    bar.advance(5000);
    bar.done();
    assert.deepStrictEqual(out, []);
  });

  it('a CLI run over 1,001 files with stderr piped prints no bar', function () {
    this.timeout(180_000);
    buildServer();
    const files: Record<string, string> = { 'go.mod': GO_MOD };
    for (let i = 0; i <= PROGRESS_MIN_FILES; i++) files[`p${Math.floor(i / 50)}/f${i}.go`] = CLEAN_GO.replace('func add', `func add${i}`);
    const dir = tempTree(files);
    try {
      const r = spawnSync(process.execPath, [CLI, './...'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.ok(!r.stderr.includes('\r') && !r.stderr.includes('files'), `stderr: ${JSON.stringify(r.stderr.slice(0, 200))}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
