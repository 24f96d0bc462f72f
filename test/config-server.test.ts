// .go-mapleak.yaml in the language server (issue 16): its keys on top of the editor's settings,
// read again when it changes (watched files, or on open and save for editors that do not watch),
// and a broken file shown as diagnostics on itself while nothing under it is analyzed.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { GO_MOD, LOOP_GO, tempTree } from './cli-harness';
import { buildServer, LspClient } from './lsp-client';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.code}:${d.severity}`);

describe('config file: the language server', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient | undefined;
  const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
  const writeConfig = (text: string) => fs.writeFileSync(path.join(dir, '.go-mapleak.yaml'), text);

  before(function () {
    this.timeout(180_000);
    buildServer();
  });
  beforeEach(() => { dir = tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO, '.git/HEAD': 'x\n' }); });
  afterEach(() => {
    client?.kill();
    client = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reloads on a watched change: rules off, a broken file (shown on itself, nothing analyzed), mended, exclude', async () => {
    const c = (client = new LspClient());
    writeConfig('rules: {rangeclear: {severity: warning}}\n');
    await c.initialize(dir, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    await c.until('the watcher', () => c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const changed = () => c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('.go-mapleak.yaml'), type: 2 }] });
    const p = uri('p.go');
    await c.open(p, LOOP_GO);
    // The file's severity wins over the rule's own (information).
    assert.deepEqual(codes(await c.diagnostics(p, 0, (d) => d.diagnostics.length > 0)), ['rangeclear:2']);

    let mark = c.mark();
    writeConfig('rules:\n  rangeclear: {severity: off}\n');
    await changed();
    await c.diagnostics(p, mark, (d) => d.diagnostics.length === 0);

    mark = c.mark();
    writeConfig('rules:\n  rangeclear: {severity: error}\ntests: yes\n');
    await changed();
    const problems = await c.diagnostics(uri('.go-mapleak.yaml'), mark);
    assert.deepEqual(problems.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[2, 7, 1]]);
    assert.match(String(problems.diagnostics[0].message), /^tests: "yes": want true or false \(nothing is analyzed under this file until it is mended\)$/);
    await c.diagnostics(p, mark, (d) => d.diagnostics.length === 0);
    assert.ok(c.messages.some((m) => /\.go-mapleak\.yaml:3:8: tests/.test(m.message)), 'a warning names file, line and key');

    mark = c.mark();
    writeConfig('rules:\n  rangeclear: {severity: error}\n');
    await changed();
    await c.diagnostics(uri('.go-mapleak.yaml'), mark, (d) => d.diagnostics.length === 0);
    assert.deepEqual(codes(await c.diagnostics(p, mark, (d) => d.diagnostics.length > 0)), ['rangeclear:1']);

    mark = c.mark();
    writeConfig('exclude: ["*.go"]\n');
    await changed();
    await c.diagnostics(p, mark, (d) => d.diagnostics.length === 0);
    assert.equal(await c.hover(p, { line: 5, character: 2 }), null, 'an excluded file has no hover either');
  });

  it('without watched files, a config edited on disk is read again on the next save', async () => {
    const c = (client = new LspClient());
    await c.initialize(dir, { workspace: { configuration: true } });
    const p = uri('p.go');
    await c.open(p, LOOP_GO);
    assert.deepEqual(codes(await c.diagnostics(p, 0, (d) => d.diagnostics.length > 0)), ['rangeclear:3']);
    const mark = c.mark();
    writeConfig('rules: {rangeclear: {severity: hint}}\n');
    await c.save(p);
    assert.deepEqual(codes(await c.diagnostics(p, mark, (d) => d.diagnostics.length > 0)), ['rangeclear:4']);
  });
});
