// The server's package views over stdio: it registers for watched .go files when the editor can,
// and a sibling created, changed or deleted on disk (workspace/didChangeWatchedFiles) leads to new
// diagnostics for the open file of that package.
import * as assert from 'assert';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams, type RegistrationParams,
} from 'vscode-languageserver/node';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
/** Long enough for a slow CI machine, short enough that a broken server fails the test instead of hanging it. */
const WAIT_MS = 5000;

const CLEAR = 'package p\n\nvar m = map[string]int{}\n\nfunc Reset() {\n\tclear(m)\n}\n';

describe('protocol: package views follow watched files', function () {
  this.timeout(60_000);
  let dir: string;
  let proc: ChildProcess;
  let conn: ProtocolConnection;
  let stderr = '';
  const published: PublishDiagnosticsParams[] = [];
  const registrations: RegistrationParams['registrations'] = [];
  let waiters: (() => void)[] = [];
  const wake = () => { for (const w of waiters.splice(0)) w(); };

  /** The first publish for uri after index `skip` that satisfies ok. */
  function diagnostics(uri: string, skip: number, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; published: ${JSON.stringify(published.map((p) => p.diagnostics.map((d) => d.code)))}\n${stderr}`)), WAIT_MS);
      const check = () => {
        const hit = published.slice(skip).find((p) => p.uri === uri && ok(p));
        if (hit) { clearTimeout(timer); resolve(hit); } else waiters.push(check);
      };
      check();
    });
  }
  const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
  const fileUri = (f: string) => pathToFileURL(path.join(dir, f)).href;
  const watched = (f: string, type: 1 | 2 | 3) => conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(f), type }] });

  before(function () {
    this.timeout(180_000);
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-watch-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'p.go'), CLEAR);
    proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.on('data', (d) => { stderr += String(d); });
    conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => { published.push(p); wake(); });
    conn.onNotification('window/logMessage', () => { /* the server's log */ });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.onRequest('client/registerCapability', (p: RegistrationParams) => { registrations.push(...p.registrations); wake(); return null; });
    conn.listen();
  });

  after(() => {
    conn?.dispose();
    if (proc && proc.exitCode === null) proc.kill();
    waiters = [];
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers a watcher for .go files and go.mod when the editor supports dynamic registration', async () => {
    const uri = pathToFileURL(dir).href;
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'p' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await conn.sendNotification('initialized', {});
    const reg = await new Promise<RegistrationParams['registrations'][number]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no watcher registered: ${JSON.stringify(registrations)}`)), WAIT_MS);
      const check = () => {
        const r = registrations.find((x) => x.method === 'workspace/didChangeWatchedFiles');
        if (r) { clearTimeout(timer); resolve(r); } else waiters.push(check);
      };
      check();
    });
    const globs = (reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepStrictEqual(globs, ['**/*.go', '**/go.mod']);
  });

  it('a sibling created, changed and deleted on disk re-analyzes the open file', async () => {
    const uri = fileUri('p.go');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: CLEAR } });
    assert.deepStrictEqual(codes(await diagnostics(uri, 0, () => true)), ['mapretain']);

    let seen = published.length;
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    await watched('drop.go', 1);
    assert.deepStrictEqual(codes(await diagnostics(uri, seen, () => true)), [], 'released in the new file');

    seen = published.length;
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() {}\n');
    await watched('drop.go', 2);
    assert.deepStrictEqual(codes(await diagnostics(uri, seen, () => true)), ['mapretain'], 'the release was removed');

    // A release in a test file does not run in the package: still reported.
    seen = published.length;
    fs.writeFileSync(path.join(dir, 'p_test.go'), 'package p\n\nfunc dropForTest() { m = nil }\n');
    await watched('p_test.go', 1);
    assert.deepStrictEqual(codes(await diagnostics(uri, seen, () => true)), ['mapretain']);

    seen = published.length;
    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    await watched('drop.go', 2);
    assert.deepStrictEqual(codes(await diagnostics(uri, seen, () => true)), []);
    seen = published.length;
    fs.rmSync(path.join(dir, 'drop.go'));
    await watched('drop.go', 3);
    assert.deepStrictEqual(codes(await diagnostics(uri, seen, () => true)), ['mapretain'], 'the releasing file is gone');
  });
});
