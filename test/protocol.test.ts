// Drives the bundled language server (`node dist/server.js --stdio`) the way an editor does:
// initialize, open, edit, ask for fixes and hovers, change settings, shut down.
import * as assert from 'assert';
import { fork, spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, IPCMessageReader, IPCMessageWriter, ErrorCodes, ResponseError,
  type CodeAction, type Diagnostic, type Hover, type InitializeResult, type ProtocolConnection,
  type PublishDiagnosticsParams, type Range, type TextDocumentContentChangeEvent, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyEdits } from '../server/src/analysis/edits';

const ROOT = path.resolve(__dirname, '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const RULE_DOC = pathToFileURL(path.join(ROOT, 'docs', 'rules', 'rangeclear.md')).href;
/** Long enough for a slow CI machine, short enough that a broken server fails the test instead of hanging it. */
const WAIT_MS = 5000;

const LOOP_GO = `package p

var m = map[string]int{}

func reset() {
	for k := range m {
		delete(m, k)
	}
}

// drop releases m, so only rangeclear reports the loop (mapretain does not).
func drop() { m = nil }
`;

function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-lsp-')));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
  fs.writeFileSync(path.join(dir, 'p.go'), LOOP_GO);
  return dir;
}

const at = (line: number, character: number) => ({ line, character });
const insert = (line: number, character: number, text: string): TextDocumentContentChangeEvent => ({ range: { start: at(line, character), end: at(line, character) }, text });

