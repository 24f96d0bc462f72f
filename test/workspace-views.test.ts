// Package views (workspace/package.ts) and their cache (workspace/packages.ts): which files a file
// sees, and how the cache follows edits and file changes without listing directories again.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Range } from '../server/src/analysis/types';
import { createGoParser, type Parser } from '../server/src/parse/parser';
import { Analyzer } from '../server/src/lsp/analyzer';
import { DocumentStore } from '../server/src/lsp/documents';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { buildIgnored, factsOf, viewOf } from '../server/src/workspace/package';
import { PackageViews } from '../server/src/workspace/packages';
import { ParsedFileCache } from '../server/src/workspace/trees';
import { ruleByName } from '../server/src/analysis/rules';
import { discoverFiles } from '../server/src/workspace/discover';
import { lintFiles } from '../server/src/cli/lint';
import { analysisTest } from './analysistest';

analysisTest('mapretain', 'packageview', { tests: true }); // the views of test files: reported as with --tests

const names = (files: { path: string }[]) => files.map((f) => path.basename(f.path)).sort();

describe('package views: which files a file sees', () => {
  const dir = '/w/p';
  const files = [
    ['a.go', 'package p\n'],
    ['b.go', '// doc\npackage p\n'],
    ['a_test.go', 'package p\n'],
    ['b_test.go', 'package p\n'],
    ['x_test.go', 'package p_test\n'],
    ['y_test.go', '/* c */ package p_test\n'],
    ['_scratch.go', 'package p\n'],
    ['.hidden.go', 'package p\n'],
    ['gen.go', '//go:build ignore\n\npackage p\n'],
    ['main.go', 'package main\n'],
    ['empty.go', ''],
  ].map(([n, t]) => factsOf(path.join(dir, n), t));
  const viewNames = (n: string) => names(viewOf(files.find((f) => path.basename(f.path) === n)!, files));

  it('a non-test file sees the non-test files of its clause, nothing ignored', () => {
    assert.deepStrictEqual(viewNames('a.go'), ['b.go']);
  });
  it('an in-package test file sees the package and the other in-package test files', () => {
    assert.deepStrictEqual(viewNames('a_test.go'), ['a.go', 'b.go', 'b_test.go']);
  });
  it('an external test file sees only the other p_test files', () => {
    assert.deepStrictEqual(viewNames('x_test.go'), ['y_test.go']);
  });
  it('ignored files and files without a clause see nothing', () => {
    for (const n of ['_scratch.go', '.hidden.go', 'gen.go', 'empty.go']) assert.deepStrictEqual(viewNames(n), [], n);
  });
  it('a package really named x_test keeps its in-package tests', () => {
    const pkg = [factsOf('/w/q/q.go', 'package q_test\n'), factsOf('/w/q/q_test.go', 'package q_test\n')];
    assert.deepStrictEqual(names(viewOf(pkg[1], pkg)), ['q.go']);
  });
  it('honours only the certain build constraint: ignore', () => {
    assert.strictEqual(buildIgnored('//go:build ignore\n\npackage p\n'), true);
    assert.strictEqual(buildIgnored('// +build ignore\n\npackage p\n'), true);
    assert.strictEqual(buildIgnored('//go:build ignore && linux\n\npackage p\n'), false);
    assert.strictEqual(buildIgnored('//go:build linux\n// +build ignore\n\npackage p\n'), false, '//go:build wins over +build');
    assert.strictEqual(buildIgnored('package p\n\n//go:build ignore\n'), false, 'after the clause it is a comment');
    assert.strictEqual(buildIgnored('//go:build !ignore\n\npackage p\n'), false);
  });
});

