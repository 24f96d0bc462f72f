// The server's building blocks without a connection: settings, severity mapping,
// code actions, hover, debouncing and the analyzer's view of a package with open buffers.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding } from '../server/src/analysis/types';
import { applyEdits } from '../server/src/analysis/edits';
import { createGoParser, type Parser } from '../server/src/parse/parser';
import { ParsedFileCache } from '../server/src/workspace/context';
import { SettingsSource } from '../server/src/lsp/settings';
import { readSettings, sectionOf, DEFAULT_SETTINGS } from '../server/src/config/settings';
import { diagnosticsOf } from '../server/src/lsp/diagnostics';
import { ruleDocUri, ruleDocsDir } from '../server/src/ruledocs';
import { fixAll, quickFixes, touches, wanted } from '../server/src/lsp/codeactions';
import { hoverAt } from '../server/src/lsp/hover';
import { Debouncer } from '../server/src/lsp/scheduler';
import { DocumentStore } from '../server/src/lsp/documents';
import { Analyzer } from '../server/src/lsp/analyzer';

const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

function finding(range: ReturnType<typeof r>, fixes: Finding['fixes'], severity: Finding['severity'] = 'information'): Finding {
  return { rule: 'rangeclear', message: 'msg', range, severity, fixes, explanation: 'Explains `m`.', impact: { level: 'medium', evidence: [] } };
}

describe('lsp settings', () => {
  it('reads nested, flat and wrapped forms alike', () => {
    const nested = readSettings({ enable: false, goVersion: '1.21', rules: { rangeclear: { severity: 'warning' } } }).settings;
    const flat = readSettings(sectionOf({ 'goMapleak.enable': false, 'goMapleak.goVersion': 'go1.21', 'goMapleak.rules.rangeclear.severity': 'warning' })).settings;
    const mixed = readSettings(sectionOf({ goMapleak: { enable: false, goVersion: '1.21.0', rules: { 'rangeclear.severity': 'warning' } } })).settings;
    for (const s of [nested, flat, mixed]) {
      assert.strictEqual(s.enable, false);
      assert.deepStrictEqual(s.goVersion, { major: 1, minor: 21, patch: 0 });
      assert.strictEqual(s.severities.get('rangeclear.severity'), 'warning');
    }
  });

  it('ignores invalid values with a warning each, and nothing at all means defaults', () => {
    const { settings, warnings } = readSettings({ enable: 'yes', goVersion: 'banana', rules: { rangeclear: { severity: 'Warning' } } });
    assert.strictEqual(settings.enable, true);
    assert.strictEqual(settings.goVersion, undefined);
    assert.strictEqual(settings.severities.size, 0);
    assert.strictEqual(warnings.length, 3);
    assert.match(warnings[0], /enable "yes" is not true or false/);
    assert.match(warnings[1], /banana/);
    assert.match(warnings[2], /Warning.*off, hint, information, warning, error/);
    for (const none of [undefined, null, {}, 42]) assert.deepStrictEqual(readSettings(none), { settings: DEFAULT_SETTINGS, warnings: [] });
    assert.deepStrictEqual(readSettings({ goVersion: '' }).settings.goVersion, undefined);
  });

  it('pulls per scope once until a change, falls back to pushed settings, warns once', async () => {
    const pulls: string[] = [];
    let answer: unknown = { rules: { rangeclear: { severity: 'loud' } } };
    const warnings: string[] = [];
    const src = new SettingsSource(async (scope) => { pulls.push(scope); return answer; }, (w) => warnings.push(w), { goMapleak: { enable: false } });
    const a = await src.get('file:///a.go');
    assert.strictEqual(await src.get('file:///a.go'), a);
    await src.get('file:///b.go');
    assert.deepStrictEqual(pulls, ['file:///a.go', 'file:///b.go']);
    assert.strictEqual(warnings.length, 1, 'the same warning is shown once');
    // The client answers null (nothing configured): the initializationOptions apply.
    answer = null;
    src.changed(null);
    assert.strictEqual((await src.get('file:///a.go')).enable, false);
    assert.strictEqual(pulls.length, 3);
    // A client that refuses the request: pushed settings from didChangeConfiguration.
    const refusing = new SettingsSource(() => Promise.reject(new Error('no')), () => undefined);
    refusing.changed({ goMapleak: { rules: { rangeclear: { severity: 'off' } } } });
    assert.strictEqual((await refusing.get('file:///a.go')).severities.get('rangeclear.severity'), 'off');
  });
});

