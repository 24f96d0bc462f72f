// Fix previews over the protocol: the bundled server (`node dist/server.js --stdio`) puts each
// fix's figures into LSP change annotations when the client says it supports them
// (workspace.workspaceEdit.changeAnnotationSupport + documentChanges), and plain edits otherwise.
import * as assert from 'assert';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type AnnotatedTextEdit, type CodeAction, type ProtocolConnection, type TextDocumentEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');

// mapretain (a package map cleared, never released) and, at go 1.22, no rangeclear.
const GO = `package p

var big = make(map[int64]int64, 100000)

func reset() {
	clear(big)
}
`;

/** A client in miniature: enough to initialize, open a document and ask for code actions. */
class Client {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  stderr = '';

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', () => { /* code actions are computed on request */ });
    this.conn.onNotification('window/logMessage', () => { /* shown through stderr on failure */ });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  async start(dir: string, workspace: object): Promise<void> {
    const uri = pathToFileURL(dir).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'p' }],
      capabilities: {
        workspace,
        textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
  }

  async actions(uri: string, only?: string[]): Promise<CodeAction[]> {
    const range = { start: { line: 5, character: 1 }, end: { line: 5, character: 1 } };
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only } });
  }

  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** The edits of the one versioned document change; annotationId is absent on plain edits. */
function editsOf(edit: WorkspaceEdit | undefined): Partial<AnnotatedTextEdit>[] {
  assert.ok(edit?.documentChanges?.length === 1, 'one versioned document change');
  return (edit.documentChanges[0] as TextDocumentEdit).edits as Partial<AnnotatedTextEdit>[];
}

describe('preview over the protocol: change annotations on fixes', function () {
  this.timeout(60_000);
  let dir: string;
  let uri: string;
  const clients: Client[] = [];

  before(function () {
    this.timeout(180_000);
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-preview-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'p.go'), GO);
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
  });

  after(() => {
    for (const c of clients) c.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function client(workspace: object): Promise<Client> {
    const c = new Client();
    clients.push(c);
    await c.start(dir, workspace);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: GO } });
    return c;
  }

  it('annotates every edit of each quick fix and of fix-all when the client supports it', async () => {
    const c = await client({ workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } });
    const actions = await c.actions(uri, ['quickfix']);
    assert.deepStrictEqual(actions.map((a) => a.title.replace(/ \(.*/, '')), ['Replace with big = make(map[int64]int64)', 'Suppress with //mapleak:ignore mapretain'], c.stderr);
    const [fresh, suppress] = actions;
    const freshEdits = editsOf(fresh.edit);
    assert.strictEqual(freshEdits.length, 1);
    const id = freshEdits[0].annotationId;
    assert.ok(id, 'the edit names its annotation');
    const note = fresh.edit!.changeAnnotations![id];
    // Go 1.22 (classic): B=14 for 100,000 entries; clear keeps hmap 48 + mapextra 24 + the
    // 2,506,752-byte bucket array = 2,506,824 B (docs/sim-accuracy.md, exact); a new map is 48 B.
    assert.match(note.label, /^big = make\(\.\.\.\) lets the GC free [\d.]+ MiB$/);
    assert.match(note.description!, /^At 100,000 entries \(its make hint\), map\[int64\]int64 on Go 1\.22 \(classic hmap, B=14\): .*after emptying it here 2\.39 MiB \(2,506,824 B\); after big = make\(\.\.\.\) a new map of 48 B/);
    assert.strictEqual(note.needsConfirmation, false);
    assert.deepStrictEqual(Object.keys(fresh.edit!.changeAnnotations!), [id], 'one annotation per fix');
    const s = editsOf(suppress.edit)[0];
    assert.strictEqual(suppress.edit!.changeAnnotations![s.annotationId!].label, 'keep reusing big: it holds 2.39 MiB when empty');

    const [all] = await c.actions(uri, ['source.fixAll']);
    assert.ok(all, 'a fix-all action');
    const allEdits = editsOf(all.edit);
    assert.strictEqual(allEdits.length, 1, 'the preferred fix only');
    assert.deepStrictEqual(all.edit!.changeAnnotations![allEdits[0].annotationId!], note);
  });

  it('sends plain edits to a client without change annotation support (Neovim 0.7, eglot)', async () => {
    for (const workspace of [{}, { workspaceEdit: { documentChanges: true } }, { workspaceEdit: { changeAnnotationSupport: {} } }]) {
      const c = await client(workspace);
      const actions = await c.actions(uri);
      assert.ok(actions.length >= 2, c.stderr);
      for (const a of actions) {
        assert.strictEqual(a.edit!.changeAnnotations, undefined, JSON.stringify(workspace));
        for (const e of editsOf(a.edit)) assert.strictEqual(e.annotationId, undefined);
      }
    }
  });
});