describe('package views: the cache', () => {
  let parser: Parser;
  let dir: string;
  const write = (n: string, t: string) => fs.writeFileSync(path.join(dir, n), t);
  const file = (n: string) => path.join(dir, n);

  before(async () => { parser = await createGoParser(); });
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-views-')));
    write('a.go', 'package p\n');
    write('b.go', 'package p\n\nvar B = 1\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists and reads a directory once, and follows created, changed and deleted files', () => {
    const trees = new ParsedFileCache(parser);
    let reads = 0;
    const views = new PackageViews(trees, (p) => { reads++; return fs.readFileSync(p, 'utf8'); });
    const a = fs.readFileSync(file('a.go'), 'utf8');
    assert.deepStrictEqual(names(views.filesFor(file('a.go'), a)), ['b.go']);
    const bTree = views.filesFor(file('a.go'), a)[0].tree;
    assert.strictEqual(views.listings, 1);
    assert.strictEqual(reads, 1, 'b.go read once (a.go is given)');

    // Not seen until an event says so: no listing per analysis.
    write('c.go', 'package p\n');
    assert.deepStrictEqual(names(views.filesFor(file('a.go'), a)), ['b.go']);
    assert.strictEqual(views.fileChanged(file('c.go'), 'created'), true);
    assert.deepStrictEqual(names(views.filesFor(file('a.go'), a)), ['b.go', 'c.go']);

    write('b.go', 'package p\n\nvar B = 2\n');
    views.fileChanged(file('b.go'), 'changed');
    const b = views.filesFor(file('a.go'), a).find((f) => f.path.endsWith('b.go'))!;
    assert.match(b.text, /B = 2/);
    assert.notStrictEqual(b.tree, bTree, 'a new tree for the new text');

    // A changed package clause leaves the view.
    write('c.go', 'package other\n');
    views.fileChanged(file('c.go'), 'changed');
    assert.deepStrictEqual(names(views.filesFor(file('a.go'), a)), ['b.go']);

    fs.rmSync(file('b.go'));
    views.fileChanged(file('b.go'), 'deleted');
    assert.deepStrictEqual(names(views.filesFor(file('a.go'), a)), []);
    assert.strictEqual(views.listings, 1, 'never listed again');
    assert.strictEqual(views.fileChanged('/elsewhere/x.go', 'created'), false, 'a directory not cached is not affected');

    views.forgetDir(dir);
    assert.strictEqual(trees.size, 0, 'forgetting the directory frees its trees');
  });

  it('open buffers win over the disk, and an unsaved new file is part of the view', () => {
    const open = new Map<string, string>([[file('b.go'), 'package p\n\nvar B = 3\n'], [file('new.go'), 'package p\n']]);
    const views = new PackageViews(new ParsedFileCache(parser), undefined, {
      text: (p) => open.get(p),
      pathsIn: (d) => [...open.keys()].filter((p) => path.dirname(p) === d),
    });
    const seen = views.filesFor(file('a.go'), 'package p\n');
    assert.deepStrictEqual(names(seen), ['b.go', 'new.go']);
    assert.match(seen.find((f) => f.path.endsWith('b.go'))!.text, /B = 3/);
    open.delete(file('b.go'));
    open.delete(file('new.go'));
    const after = views.filesFor(file('a.go'), 'package p\n');
    assert.deepStrictEqual(names(after), ['b.go']);
    assert.match(after[0].text, /B = 1/, 'closed: the disk again');
  });
});

describe('lsp analyzer: package views follow edits and watched files', () => {
  let parser: Parser;
  let dir: string;
  const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const CLEAR = 'package p\n\nvar m = map[string]int{}\n\nfunc Reset() { clear(m) }\n';
  const uri = (f: string) => pathToFileURL(path.join(dir, f)).href;
  const rules = (a: Analyzer, doc: ReturnType<DocumentStore['open']>) => a.analyze(doc, DEFAULT_SETTINGS).findings.map((f) => f.rule);

  before(async () => { parser = await createGoParser(); });
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-analyzer-views-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/p\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'p.go'), CLEAR);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a sibling created, changed and deleted on disk changes the findings of an open file', () => {
    const store = new DocumentStore(parser);
    const analyzer = new Analyzer(store, new ParsedFileCache(parser));
    const doc = store.open(uri('p.go'), 'go', 1, CLEAR);
    assert.deepStrictEqual(rules(analyzer, doc), ['mapretain']);

    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    const due = analyzer.filesChanged([{ path: path.join(dir, 'drop.go'), change: 'created' }]);
    assert.deepStrictEqual(due.map((d) => d.uri), [doc.uri], 'the open file of that directory is due');
    assert.deepStrictEqual(rules(analyzer, doc), [], 'released in the new file');

    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() {}\n');
    analyzer.filesChanged([{ path: path.join(dir, 'drop.go'), change: 'changed' }]);
    assert.deepStrictEqual(rules(analyzer, doc), ['mapretain']);

    fs.writeFileSync(path.join(dir, 'drop.go'), 'package p\n\nfunc drop() { m = nil }\n');
    analyzer.filesChanged([{ path: path.join(dir, 'drop.go'), change: 'changed' }]);
    assert.deepStrictEqual(rules(analyzer, doc), []);
    fs.rmSync(path.join(dir, 'drop.go'));
    analyzer.filesChanged([{ path: path.join(dir, 'drop.go'), change: 'deleted' }]);
    assert.deepStrictEqual(rules(analyzer, doc), ['mapretain']);

    // A file elsewhere does not touch this document's cached result.
    const before = analyzer.analyze(doc, DEFAULT_SETTINGS);
    assert.deepStrictEqual(analyzer.filesChanged([{ path: path.join(os.tmpdir(), 'x', 'y.go'), change: 'created' }]), []);
    assert.strictEqual(analyzer.analyze(doc, DEFAULT_SETTINGS), before);
    assert.strictEqual(analyzer.views.listings, 1, 'the directory was listed once');
    store.close(doc.uri);
    analyzer.forget(doc.uri);
    assert.deepStrictEqual(analyzer.views.cachedDirs(), [], 'the last open file of the directory closed: its view is dropped');
  });

  it('an edit to an open sibling re-analyzes its neighbours, and test files stay out of the package', () => {
    const store = new DocumentStore(parser);
    const analyzer = new Analyzer(store, new ParsedFileCache(parser));
    const doc = store.open(uri('p.go'), 'go', 1, CLEAR);
    const sibling = store.open(uri('drop.go'), 'go', 1, 'package p\n\nfunc drop() {}\n');
    const test = store.open(uri('p_test.go'), 'go', 1, 'package p\n\nfunc dropForTest() { m = nil }\n');
    assert.deepStrictEqual(rules(analyzer, doc), ['mapretain'], 'a release in a test file does not run in the package');
    store.change(sibling.uri, 2, [{ range: r(2, 13, 2, 13), text: ' m = nil ' }]);
    analyzer.touched(sibling.uri);
    assert.deepStrictEqual(rules(analyzer, doc), [], 'the unsaved buffer of drop.go releases m');
    assert.strictEqual(analyzer.views.listings, 1);
    for (const d of [doc, sibling, test]) { store.close(d.uri); analyzer.forget(d.uri); }
  });
});

