// What the server keeps in memory for open files (lsp/analyzer.ts, lsp/documents.ts,
// workspace/packages.ts): one tree per open file, shared by its analysis and its neighbours'
// package views; no trees for packages with nothing open; beyond the tree budget, the least
// recently analyzed packages lose their trees and results, and their next analysis finds the same.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createGoParser, type Parser } from '../server/src/parse/parser';
import { Analyzer, RESOLVERS_KEPT } from '../server/src/lsp/analyzer';
import { DocumentStore, type OpenDocument } from '../server/src/lsp/documents';
import { mapHoverAt } from '../server/src/lsp/hover';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { ParsedFileCache } from '../server/src/workspace/trees';

const MAP = 'package p\n\nvar m = map[string][]byte{}\n\nfunc Reset() {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}\n';
const USE = 'package p\n\nfunc Use() { clear(m) }\n';
const OTHER = 'package p\n\nfunc Other() {}\n';

describe('lsp memory: trees and results of open files', () => {
  let parser: Parser;
  let root: string;
  let store: DocumentStore;
  let cache: ParsedFileCache;

  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const file = (rel: string) => path.join(root, rel);
  const open = (rel: string) => store.open(pathToFileURL(file(rel)).href, 'go', 1, fs.readFileSync(file(rel), 'utf8'));
  const close = (a: Analyzer, doc: OpenDocument) => { store.close(doc.uri); a.forget(doc.uri); };
  const seen = (a: Analyzer, doc: OpenDocument, rel: string) =>
    a.analyze(doc, DEFAULT_SETTINGS).context.packageFiles!.find((f) => f.path === file(rel))!;

  before(async () => { parser = await createGoParser(); });
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-memory-')));
    write('go.mod', 'module example.com/m\n\ngo 1.22\n');
    for (const pkg of ['a', 'b']) {
      write(`${pkg}/map.go`, MAP);
      write(`${pkg}/use.go`, USE);
      write(`${pkg}/other.go`, OTHER);
    }
    store = new DocumentStore(parser);
    cache = new ParsedFileCache(parser);
  });
  afterEach(() => {
    for (const d of store.all()) store.close(d.uri);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('an open file and its neighbour\'s package view share one tree; only closed files are parsed into the cache', () => {
    const analyzer = new Analyzer(store, cache);
    const map = open('a/map.go');
    const use = open('a/use.go');
    const viewed = seen(analyzer, map, 'a/use.go');
    assert.strictEqual(viewed, use.parsedFile(), 'the view hands out the open document\'s own parsed file');
    assert.strictEqual(viewed.tree, use.parsed());
    assert.strictEqual(analyzer.analyze(use, DEFAULT_SETTINGS).context.packageFiles!.find((f) => f.path === file('a/map.go')), map.parsedFile());
    assert.strictEqual(analyzer.analyze(map, DEFAULT_SETTINGS).file, map.parsedFile(), 'the run analyzes the document\'s parsed file');
    assert.ok(cache.has(file('a/other.go')), 'a closed sibling is parsed from disk into the cache');
    assert.ok(!cache.has(file('a/map.go')) && !cache.has(file('a/use.go')), 'open files have no second tree');
    assert.strictEqual(cache.size, 1);
  });

  it('a tree parsed from disk before the file opened is dropped once the document is seen', () => {
    const analyzer = new Analyzer(store, cache);
    const map = open('a/map.go');
    analyzer.analyze(map, DEFAULT_SETTINGS);
    assert.ok(cache.has(file('a/use.go')));
    const use = open('a/use.go');
    analyzer.touched(use.uri);
    assert.strictEqual(seen(analyzer, map, 'a/use.go').tree, use.parsed());
    assert.ok(!cache.has(file('a/use.go')), 'the disk tree of the now open file is deleted');
    assert.strictEqual(cache.size, 1, 'only other.go');
  });

  it('closing the last open file of a package deletes its trees', () => {
    const analyzer = new Analyzer(store, cache);
    const map = open('a/map.go');
    const use = open('a/use.go');
    analyzer.analyze(map, DEFAULT_SETTINGS);
    analyzer.analyze(use, DEFAULT_SETTINGS);
    close(analyzer, use);
    assert.ok(cache.has(file('a/other.go')));
    close(analyzer, map);
    assert.strictEqual(cache.size, 0);
    assert.ok(!map.hasTree && !use.hasTree);
  });

  it('beyond the tree budget the least recently analyzed package loses its trees and results, and is analyzed again to the same findings', () => {
    const analyzer = new Analyzer(store, cache, 1); // every package but the one being analyzed is over budget
    const a = open('a/map.go');
    const aUse = open('a/use.go');
    const first = analyzer.analyze(a, DEFAULT_SETTINGS);
    assert.deepStrictEqual(first.findings.map((f) => f.rule), ['rangeclear', 'mapretain']);
    assert.ok(a.hasTree && aUse.hasTree && cache.has(file('a/other.go')));

    const b = open('b/map.go');
    analyzer.analyze(b, DEFAULT_SETTINGS);
    assert.ok(!a.hasTree && !aUse.hasTree, 'package a\'s open documents released their trees');
    assert.ok(!cache.has(file('a/other.go')), 'and its files on disk theirs');
    assert.ok(b.hasTree && cache.has(file('b/other.go')), 'the package just analyzed keeps its trees');

    const again = analyzer.analyze(a, DEFAULT_SETTINGS);
    assert.notStrictEqual(again, first, 'the result went with the trees');
    assert.deepStrictEqual(again.findings, first.findings);
    assert.ok(!b.hasTree, 'now b is the least recently analyzed');
  });

  it(`only the ${RESOLVERS_KEPT} most recently used results keep their run's resolver; an older one answers hovers the same`, () => {
    const analyzer = new Analyzer(store, cache);
    const a = open('a/map.go');
    const run = analyzer.analyze(a, DEFAULT_SETTINGS);
    const context = run.context;
    const at = { line: 2, character: 4 }; // `m` in `var m = map...`
    const hover = mapHoverAt(run, at);
    assert.ok(hover, 'a map hover on m');

    // Results of other documents push it out: untitled buffers have no package, so no trees to budget.
    for (let i = 0; i < RESOLVERS_KEPT; i++) analyzer.analyze(store.open(`untitled:Untitled-${i}`, 'go', 1, OTHER), DEFAULT_SETTINGS);
    assert.strictEqual(analyzer.analyze(a, DEFAULT_SETTINGS), run, 'the same result, findings kept');
    assert.notStrictEqual(run.context, context, 'a new context object: no Pass (and resolver) is keyed by it');
    assert.deepStrictEqual(run.context, context, 'with the same package view');
    assert.deepStrictEqual(mapHoverAt(run, at), hover);
  });
});
