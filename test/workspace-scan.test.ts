// The workspace scan over stdio: when a folder opens, the server lints its closed Go files in the
// background with work done progress (cancellable), skips the directories `./...` skips, follows
// watched-file events, leaves open documents to their buffers, and is off with the setting.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CLEAN_GO, GO_MOD, LOOP_GO, tempTree } from './cli-harness';
import { buildServer, LspClient } from './lsp-client';
import { scannedDir } from '../server/src/lsp/workspacescan';

const RETAIN = 'package p\n\nvar m = map[string]int{}\n\nfunc Reset() {\n\tclear(m)\n}\n';
const CAPS = { window: { workDoneProgress: true }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };

interface Progress { token: string | number; value: { kind: 'begin' | 'report' | 'end'; message?: string; cancellable?: boolean } }

/** A client that accepts work done progress and keeps what arrives, and the server's log lines. */
function scanClient(): { client: LspClient; progress: Progress[]; logs: string[] } {
  const client = new LspClient();
  const progress: Progress[] = [];
  const logs: string[] = [];
  client.conn.onRequest('window/workDoneProgress/create', () => null);
  // until() polls every 50 ms, so these need not wake its waiters.
  client.conn.onNotification('$/progress', (p: Progress) => { progress.push(p); });
  client.conn.onNotification('window/logMessage', (m: { message: string }) => { logs.push(m.message); });
  return { client, progress, logs };
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('workspace scan (protocol)', function () {
  this.timeout(120_000);
  before(function () {
    this.timeout(180_000);
    buildServer();
  });

  it('enters the directories ./... enters, and not node_modules', () => {
    assert.deepStrictEqual(['a', 'vendor', 'testdata', '.git', '_old', 'node_modules'].map(scannedDir), [true, false, false, false, false, false]);
  });

  describe('a small workspace', () => {
    let dir: string;
    let client: LspClient;
    let progress: Progress[];
    const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
    const watched = (f: string, type: 1 | 2 | 3) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(f), type }] });

    before(() => {
      dir = tempTree({
        'go.mod': GO_MOD, 'a/a.go': RETAIN, 'b/b.go': LOOP_GO, 'c/clean.go': CLEAN_GO,
        'vendor/v/v.go': RETAIN, 'testdata/t.go': RETAIN, '.hidden/h.go': RETAIN, '_old/o.go': RETAIN, 'node_modules/x/x.go': RETAIN,
      });
      ({ client, progress } = scanClient());
    });
    after(() => {
      client?.kill();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes the closed files\' findings between a cancellable progress begin and end', async () => {
      await client.initialize(dir, CAPS);
      const end = await client.until('progress end', () => progress.find((p) => p.value.kind === 'end'));
      const begin = progress.find((p) => p.value.kind === 'begin');
      assert.ok(begin && begin.token === end.token, 'begin and end of one token');
      assert.strictEqual(begin.value.cancellable, true);
      assert.match(progress.filter((p) => p.value.kind === 'report').at(-1)?.value.message ?? '', /^3\/3 Go files$/);
      const byFile = new Map(client.published.map((p) => [p.uri, codes(p)]));
      assert.deepStrictEqual(byFile, new Map([[uri('a/a.go'), ['mapretain']], [uri('b/b.go'), ['rangeclear']]]), 'clean files and skipped directories publish nothing');
    });

    it('a file changed on disk re-lints its package; a deleted file\'s diagnostics are cleared', async () => {
      let seen = client.mark();
      fs.writeFileSync(path.join(dir, 'a', 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
      await watched('a/drop.go', 1);
      assert.deepStrictEqual(codes(await client.diagnostics(uri('a/a.go'), seen)), [], 'released in the new sibling');

      seen = client.mark();
      fs.writeFileSync(path.join(dir, 'a', 'drop.go'), 'package p\n\nfunc drop() {}\n');
      await watched('a/drop.go', 2);
      assert.deepStrictEqual(codes(await client.diagnostics(uri('a/a.go'), seen)), ['mapretain']);

      seen = client.mark();
      fs.rmSync(path.join(dir, 'b', 'b.go'));
      await watched('b/b.go', 3);
      assert.deepStrictEqual(codes(await client.diagnostics(uri('b/b.go'), seen)), []);
    });

    it('never publishes the disk\'s results for an open document; closing it brings them back', async () => {
      const open = client.mark();
      await client.open(uri('a/a.go'), CLEAN_GO);
      assert.deepStrictEqual(codes(await client.diagnostics(uri('a/a.go'), open, (p) => p.version === 1)), []);
      // A sibling created on disk: the scan re-lints the directory (a.go sorts before new.go).
      fs.writeFileSync(path.join(dir, 'a', 'new.go'), RETAIN.replace(/\bm\b/g, 'n'));
      await watched('a/new.go', 1);
      assert.deepStrictEqual(codes(await client.diagnostics(uri('a/new.go'), open)), ['mapretain']);
      await client.settle(uri('a/a.go'));
      const fromDisk = client.published.slice(open).filter((p) => p.uri === uri('a/a.go') && p.version === undefined);
      assert.deepStrictEqual(fromDisk, [], 'the open buffer wins');

      const closed = client.mark();
      await client.close(uri('a/a.go'));
      assert.deepStrictEqual(codes(await client.diagnostics(uri('a/a.go'), closed, (p) => p.diagnostics.length > 0)), ['mapretain']);
    });
  });

  it('the user\'s cancel stops the scan', async () => {
    const files: Record<string, string> = { 'go.mod': GO_MOD };
    for (let i = 0; i < 400; i++) files[`p${Math.floor(i / 10)}/f${i}.go`] = RETAIN.replace(/\bm\b/g, `m${i}`);
    const dir = tempTree(files);
    const { client, progress, logs } = scanClient();
    try {
      await client.initialize(dir, CAPS);
      const begin = await client.until('progress begin', () => progress.find((p) => p.value.kind === 'begin'));
      await client.conn.sendNotification('window/workDoneProgress/cancel', { token: begin.token });
      await client.until('progress end', () => progress.find((p) => p.value.kind === 'end'));
      const line = await client.until('the scan\'s log line', () => logs.find((l) => l.startsWith('workspace scan:')));
      assert.match(line, /of 400 Go files linted \(stopped\)/);
      assert.ok(client.published.length < 400, `${client.published.length} files published after the cancel`);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a hover and re-analyzes an edit of an open file while the scan of a large folder runs', async () => {
    const files: Record<string, string> = { 'go.mod': GO_MOD, 'open/o.go': LOOP_GO };
    for (let i = 0; i < 1000; i++) files[`p${Math.floor(i / 10)}/f${i}.go`] = RETAIN.replace(/\bm\b/g, `m${i}`);
    const dir = tempTree(files);
    const { client, progress } = scanClient();
    const uri = pathToFileURL(path.join(dir, 'open', 'o.go')).href;
    const ended = () => progress.some((p) => p.value.kind === 'end');
    try {
      await client.initialize(dir, CAPS);
      await client.open(uri, LOOP_GO, 1);
      // The scan is linting: a report came (messages arrive in the order the server sent them).
      const report = await client.until('a progress report', () => progress.find((p) => p.value.kind === 'report'));
      const hover = await client.hover(uri, { line: 5, character: 2 });
      assert.ok(hover && JSON.stringify(hover.contents).includes('clear'), JSON.stringify(hover));
      assert.ok(!ended(), 'the hover was answered only after the scan ended');
      const seen = client.mark();
      await client.change(uri, 2, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' });
      const edited = await client.diagnostics(uri, seen, (p) => p.version === 2);
      assert.strictEqual(edited.diagnostics.find((d) => d.code === 'rangeclear')?.range.start.line, 6);
      assert.ok(!ended(), 'the edit was analyzed only after the scan ended');
      assert.ok(client.published.filter((p) => p.uri !== uri).length < 1000, 'the scan had files left');
      await client.conn.sendNotification('window/workDoneProgress/cancel', { token: report.token });
      await client.until('progress end', () => progress.find((p) => p.value.kind === 'end'));
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a workspace folder added is scanned; removed, its diagnostics are cleared', async () => {
    const first = tempTree({ 'go.mod': GO_MOD, 'a/a.go': RETAIN });
    const second = tempTree({ 'go.mod': GO_MOD, 'b/b.go': RETAIN });
    const { client } = scanClient();
    const folder = (dir: string) => ({ uri: pathToFileURL(dir).href, name: path.basename(dir) });
    const b = pathToFileURL(path.join(second, 'b', 'b.go')).href;
    try {
      await client.initialize(first, { ...CAPS, workspace: { ...CAPS.workspace, workspaceFolders: true } });
      await client.diagnostics(pathToFileURL(path.join(first, 'a', 'a.go')).href, 0);
      let seen = client.mark();
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder(second)], removed: [] } });
      assert.deepStrictEqual(codes(await client.diagnostics(b, seen)), ['mapretain']);
      seen = client.mark();
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder(second)] } });
      assert.deepStrictEqual(codes(await client.diagnostics(b, seen)), []);
    } finally {
      client.kill();
      for (const d of [first, second]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('goMapleak.workspaceScan false: nothing is scanned', async () => {
    const dir = tempTree({ 'go.mod': GO_MOD, 'a/a.go': RETAIN });
    const { client, progress, logs } = scanClient();
    client.config = { workspaceScan: false };
    try {
      await client.initialize(dir, CAPS);
      await client.until('the scan\'s log line', () => logs.find((l) => l.startsWith('workspace scan: off')));
      assert.deepStrictEqual(progress, []);
      assert.deepStrictEqual(client.published, []);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
