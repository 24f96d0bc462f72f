// The server's package views over stdio: it registers for watched .go files when the editor can,
// and a sibling created, changed or deleted on disk (workspace/didChangeWatchedFiles) leads to new
// diagnostics for the open file of that package.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { GO_MOD, tempTree } from './cli-harness';
import { buildServer, LspClient } from './lsp-client';

const CLEAR = 'package p\n\nvar m = map[string]int{}\n\nfunc Reset() {\n\tclear(m)\n}\n';

describe('protocol: package views follow watched files', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
  const fileUri = (f: string) => pathToFileURL(path.join(dir, f)).href;
  const watched = (f: string, type: 1 | 2 | 3) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(f), type }] });

  before(function () {
    this.timeout(180_000);
    buildServer();
    dir = tempTree({ 'go.mod': GO_MOD, 'p.go': CLEAR });
    client = new LspClient();
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers a watcher for .go files, go.mod and config files when the editor supports dynamic registration', async () => {
    await client.initialize(dir, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    const reg = await client.until('a watcher registration', () => client.registrations.find((x) => x.method === 'workspace/didChangeWatchedFiles'));
    const globs = (reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepStrictEqual(globs, ['**/*.go', '**/go.mod', '**/.go-mapleak.{yaml,yml,json}']);
  });

  it('a sibling created, changed and deleted on disk re-analyzes the open file', async () => {
    const uri = fileUri('p.go');
    await client.open(uri, CLEAR);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, 0)), ['mapretain']);

    let seen = client.mark();
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    await watched('drop.go', 1);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, seen)), [], 'released in the new file');

    seen = client.mark();
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() {}\n');
    await watched('drop.go', 2);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, seen)), ['mapretain'], 'the release was removed');

    // A release in a test file does not run in the package: still reported.
    seen = client.mark();
    fs.writeFileSync(path.join(dir, 'p_test.go'), 'package p\n\nfunc dropForTest() { m = nil }\n');
    await watched('p_test.go', 1);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, seen)), ['mapretain']);

    seen = client.mark();
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    await watched('drop.go', 2);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, seen)), []);
    seen = client.mark();
    fs.rmSync(path.join(dir, 'drop.go'));
    await watched('drop.go', 3);
    assert.deepStrictEqual(codes(await client.diagnostics(uri, seen)), ['mapretain'], 'the releasing file is gone');
  });
});