describe('cli: package views', () => {
  let dir: string;
  const write = (n: string, t: string) => fs.writeFileSync(path.join(dir, n), t);
  const mapretain = [ruleByName('mapretain')!];
  const byFile = (r: Awaited<ReturnType<typeof lintFiles>>) =>
    Object.fromEntries(r.files.map((f) => [path.basename(f.file), f.findings.map((x) => x.rule)]));

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-cli-views-')));
    write('go.mod', 'module example.com/p\n\ngo 1.22\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('analyzes test files, external tests and ignored files each against its own view', async () => {
    write('p.go', 'package p\n\nvar m = map[string]int{}\n\nfunc Reset() { clear(m) }\n');
    write('p_test.go', 'package p\n\nfunc drop() { m = nil }\n\nfunc resetForTest() { clear(m) }\n');
    write('x_test.go', 'package p_test\n\nvar m = map[string]int{}\n\nfunc reset() { clear(m) }\n');
    write('gen.go', '//go:build ignore\n\npackage p\n\nfunc init() { m = nil }\n');
    const report = await lintFiles(discoverFiles([dir], dir), { fix: false, minSeverity: 'hint', tests: true }, dir, mapretain);
    // gen.go (//go:build ignore) is outside every build target: not linted at all.
    assert.deepStrictEqual(byFile(report), {
      'p.go': ['mapretain'], // released only in the test binary and in a script go never builds with p
      'p_test.go': [], // the test binary releases it
      'x_test.go': ['mapretain'], // its own m: p's release is another package's
    });
    // Without --tests the retention rule leaves test files alone.
    const plain = await lintFiles(discoverFiles([dir], dir), { fix: false, minSeverity: 'hint' }, dir, mapretain);
    assert.deepStrictEqual(byFile(plain), { 'p.go': ['mapretain'], 'p_test.go': [], 'x_test.go': [] });
  });

  it('after --fix writes a file, its siblings are analyzed against the fixed text', async () => {
    // a.go is analyzed first and its view reads b.go and c.go; then b.go is fixed; c.go must see the fix.
    write('a.go', 'package p\n\nvar m = map[string]int{}\n');
    write('b.go', 'package p\n\nfunc B() {\n\tclear(m)\n}\n');
    write('c.go', 'package p\n\nfunc C() {\n\tclear(m)\n}\n');
    const report = await lintFiles(discoverFiles([dir], dir), { fix: true, minSeverity: 'hint' }, dir, mapretain);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'b.go'), 'utf8'), 'package p\n\nfunc B() {\n\tif len(m) > 100000 {\n\t\tm = make(map[string]int)\n\t} else {\n\t\tclear(m)\n\t}\n}\n');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'c.go'), 'utf8'), 'package p\n\nfunc C() {\n\tclear(m)\n}\n', 'b.go now releases m');
    assert.deepStrictEqual(byFile(report), { 'a.go': [], 'b.go': [], 'c.go': [] });
  });
});