describe('lsp diagnostics', () => {
  it('maps severities through one table, honours overrides and off, links the rule doc', () => {
    const f = [finding(r(1, 0, 1, 3), [], 'hint'), finding(r(2, 0, 2, 3), [], 'warning')];
    const dir = path.join(os.tmpdir(), 'ext', 'docs', 'rules');
    const plain = diagnosticsOf(f, DEFAULT_SETTINGS, dir).map((d) => d.diagnostic);
    assert.deepStrictEqual(plain.map((d) => d.severity), [DiagnosticSeverity.Hint, DiagnosticSeverity.Warning]);
    assert.strictEqual(plain[0].source, 'go-mapleak');
    assert.strictEqual(plain[0].code, 'rangeclear');
    assert.strictEqual(plain[0].codeDescription?.href, pathToFileURL(path.join(dir, 'rangeclear.md')).href);
    assert.strictEqual(ruleDocUri('rangeclear', '/x y/docs/rules'), 'file:///x%20y/docs/rules/rangeclear.md');
    assert.ok(fs.existsSync(path.join(ruleDocsDir(), 'rangeclear.md')), `ruleDocsDir() = ${ruleDocsDir()} has no rangeclear.md`);
    const err = diagnosticsOf(f, { ...DEFAULT_SETTINGS, severities: new Map([['rangeclear.severity', 'error']]) }, dir);
    assert.deepStrictEqual(err.map((d) => d.diagnostic.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
    assert.deepStrictEqual(diagnosticsOf(f, { ...DEFAULT_SETTINGS, severities: new Map([['rangeclear.severity', 'off']]) }, dir), []);
  });
});

describe('lsp code actions and hover', () => {
  const text = 'package p\n\nfunc f() {\n\tA\n\tB\n}\n';
  const doc = { uri: 'file:///p.go', version: 7, text };
  const fA = finding(r(3, 1, 3, 2), [
    { title: 'A to a', preferred: true, edits: [{ range: r(3, 1, 3, 2), newText: 'a' }] },
    { title: 'A to aa', preferred: false, edits: [{ range: r(3, 1, 3, 2), newText: 'aa' }] },
  ]);
  // Overlaps A's preferred edit: fixAll must skip it rather than corrupt the text.
  const fAB = finding(r(3, 1, 4, 2), [{ title: 'A+B', preferred: true, edits: [{ range: r(3, 1, 4, 2), newText: 'x' }] }]);
  const fB = finding(r(4, 1, 4, 2), [{ title: 'B to b', preferred: true, edits: [{ range: r(4, 1, 4, 2), newText: 'b' }] }]);

  it('matches ranges and kinds as LSP defines them', () => {
    assert.ok(touches(r(3, 1, 3, 2), r(3, 2, 3, 2)), 'a cursor at the end touches');
    assert.ok(!touches(r(3, 1, 3, 2), r(3, 3, 3, 4)));
    assert.ok(wanted('source.fixAll.go-mapleak', ['source']));
    assert.ok(wanted('source.fixAll.go-mapleak', ['source.fixAll']));
    assert.ok(!wanted('source.fixAll.go-mapleak', ['quickfix']));
    assert.ok(!wanted('quickfix', ['source.fixAll']));
    assert.ok(wanted('quickfix', undefined));
  });

  it('gives each fix of a touched finding as a versioned quickfix, the preferred one marked', () => {
    const items = [fA, fB].map((f) => ({ finding: f, diagnostic: diagnosticsOf([f], DEFAULT_SETTINGS, '/d')[0].diagnostic }));
    const actions = quickFixes(doc, items, r(3, 1, 3, 1));
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['A to a', 'quickfix', true], ['A to aa', 'quickfix', false]]);
    assert.deepStrictEqual(actions[0].diagnostics, [items[0].diagnostic]);
    assert.deepStrictEqual(actions[0].edit, { documentChanges: [{ textDocument: { uri: doc.uri, version: 7 }, edits: fA.fixes[0].edits }] });
  });

  it('fixAll applies the preferred fixes that do not overlap', () => {
    const all = fixAll(doc, [fA, fAB, fB])!;
    assert.strictEqual(all.kind, 'source.fixAll.go-mapleak');
    const edits = (all.edit!.documentChanges![0] as { edits: { range: ReturnType<typeof r>; newText: string }[] }).edits;
    assert.strictEqual(applyEdits(text, edits), 'package p\n\nfunc f() {\n\ta\n\tb\n}\n');
    assert.strictEqual(fixAll(doc, [finding(r(0, 0, 0, 1), [])]), undefined);
  });

  it('hovers with the explanation and the rule link inside a finding only', () => {
    const h = hoverAt([fA], { line: 3, character: 1 }, '/ext/docs/rules');
    assert.deepStrictEqual(h?.contents, { kind: 'markdown', value: 'Explains `m`.\n\n[go-mapleak: rangeclear](file:///ext/docs/rules/rangeclear.md)' });
    assert.strictEqual(hoverAt([fA], { line: 3, character: 2 }, '/d'), null, 'the end is exclusive');
    assert.strictEqual(hoverAt([fA], { line: 99, character: 0 }, '/d'), null);
  });
});

