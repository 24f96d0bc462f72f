// A file nested past MAX_SCOPE_DEPTH (analysis/syntax/depth.ts) is not analyzed; that must not
// look like a clean file. The CLI reports it like a skipped binary file (a warning line, a json
// error and a SARIF notification that do not fail the run); the server logs it once per version.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { MAX_SCOPE_DEPTH } from '../server/src/analysis/syntax/depth';
import { GO_MOD, LOOP_GO, ensureBuilt, runCli, tempTree } from './cli-harness';
import { LspClient } from './lsp-client';

/** A range-delete loop (a rangeclear finding, were the file analyzed) inside 100 nested blocks. */
const DEEP_GO = `package p

var m = map[string]int{}

func reset() {
${'{'.repeat(100)}
	for k := range m {
		delete(m, k)
	}
${'}'.repeat(100)}
}
`;
// The function body, the 100 blocks and the loop body.
const NOTICE = /not analyzed: scopes nest 102 deep, more than 64/;

describe('files nested too deep to analyze', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    assert.ok(MAX_SCOPE_DEPTH < 100, 'the fixture must nest past the limit');
    ensureBuilt();
    dir = tempTree({ 'go.mod': GO_MOD, 'deep.go': DEEP_GO, 'p.go': LOOP_GO });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('cli: a warning line, a json error and a SARIF notification; the exit code is the other files\'', () => {
    for (const jobs of ['1', '2']) {
      const text = runCli(['--jobs', jobs], dir);
      assert.strictEqual(text.status, 1, text.stderr); // p.go's finding
      assert.match(text.stdout, /^p\.go:6:2: /);
      assert.doesNotMatch(text.stdout, /deep\.go/);
      assert.strictEqual(text.stderr.split('\n').filter((l) => l.includes('deep.go')).length, 1, text.stderr);
      assert.match(text.stderr, new RegExp(`^go-mapleak: skipping deep\\.go: ${NOTICE.source}$`, 'm'));
    }
    const json = JSON.parse(runCli(['--format', 'json'], dir).stdout) as { errors: { file: string; kind: string; fatal: boolean; message: string }[] };
    assert.deepStrictEqual(json.errors.map((e) => [e.file, e.kind, e.fatal]), [['deep.go', 'nesting', false]]);
    assert.match(json.errors[0].message, NOTICE);
    const sarif = JSON.parse(runCli(['--format', 'sarif'], dir).stdout);
    const inv = sarif.runs[0].invocations[0];
    assert.strictEqual(inv.executionSuccessful, true);
    assert.deepStrictEqual(inv.toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => [n.level, NOTICE.test(n.message.text)]), [['warning', true]]);
    const alone = tempTree({ 'go.mod': GO_MOD, 'deep.go': DEEP_GO });
    try {
      assert.strictEqual(runCli([], alone).status, 0, 'a file not analyzed alone is not an error');
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });

  it('server: window/logMessage warns once per document version, and the workspace scan logs it', async () => {
    const client = new LspClient();
    const logs: { type: number; message: string }[] = [];
    client.conn.onNotification('window/logMessage', (m: { type: number; message: string }) => { logs.push(m); });
    const uri = pathToFileURL(path.join(dir, 'deep.go')).href;
    const warnings = () => logs.filter((l) => l.type === 2 && l.message.startsWith(`${uri}: `) && NOTICE.test(l.message));
    try {
      await client.initialize(dir, { window: { workDoneProgress: true } });
      // The workspace scan lints deep.go from disk (closed) and says why it has no diagnostics.
      await client.until('the scan\'s notice', () => logs.find((l) => /workspace scan: .*deep\.go: not analyzed/.test(l.message)));
      await client.open(uri, DEEP_GO, 1);
      assert.deepStrictEqual((await client.diagnostics(uri, 0, (p) => p.version === 1)).diagnostics, []);
      await client.until('the notice', () => (warnings().length ? true : undefined));
      await client.hover(uri, { line: 6, character: 2 }); // the same version analyzed again: no second notice
      await client.change(uri, 2, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// v2\n' });
      await client.diagnostics(uri, 0, (p) => p.version === 2);
      await client.settle(uri);
      assert.strictEqual(warnings().length, 2, JSON.stringify(logs));
      assert.strictEqual(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});