/** An editor in miniature: a JSON-RPC connection to the server and what the server sent back. */
class Editor {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  readonly published: (PublishDiagnosticsParams & { at: number })[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly configRequests: { scopeUri?: string; section?: string }[] = [];
  /** What workspace/configuration answers; null plays an editor with nothing configured. */
  config: Record<string, unknown> | null = {};
  stderr = '';
  private waiters: (() => void)[] = [];

  constructor() {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push({ ...p, at: Date.now() });
      this.wake();
    });
    this.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => { this.messages.push(m); this.wake(); });
    this.conn.onNotification('window/logMessage', () => { /* the server's log; shown on failure via stderr */ });
    this.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configRequests.push(...p.items);
      return p.items.map(() => this.config);
    });
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/showMessageRequest', () => null);
    this.conn.listen();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `probe` returns a value, re-checking after every message from the server. */
  until<T>(what: string, probe: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; published: ${JSON.stringify(this.published.map((p) => [p.version, p.diagnostics.length]))}\n${this.stderr}`)), timeoutMs);
      const check = () => {
        const v = probe();
        if (v !== undefined) { clearTimeout(timer); resolve(v); } else this.waiters.push(check);
      };
      check();
    });
  }

  /** The first publish for `uri` from index `skip` of `published` on that satisfies `ok`. */
  diagnostics(uri: string, skip: number, ok: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams & { at: number }> {
    return this.until(`diagnostics for ${uri}`, () => this.published.slice(skip).find((p) => p.uri === uri && ok(p)));
  }

  /** Where the next publish will be in `published`: pass it to diagnostics() to wait for a new one. */
  mark(): number {
    return this.published.length;
  }

  async initialize(dir: string, capabilities: object, initializationOptions?: unknown): Promise<InitializeResult> {
    const uri = pathToFileURL(dir).href;
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'p' }], capabilities, initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
  }

  change(uri: string, version: number, ...contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  configChanged(settings: unknown = null): Promise<void> {
    return this.conn.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  /** shutdown + exit; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), WAIT_MS));
    const code = await Promise.race([exited, timeout]);
    this.conn.dispose();
    if (code === 'timeout') { this.proc.kill(); throw new Error('server did not exit after shutdown + exit'); }
    return code;
  }

  kill(): void {
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** The text edits of a WorkspaceEdit for one document, checking it is a versioned documentChanges edit. */
function editsFor(edit: WorkspaceEdit | undefined, uri: string, version: number): TextEdit[] {
  assert.ok(edit?.documentChanges, 'a WorkspaceEdit with documentChanges');
  const [change] = edit.documentChanges as { textDocument: { uri: string; version: number }; edits: TextEdit[] }[];
  assert.deepStrictEqual(change.textDocument, { uri, version });
  return change.edits;
}

function only(d: Diagnostic[]): Diagnostic {
  assert.strictEqual(d.length, 1, `one diagnostic expected, got ${JSON.stringify(d)}`);
  return d[0];
}

describe('protocol: go-mapleak-lsp over stdio', function () {
  this.timeout(60_000);
  let dir: string;
  let uri: string;
  let editor: Editor;
  let text = LOOP_GO;
  let version = 1;
  /** The finding's range in LOOP_GO, as the rule reports it. */
  let loopRange: Range;
  /** loopRange moved down by `lines`. */
  const shifted = (lines: number): Range => ({
    start: at(loopRange.start.line + lines, loopRange.start.character),
    end: at(loopRange.end.line + lines, loopRange.end.character),
  });

  before(function () {
    this.timeout(180_000);
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, `npm run build failed:\n${r.stdout}\n${r.stderr}`);
    dir = workspace();
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
    editor = new Editor();
  });

  after(() => {
    editor?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Sends an incremental change and mirrors it in `text` the way the server must. */
  async function edit(...changes: TextDocumentContentChangeEvent[]): Promise<void> {
    version++;
    for (const c of changes) {
      assert.ok('range' in c);
      text = applyEdits(text, [{ range: c.range, newText: c.text }]);
    }
    await editor.change(uri, version, ...changes);
  }

  it('initializes with incremental sync, code actions and hover', async () => {
    const result = await editor.initialize(dir, {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
      },
    });
    const caps = result.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepStrictEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.go-mapleak'] });
    assert.strictEqual(caps.hoverProvider, true);
  });

  it('publishes the rangeclear diagnostic on open, with the settings pulled for the document', async () => {
    await editor.open(uri, text);
    const p = await editor.diagnostics(uri, 0);
    assert.strictEqual(p.version, 1);
    const d = only(p.diagnostics);
    assert.strictEqual(d.source, 'go-mapleak');
    assert.strictEqual(d.code, 'rangeclear');
    assert.strictEqual(d.severity, 3); // Information, the rule's default
    // The finding starts at the `for`; it may end after the header or after the loop.
    assert.deepStrictEqual(d.range.start, at(5, 1));
    assert.ok([5, 7].includes(d.range.end.line), JSON.stringify(d.range));
    loopRange = d.range;
    assert.strictEqual(d.codeDescription?.href, RULE_DOC);
    assert.match(d.message as string, /\bm\b/);
    assert.ok(editor.configRequests.some((r) => r.scopeUri === uri && r.section === 'goMapleak'), JSON.stringify(editor.configRequests));
  });

  it('follows incremental edits: positions shift, a loop with another statement is not reported', async () => {
    let seen = editor.mark();
    await edit(insert(4, 0, '// reset empties m.\n'));
    let p = await editor.diagnostics(uri, seen);
    assert.strictEqual(p.version, version);
    assert.deepStrictEqual(only(p.diagnostics).range, shifted(1));

    seen = editor.mark();
    await edit(insert(7, 14, '\n\t\tprintln(k)'));
    assert.match(text, /delete\(m, k\)\n\t\tprintln\(k\)\n/);
    p = await editor.diagnostics(uri, seen);
    assert.strictEqual(p.version, version);
    assert.deepStrictEqual(p.diagnostics, []);
  });

  it('debounces a burst of changes into one publish for the last version', async () => {
    const seen = editor.mark();
    const firstOfBurst = version + 1;
    // Remove the extra statement again, then type and erase on the comment line: five changes in one tick.
    await Promise.all([
      edit({ range: { start: at(7, 14), end: at(8, 12) }, text: '' }),
      edit(insert(4, 19, ' ')),
      edit(insert(4, 20, 'x')),
      edit({ range: { start: at(4, 20), end: at(4, 21) }, text: '' }),
      edit({ range: { start: at(4, 19), end: at(4, 20) }, text: '' }),
    ]);
    const sent = Date.now();
    const p = await editor.diagnostics(uri, seen);
    const latency = p.at - sent;
    assert.strictEqual(p.version, version, `first publish after the burst is for version ${p.version}, not the last (${version})`);
    assert.deepStrictEqual(only(p.diagnostics).range, shifted(1));
    // Nothing else arrives for the burst's versions (stale results are never published).
    await new Promise((r) => setTimeout(r, 400));
    const after = editor.published.slice(seen).filter((x) => x.uri === uri);
    assert.deepStrictEqual(after.map((x) => x.version), [version], `publishes for versions ${firstOfBurst}..${version}`);
    // 100 ms debounce: not before it, and well within the 150 ms budget plus analysis on this machine.
    assert.ok(latency >= 80 && latency < 1000, `latency ${latency} ms`);
    console.log(`      (burst of 5 changes -> one publish ${latency} ms after the last change)`);
  });

  it('offers a preferred quickfix and fixAll whose edits give clear(m)', async () => {
    const d = only(editor.published.filter((p) => p.uri === uri).at(-1)!.diagnostics);
    const actions = await editor.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(6, 3), end: at(6, 3) }, context: { diagnostics: [d] },
    });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.ok(quick.length >= 1, JSON.stringify(actions));
    const preferred = quick.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1);
    assert.deepStrictEqual(preferred[0].diagnostics, [d]);
    assert.match(preferred[0].title, /clear\(m\)/);
    const fixed = applyEdits(text, editsFor(preferred[0].edit, uri, version));
    assert.match(fixed, /func reset\(\) \{\n\tclear\(m\)\n\}\n/);
    assert.doesNotMatch(fixed, /delete\(/);

    const all = await editor.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(0, 0), end: at(0, 0) }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepStrictEqual(all.map((a) => a.kind), ['source.fixAll.go-mapleak']);
    assert.strictEqual(applyEdits(text, editsFor(all[0].edit, uri, version)), fixed);

    const elsewhere = await editor.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(2, 0), end: at(2, 3) }, context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepStrictEqual(elsewhere, []);
  });

  it('explains the finding on hover, in markdown with the rule link; nothing elsewhere', async () => {
    const hover = await editor.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(6, 4) });
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents, JSON.stringify(hover));
    assert.strictEqual(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.includes(RULE_DOC), hover.contents.value);
    assert.match(hover.contents.value, /`m`|\bm\b/);
    const none = await editor.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(2, 1) });
    assert.strictEqual(none, null);
  });

  it('applies severity settings without a restart: warning, then off', async () => {
    let seen = editor.mark();
    const pulls = editor.configRequests.length;
    editor.config = { rules: { rangeclear: { severity: 'warning' } } };
    await editor.configChanged();
    let p = await editor.diagnostics(uri, seen);
    assert.strictEqual(only(p.diagnostics).severity, 2);
    assert.ok(editor.configRequests.length > pulls, 'settings were pulled again');

    seen = editor.mark();
    editor.config = { rules: { rangeclear: { severity: 'off' } } };
    await editor.configChanged();
    p = await editor.diagnostics(uri, seen);
    assert.deepStrictEqual(p.diagnostics, []);
    const actions = await editor.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(6, 3), end: at(6, 3) }, context: { diagnostics: [] },
    });
    assert.deepStrictEqual(actions, []);
  });

  it('clears everything when disabled, and warns once about invalid settings', async () => {
    let seen = editor.mark();
    editor.config = { enable: false };
    await editor.configChanged();
    let p = await editor.diagnostics(uri, seen);
    assert.deepStrictEqual(p.diagnostics, []);
    assert.strictEqual(await editor.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(6, 4) }), null);

    // Invalid values: a warning (once), the defaults apply, the finding is back.
    for (let i = 0; i < 2; i++) {
      seen = editor.mark();
      editor.config = { goVersion: 'banana', rules: { rangeclear: { severity: 'loud' } } };
      await editor.configChanged();
      p = await editor.diagnostics(uri, seen);
      assert.strictEqual(only(p.diagnostics).severity, 3);
    }
    const warnings = editor.messages.filter((m) => m.type === 2).map((m) => m.message);
    assert.strictEqual(warnings.filter((w) => w.includes('banana')).length, 1, warnings.join('\n'));
    assert.strictEqual(warnings.filter((w) => w.includes('loud')).length, 1, warnings.join('\n'));

    // goVersion 1.20 (no clear builtin) from the setting overrides go.mod's 1.22: no clear(m) fix.
    seen = editor.mark();
    editor.config = { goVersion: '1.20' };
    await editor.configChanged();
    await editor.diagnostics(uri, seen);
    const actions = await editor.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: { start: at(6, 3), end: at(6, 3) }, context: { diagnostics: [] },
    });
    assert.ok(actions.every((a) => !/clear\(m\)/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    editor.config = {};
    await editor.configChanged();
  });

  it('answers unknown methods and bad params with errors and keeps serving', async () => {
    await assert.rejects(editor.conn.sendRequest('goMapleak/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound);
    // A request about a document that is not open, and one with nonsense params: no answer to use, no crash.
    assert.strictEqual(await editor.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nope.go' }, position: at(0, 0) }), null);
    await editor.conn.sendRequest('textDocument/hover', { textDocument: {}, position: 'x' }).catch(() => undefined);
    await editor.conn.sendRequest('textDocument/codeAction', { textDocument: { uri } }).catch(() => undefined);
    // A change with positions past the end of the document is clamped, not fatal.
    const seen = editor.mark();
    version++;
    await editor.change(uri, version, { range: { start: at(99, 0), end: at(120, 4) }, text: '\n// end\n' });
    text += '\n// end\n';
    const p = await editor.diagnostics(uri, seen, (x) => x.version === version);
    assert.deepStrictEqual(only(p.diagnostics).range, shifted(1));
    const hover = await editor.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at(6, 4) });
    assert.ok(hover);
  });

  it('re-analyzes the other open files of a package when one changes', async () => {
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'decl.go'), 'package sub\n\nvar m = map[float64]int{}\n\nfunc drop() { m = nil }\n');
    const loop = 'package sub\n\nfunc reset() {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n';
    fs.writeFileSync(path.join(sub, 'loop.go'), loop);
    const loopUri = pathToFileURL(path.join(sub, 'loop.go')).href;
    const declUri = pathToFileURL(path.join(sub, 'decl.go')).href;
    await editor.open(loopUri, loop);
    const before = only((await editor.diagnostics(loopUri, 0)).diagnostics);
    assert.match(before.message as string, /NaN/, 'float64 keys from decl.go on disk');
    await editor.open(declUri, 'package sub\n\nvar m = map[float64]int{}\n\nfunc drop() { m = nil }\n');
    const seen = editor.mark();
    // Only the open buffer of decl.go changes (string keys); loop.go's diagnostic follows.
    await editor.change(declUri, 2, { range: { start: at(2, 12), end: at(2, 19) }, text: 'string' });
    const after = only((await editor.diagnostics(loopUri, seen)).diagnostics);
    assert.doesNotMatch(after.message as string, /NaN/);
    for (const u of [loopUri, declUri]) await editor.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('clears diagnostics on close', async () => {
    const seen = editor.mark();
    await editor.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const p = await editor.diagnostics(uri, seen);
    assert.deepStrictEqual(p.diagnostics, []);
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.strictEqual(await editor.stop(), 0);
  });
});

describe('protocol: an editor without workspace/configuration', function () {
  this.timeout(30_000);
  let dir: string;
  let editor: Editor;

  before(() => {
    // The bundle is built by the suite above (mocha runs this file's suites in order).
    dir = workspace();
    editor = new Editor();
  });
  after(() => {
    editor?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes settings from initializationOptions and didChangeConfiguration', async () => {
    const uri = pathToFileURL(path.join(dir, 'p.go')).href;
    await editor.initialize(dir, {}, { goMapleak: { rules: { rangeclear: { severity: 'error' } } } });
    await editor.open(uri, LOOP_GO);
    let p = await editor.diagnostics(uri, 0);
    assert.strictEqual(only(p.diagnostics).severity, 1);
    assert.strictEqual(editor.configRequests.length, 0);

    // Flat dotted keys, as users of other editors write them.
    let seen = editor.mark();
    await editor.configChanged({ goMapleak: { 'rules.rangeclear.severity': 'hint' } });
    p = await editor.diagnostics(uri, seen);
    assert.strictEqual(only(p.diagnostics).severity, 4);

    seen = editor.mark();
    await editor.configChanged({ goMapleak: { enable: false } });
    p = await editor.diagnostics(uri, seen);
    assert.deepStrictEqual(p.diagnostics, []);
    assert.strictEqual(await editor.stop(), 0);
  });

  it('uses the defaults when the editor answers workspace/configuration with null (Neovim, eglot)', async () => {
    const other = new Editor();
    try {
      other.config = null;
      const uri = pathToFileURL(path.join(dir, 'p.go')).href;
      await other.initialize(dir, { workspace: { configuration: true } });
      await other.open(uri, LOOP_GO);
      const p = await other.diagnostics(uri, 0);
      assert.strictEqual(only(p.diagnostics).severity, 3);
      assert.ok(other.configRequests.length > 0);
      assert.strictEqual(await other.stop(), 0);
    } finally {
      other.kill();
    }
  });
});

describe('protocol: node IPC, the VS Code client\'s transport', function () {
  this.timeout(30_000);

  it('initializes, publishes and exits over --node-ipc', async () => {
    const dir = workspace();
    const proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    try {
      const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification('textDocument/publishDiagnostics', resolve));
      conn.listen();
      const uri = pathToFileURL(path.join(dir, 'p.go')).href;
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      await conn.sendNotification('initialized', {});
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: LOOP_GO } });
      const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
      const p = await Promise.race([published, timeout(WAIT_MS)]);
      assert.strictEqual(only(p.diagnostics).code, 'rangeclear');
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      assert.strictEqual(await Promise.race([exited, timeout(WAIT_MS)]), 0);
    } finally {
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