describe('lsp debouncer', () => {
  it('runs only the last task of a burst, after the delay', async () => {
    const d = new Debouncer(30);
    const ran: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) d.schedule('a', () => ran.push(i));
    d.schedule('b', () => ran.push(100));
    assert.ok(d.pending('a'));
    await new Promise((res) => setTimeout(res, 80));
    assert.deepStrictEqual(ran.sort((x, y) => x - y), [4, 100]);
    assert.ok(Date.now() - t0 >= 30);
    d.schedule('a', () => ran.push(5));
    d.cancel('a');
    d.dispose();
    await new Promise((res) => setTimeout(res, 50));
    assert.deepStrictEqual(ran, [4, 100]);
  });
});

describe('lsp analyzer', () => {
  let parser: Parser;
  let dir: string;
  before(async () => {
    parser = await createGoParser();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-analyzer-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'decl.go'), 'package p\n\nvar m = map[float64]int{}\n\nfunc drop() { m = nil }\n');
    fs.writeFileSync(path.join(dir, 'loop.go'), 'package p\n\nfunc reset() {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sees the package through open buffers first, and caches per version and settings', () => {
    const store = new DocumentStore(parser);
    const analyzer = new Analyzer(store, new ParsedFileCache(parser));
    const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
    const loop = store.open(uri('loop.go'), 'go', 1, fs.readFileSync(path.join(dir, 'loop.go'), 'utf8'));
    const title = () => analyzer.analyze(loop, DEFAULT_SETTINGS).findings[0].fixes.find((f) => f.preferred)!.title;
    // decl.go on disk has float64 keys: clear also removes NaN keys, and the title says so.
    assert.match(title(), /NaN/);
    const first = analyzer.analyze(loop, DEFAULT_SETTINGS);
    assert.strictEqual(analyzer.analyze(loop, DEFAULT_SETTINGS), first, 'same version and settings: cached');

    // Open decl.go and change its key type in the buffer only: the loop's file sees string keys.
    const decl = store.open(uri('decl.go'), 'go', 1, fs.readFileSync(path.join(dir, 'decl.go'), 'utf8'));
    assert.deepStrictEqual(analyzer.neighbours(loop.uri).map((d) => d.uri), [decl.uri]);
    store.change(decl.uri, 2, [{ range: r(2, 12, 2, 19), text: 'string' }]);
    analyzer.touched(decl.uri); // the server's didChange does this before re-analyzing the neighbours
    assert.doesNotMatch(title(), /NaN/);

    // With the rule off it does not run at all.
    const off = { ...DEFAULT_SETTINGS, severities: new Map([['rangeclear.severity', 'off' as const]]) };
    assert.deepStrictEqual(analyzer.analyze(loop, off).findings, []);
    store.close(decl.uri);
    store.close(loop.uri);
  });
});
