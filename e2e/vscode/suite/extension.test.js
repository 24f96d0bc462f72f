// Runs inside VS Code's extension host (code-server), with go-mapleak loaded from the repo folder
// and a copy of examples/ open as the workspace. What VS Code shows is compared with what the CLI
// reports for the same files, so these tests follow the analysis instead of pinning its text.
'use strict';
const assert = require('assert').strict;
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const SOURCE = 'go-mapleak';
const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const ws = () => vscode.workspace.workspaceFolders[0].uri.fsPath;
const fileOf = (rel) => path.join(ws(), rel);

/** The CLI's JSON report for `files` under `dir` (never the compiler: the editor does not build before a save). */
function cliJson(dir, files, extra = []) {
  let out;
  try {
    out = execFileSync(process.execPath, [CLI, '--format', 'json', '--compiler', 'off', '--min-severity', 'hint', ...extra, ...files], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings reported
    out = e.stdout;
  }
  return JSON.parse(out);
}

/** 1-based line and UTF-8 byte column (the CLI's) to a VS Code position (0-based, UTF-16). */
function toPosition(lines, line, byteColumn) {
  const text = lines[line - 1] ?? '';
  const prefix = Buffer.from(text, 'utf8').subarray(0, byteColumn - 1).toString('utf8');
  return new vscode.Position(line - 1, prefix.length);
}

function cliRange(lines, f) {
  return new vscode.Range(toPosition(lines, f.line, f.column), toPosition(lines, f.endLine, f.endColumn));
}

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

/** Resolves once `test(ours(uri))` holds, checking after every diagnostics change. */
function waitForDiagnostics(uri, test, what, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = ours(uri);
      if (!test(ds)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(ds);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(ours(uri).map(show))}`));
    }, timeoutMs);
    check();
  });
}

function show(d) {
  return { code: codeOf(d), severity: d.severity, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], message: d.message };
}

function sortKey(x) {
  return `${x.range.join(',')}|${x.code}`;
}

/** Opens `rel`, waits until VS Code holds as many go-mapleak diagnostics as the CLI reports, and returns both. */
async function diagnosticsAndCli(rel) {
  const uri = vscode.Uri.file(fileOf(rel));
  const doc = await vscode.workspace.openTextDocument(uri);
  const report = cliJson(ws(), [rel]);
  assert.ok(report.findings.length > 0, `the CLI reports nothing for ${rel}`);
  const ds = await waitForDiagnostics(uri, (d) => d.length >= report.findings.length, `${report.findings.length} diagnostics on ${rel}`);
  return { uri, doc, ds, report };
}

/** Applies edits given as the CLI's (1-based, byte columns) to `text`, last first. */
function applyCliEdits(text, edits) {
  const lines = text.split('\n');
  const offset = (line, col) => {
    const p = toPosition(lines, line, col);
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const spans = edits.map((e) => ({ start: offset(e.line, e.column), end: offset(e.endLine, e.endColumn), newText: e.newText }));
  spans.sort((a, b) => b.start - a.start);
  for (const s of spans) text = text.slice(0, s.start) + s.newText + text.slice(s.end);
  return text;
}

/** Puts `text` back as the document's content (the documents are not in an editor, so no undo). */
async function restore(doc, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.equal(doc.getText(), text);
}

async function applyAction(action) {
  assert.ok(action.edit, `code action "${action.title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of "${action.title}"`);
}

describe('go-mapleak in VS Code (code-server)', function () {
  before(async function () {
    const ext = vscode.extensions.getExtension('go-mapleak.go-mapleak');
    assert.ok(ext, 'the extension under development is not loaded');
    await ext.activate();
    assert.ok(vscode.workspace.isTrusted, 'the test workspace should be trusted (extension tests always are)');
  });

  it('reports each rule\'s findings as the CLI does: source, code, range, severity, message', async function () {
    const seen = new Set();
    for (const rel of ['cache/cache.go', 'ifacebox/latest.go']) {
      const { doc, ds, report } = await diagnosticsAndCli(rel);
      const lines = doc.getText().split('\n');
      const want = report.findings.map((f) => ({
        code: f.rule, severity: SEVERITY[f.severity], message: f.message,
        range: (({ start, end }) => [start.line, start.character, end.line, end.character])(cliRange(lines, f)),
      }));
      const got = ds.map(show);
      assert.deepEqual(got.sort((a, b) => sortKey(a).localeCompare(sortKey(b))), want.sort((a, b) => sortKey(a).localeCompare(sortKey(b))), rel);
      for (const d of ds) {
        seen.add(codeOf(d));
        // The rule's page is linked from the code (LSP codeDescription).
        assert.ok(typeof d.code === 'object' && /\/docs\/rules\/\w+\.md$/.test(d.code.target.path), `${codeOf(d)}: ${JSON.stringify(d.code)}`);
      }
    }
    assert.deepEqual([...seen].sort(), ['ifacebox', 'mapretain', 'rangeclear']);
  });

  it('applies a quick fix, giving the text of the CLI\'s fix for that finding', async function () {
    const rel = 'cache/cache.go';
    const { uri, doc, report } = await diagnosticsAndCli(rel);
    const before = doc.getText();
    const lines = before.split('\n');
    // Scores' local map: a rangeclear finding that no other finding overlaps.
    const finding = report.findings.find((f) => f.rule === 'rangeclear' && /clear\(counts\)/.test(f.message));
    assert.ok(finding, JSON.stringify(report.findings.map((f) => f.message)));
    const preferred = finding.fixes.find((f) => f.preferred);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, cliRange(lines, finding), vscode.CodeActionKind.QuickFix.value);
    const action = actions.find((a) => a.title === preferred.title);
    assert.ok(action, `no quick fix "${preferred.title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.isPreferred, true);
    await applyAction(action);
    assert.equal(doc.getText(), applyCliEdits(before, preferred.edits));
    assert.match(doc.getText(), /\tclear\(counts\)\n/);
    await restore(doc, before);
  });

  it('fixes the whole file as `go-mapleak --fix` does', async function () {
    const rel = 'cache/cache.go';
    const { uri, doc } = await diagnosticsAndCli(rel);
    const before = doc.getText();
    // --fix on a second copy of the workspace writes the golden.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-vscode-fix-'));
    try {
      fs.cpSync(ws(), copy, { recursive: true, filter: (p) => !p.includes(`${path.sep}.vscode`) });
      cliJson(copy, [rel], ['--fix']);
      const golden = fs.readFileSync(path.join(copy, rel), 'utf8');
      const all = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.go-mapleak');
      assert.equal(all.length, 1, JSON.stringify(all.map((a) => a.title)));
      assert.notEqual(golden, doc.getText(), 'the CLI fixed nothing');
      await applyAction(all[0]);
      assert.equal(doc.getText(), golden);
    } finally {
      await restore(doc, before);
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('hovers a cleared map with the simulation\'s bytes', async function () {
    const rel = 'cache/cache.go';
    const { uri, doc, report } = await diagnosticsAndCli(rel);
    const lines = doc.getText().split('\n');
    const finding = report.findings.find((f) => f.rule === 'rangeclear' && /clear\(sessions\)/.test(f.message));
    assert.ok(finding);
    // The CLI's fix preview and the hover come from the same simulation: its byte counts must appear.
    const bytes = [...finding.fixes[0].annotation.description.matchAll(/\(([\d,]+ B)\)/g)].map((m) => m[1]);
    assert.ok(bytes.length >= 2, finding.fixes[0].annotation.description);
    const at = lines[finding.line - 1].indexOf('sessions');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(finding.line - 1, at + 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\[go-mapleak: rangeclear\]/);
    assert.match(text, /\| 100,000 \|/);
    for (const b of bytes) assert.ok(text.includes(b), `hover lacks ${b}:\n${text}`);
  });

  it('takes a severity change from the settings without a restart', async function () {
    const rel = 'cache/cache.go';
    const { uri, ds } = await diagnosticsAndCli(rel);
    const rangeclear = (list) => list.filter((d) => codeOf(d) === 'rangeclear');
    assert.ok(rangeclear(ds).every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    const config = vscode.workspace.getConfiguration('goMapleak');
    await config.update('rules.rangeclear.severity', 'error', vscode.ConfigurationTarget.Workspace);
    try {
      const now = await waitForDiagnostics(uri, (d) => rangeclear(d).length > 0 && rangeclear(d).every((x) => x.severity === vscode.DiagnosticSeverity.Error), 'rangeclear as errors');
      assert.equal(rangeclear(now).length, rangeclear(ds).length);
      // The other rules keep theirs.
      assert.deepEqual(now.filter((d) => codeOf(d) === 'mapretain').map((d) => d.severity), ds.filter((d) => codeOf(d) === 'mapretain').map((d) => d.severity));
      await config.update('rules.rangeclear.severity', 'off', vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (d) => rangeclear(d).length === 0 && d.length > 0, 'rangeclear off');
    } finally {
      await config.update('rules.rangeclear.severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, (d) => rangeclear(d).length === rangeclear(ds).length && rangeclear(d).every((x) => x.severity === vscode.DiagnosticSeverity.Information), 'rangeclear back to information');
  });
});
