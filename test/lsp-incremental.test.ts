// The server's analysis of an open document while it is typed into (lsp/analyzer.ts with
// lsp/incremental.ts): after any run of edits (in comments, in function bodies, anywhere, in
// bursts analyzed once), the findings equal those of a fresh server opening the same text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createGoParser, type Parser } from '../server/src/parse/parser';
import { Analyzer } from '../server/src/lsp/analyzer';
import { DocumentStore } from '../server/src/lsp/documents';
import { DEFAULT_SETTINGS } from '../server/src/config/settings';
import { ParsedFileCache } from '../server/src/workspace/trees';
import { goFile } from '../bench/gen-go';

const SEED = 20261124;

describe('lsp: findings while typing equal a fresh analysis', () => {
  let parser: Parser;
  let dir: string;
  before(async () => {
    parser = await createGoParser();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-incremental-')));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    // A sibling that releases one map and clears another: other files' facts take part.
    fs.writeFileSync(path.join(dir, 'other.go'), 'package big\n\nfunc releaseSome() {\n\tcache8 = nil\n\tclear(index6)\n}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('after bursts of random edits to a 400-line file (comments, bodies, anywhere)', () => {
    // Block comments too: a newline typed in one moves every later finding (and compiler site) down.
    const text0 = goFile('big', 400).replace(/^func attrs/gm, '/* block\n   comment */\nfunc attrs');
    const file = path.join(dir, 'big.go');
    fs.writeFileSync(file, text0);
    const uri = pathToFileURL(file).href;
    // Where edits land (in the current text): inside comments, inside string arguments (in
    // bodies), after a body's `{`, and anywhere.
    const places = (text: string) => ({
      comments: [...text.matchAll(/\/\/[^\n]*|\/\*[^*]*\*\//g)].map((m) => ({ at: m.index! + 2, len: m[0].length - (m[0].startsWith('/*') ? 4 : 2) })),
      bodies: [...text.matchAll(/\{\n/g)].map((m) => m.index! + 2),
      literals: [...text.matchAll(/\("/g)].map((m) => m.index! + 2),
    });
    const edit = fc.record({
      where: fc.oneof({ arbitrary: fc.constant('comment'), weight: 3 }, { arbitrary: fc.constant('literal'), weight: 3 }, fc.constant('body'), fc.constant('anywhere')),
      pick: fc.nat(), off: fc.nat(30), del: fc.nat(3),
      insert: fc.constantFrom('x', ' ', '\n', '1', '_ = 0\n', 'cache8 = nil\n', '&', '}', '// c', '"', ''),
    });
    let runs = 0;
    const hows = new Map<string, number>();
    let rebased = 0;
    fc.assert(fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (bursts) => {
      const store = new DocumentStore(parser);
      const analyzer = new Analyzer(store, new ParsedFileCache(parser));
      const doc = store.open(uri, 'go', 1, text0);
      analyzer.analyze(doc, DEFAULT_SETTINGS);
      let version = 1;
      // Edits that may break the syntax come last: after a syntax error every run is a full one.
      const rank = (b: { where: string }[]) => (b[0].where === 'comment' || b[0].where === 'literal' ? 0 : 1);
      for (const burst of [...bursts].sort((a, b) => rank(a) - rank(b))) {
        // A burst types in one place kind, as a person does: comment, literal or anywhere.
        for (const e of burst.map((x) => ({ ...x, where: burst[0].where }))) {
          const text = doc.text.getText();
          const { comments, bodies, literals } = places(text);
          const c = comments[e.pick % comments.length];
          const base = e.where === 'comment' ? c.at : e.where === 'literal' ? literals[e.pick % literals.length]
            : e.where === 'body' ? bodies[e.pick % bodies.length] : e.pick;
          // Comment and literal edits stay inside (as typing there does); the others go anywhere near.
          const off = e.where === 'literal' ? e.off % 3 : e.where === 'comment' ? e.off % Math.max(1, c.len) : e.off;
          const del = e.where === 'literal' || e.where === 'comment' ? 0 : e.del;
          const start = Math.min(text.length, base + off), end = Math.min(text.length, start + del);
          store.change(uri, ++version, [{ range: { start: doc.text.positionAt(start), end: doc.text.positionAt(end) }, text: e.insert }]);
        }
        const incremental = analyzer.analyze(doc, DEFAULT_SETTINGS);
        hows.set(incremental.how, (hows.get(incremental.how) ?? 0) + 1);
        const freshStore = new DocumentStore(parser);
        const fresh = new Analyzer(freshStore, new ParsedFileCache(parser)).analyze(freshStore.open(uri, 'go', version, doc.text.getText()), DEFAULT_SETTINGS);
        assert.deepStrictEqual(incremental.findings, fresh.findings, `after ${JSON.stringify(bursts)}`);
        assert.strictEqual(incremental.compilerCandidates, fresh.compilerCandidates);
        assert.deepStrictEqual(incremental.compilerCandidateStarts, fresh.compilerCandidateStarts);
        freshStore.all().forEach((d) => freshStore.close(d.uri));
        // A pause in typing now and then: the server parses the document whole (a new base).
        if (version % 3 === 0 && analyzer.rebase(doc)) rebased++;
      }
      store.all().forEach((d) => store.close(d.uri));
      runs++;
    }), { seed: SEED, numRuns: 40 });
    assert.strictEqual(runs, 40);
    // Each way was taken, and checked, several times.
    for (const how of ['comment', 'function', 'full']) assert.ok((hows.get(how) ?? 0) >= 5, `${how}: ${hows.get(how) ?? 0} of ${[...hows.values()].reduce((a, b) => a + b, 0)}`);
    assert.ok(rebased >= 5, `runs after a whole parse in a pause: ${rebased}`);
  });

  /** The generated 400-line file as big.go. */
  const writeBig = () => {
    const text = goFile('big', 400);
    const file = path.join(dir, 'big.go');
    fs.writeFileSync(file, text);
    return { text, uri: pathToFileURL(file).href };
  };
  /** The position just past the first `needle` in `text`. */
  const positionAfter = (text: string, needle: string) => TextDocument.create('file:///x.go', 'go', 0, text).positionAt(text.indexOf(needle) + needle.length);

  it('typing in a function body parses that function alone, until the whole file is asked for', () => {
    const { text, uri } = writeBig();
    const store = new DocumentStore(parser);
    const analyzer = new Analyzer(store, new ParsedFileCache(parser));
    const doc = store.open(uri, 'go', 1, text);
    try {
      analyzer.analyze(doc, DEFAULT_SETTINGS);
      let whole = 0;
      const parsed = doc.parsed.bind(doc);
      doc.parsed = () => { whole++; return parsed(); };
      const { line, character } = positionAfter(text, 'errors.New("');
      for (let i = 0; i < 5; i++) {
        store.change(uri, 2 + i, [{ range: { start: { line, character: character + i }, end: { line, character: character + i } }, text: 'x' }]);
        assert.strictEqual(analyzer.analyze(doc, DEFAULT_SETTINGS).how, 'function');
      }
      assert.strictEqual(whole, 0, 'no whole-file parse while typing');
      // A hover or code action reads the tree: then the whole file is parsed, once.
      const run = analyzer.analyze(doc, DEFAULT_SETTINGS);
      assert.ok(run.file.tree.rootNode.text.includes('errors.New("xxxxx'));
      assert.strictEqual(whole, 1);
    } finally {
      store.close(uri);
    }
  });

  it('after typing in a comment, a pause lets the next keystroke in a function body take the function path', () => {
    const { text, uri } = writeBig();
    const comment = positionAfter(text, '// reset empties'), code = positionAfter(text, 'errors.New("');
    for (const pause of [false, true]) {
      const store = new DocumentStore(parser);
      const analyzer = new Analyzer(store, new ParsedFileCache(parser));
      const doc = store.open(uri, 'go', 1, text);
      try {
        analyzer.analyze(doc, DEFAULT_SETTINGS);
        assert.strictEqual(analyzer.rebase(doc), false, 'a whole analysis parsed the document already');
        store.change(uri, 2, [{ range: { start: comment, end: comment }, text: 'x' }]);
        assert.strictEqual(analyzer.analyze(doc, DEFAULT_SETTINGS).how, 'comment');
        if (pause) {
          assert.strictEqual(analyzer.rebase(doc), true);
          assert.strictEqual(analyzer.rebase(doc), false, 'once per version');
        }
        // Without the pause the edits since the base lie in two places: the whole file again.
        store.change(uri, 3, [{ range: { start: code, end: code }, text: 'y' }]);
        assert.strictEqual(analyzer.analyze(doc, DEFAULT_SETTINGS).how, pause ? 'function' : 'full');
      } finally {
        store.close(uri);
      }
    }
  });
});
