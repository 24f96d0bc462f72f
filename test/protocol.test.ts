// Drives the bundled language server (`node dist/server.js --stdio`) the way an editor does:
// initialize, open, edit, ask for fixes and hovers, change settings, shut down.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ErrorCodes, ResponseError, type Diagnostic, type Range, type TextDocumentContentChangeEvent, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { applyEdits } from '../server/src/analysis/edits';
import { GO_MOD, LOOP_GO, tempTree } from './cli-harness';
import { at, buildServer, LspClient, ROOT } from './lsp-client';

const RULE_DOC = pathToFileURL(path.join(ROOT, 'docs', 'rules', 'rangeclear.md')).href;

/** A module whose p.go has a range-delete loop over a package map that is released: rangeclear only. */
const workspace = (): string => tempTree({ 'go.mod': GO_MOD, 'p.go': LOOP_GO });

const insert = (line: number, character: number, text: string): TextDocumentContentChangeEvent => ({ range: { start: at(line, character), end: at(line, character) }, text });

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
  let editor: LspClient;
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
    buildServer();
    dir = workspace();
    uri = pathToFileURL(path.join(dir, 'p.go')).href;
    editor = new LspClient();
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
    assert.deepStrictEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.go-mapleak', 'refactor.rewrite.go-mapleak'] });
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
    const actions = await editor.codeActions(uri, { start: at(6, 3), end: at(6, 3) }, { diagnostics: [d] });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.ok(quick.length >= 1, JSON.stringify(actions));
    const preferred = quick.filter((a) => a.isPreferred);
    assert.strictEqual(preferred.length, 1);
    assert.deepStrictEqual(preferred[0].diagnostics, [d]);
    assert.match(preferred[0].title, /clear\(m\)/);
    const fixed = applyEdits(text, editsFor(preferred[0].edit, uri, version));
    assert.match(fixed, /func reset\(\) \{\n\tclear\(m\)\n\}\n/);
    assert.doesNotMatch(fixed, /delete\(/);

    const all = await editor.codeActions(uri, { start: at(0, 0), end: at(0, 0) }, { diagnostics: [], only: ['source.fixAll'] });
    assert.deepStrictEqual(all.map((a) => a.kind), ['source.fixAll.go-mapleak']);
    assert.strictEqual(applyEdits(text, editsFor(all[0].edit, uri, version)), fixed);

    const elsewhere = await editor.codeActions(uri, { start: at(2, 0), end: at(2, 3) }, { diagnostics: [], only: ['quickfix'] });
    assert.deepStrictEqual(elsewhere, []);
  });

  it('explains the finding on hover, in markdown with the rule link; nothing elsewhere', async () => {
    const hover = await editor.hover(uri, at(6, 4));
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents, JSON.stringify(hover));
    assert.strictEqual(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.includes(RULE_DOC), hover.contents.value);
    assert.match(hover.contents.value, /`m`|\bm\b/);
    const none = await editor.hover(uri, at(2, 1));
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
    const actions = await editor.codeActions(uri, { start: at(6, 3), end: at(6, 3) }, { diagnostics: [] });
    assert.deepStrictEqual(actions, []);
  });

  it('clears everything when disabled, and warns once about invalid settings', async () => {
    let seen = editor.mark();
    editor.config = { enable: false };
    await editor.configChanged();
    let p = await editor.diagnostics(uri, seen);
    assert.deepStrictEqual(p.diagnostics, []);
    assert.strictEqual(await editor.hover(uri, at(6, 4)), null);

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
    const actions = await editor.codeActions(uri, { start: at(6, 3), end: at(6, 3) }, { diagnostics: [] });
    assert.ok(actions.every((a) => !/clear\(m\)/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    editor.config = {};
    await editor.configChanged();
  });

  it('answers unknown methods and bad params with errors and keeps serving', async () => {
    await assert.rejects(editor.conn.sendRequest('goMapleak/noSuchMethod', {}), (e: unknown) => e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound);
    // A request about a document that is not open, and one with nonsense params: no answer to use, no crash.
    assert.strictEqual(await editor.hover('file:///nope.go', at(0, 0)), null);
    await editor.conn.sendRequest('textDocument/hover', { textDocument: {}, position: 'x' }).catch(() => undefined);
    await editor.conn.sendRequest('textDocument/codeAction', { textDocument: { uri } }).catch(() => undefined);
    // A change with positions past the end of the document is clamped, not fatal.
    const seen = editor.mark();
    version++;
    await editor.change(uri, version, { range: { start: at(99, 0), end: at(120, 4) }, text: '\n// end\n' });
    text += '\n// end\n';
    const p = await editor.diagnostics(uri, seen, (x) => x.version === version);
    assert.deepStrictEqual(only(p.diagnostics).range, shifted(1));
    const hover = await editor.hover(uri, at(6, 4));
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
    for (const u of [loopUri, declUri]) await editor.close(u);
  });

  it('clears diagnostics on close', async () => {
    const seen = editor.mark();
    await editor.close(uri);
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
  let editor: LspClient;

  before(() => {
    // The bundle is built by the suite above (mocha runs this file's suites in order).
    dir = workspace();
    editor = new LspClient();
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
    const other = new LspClient();
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
    const client = new LspClient({ transport: 'node-ipc' });
    try {
      const uri = pathToFileURL(path.join(dir, 'p.go')).href;
      await client.initialize(dir);
      await client.open(uri, LOOP_GO);
      const p = await client.diagnostics(uri, 0);
      assert.strictEqual(only(p.diagnostics).code, 'rangeclear');
      assert.strictEqual(await client.stop(), 0);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
