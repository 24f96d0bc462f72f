// The open-document store re-parses incrementally: every LSP change becomes a tree.edit and the
// next parse gets the edited old tree. After random edits the tree must equal a fresh parse,
// node for node and position for position.
import * as assert from 'assert';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createGoParser, parseGo, type Parser, type Tree, type SyntaxNode } from '../server/src/parse/parser';
import { DocumentStore, pointAt, pointAfter } from '../server/src/lsp/documents';

const SOURCE = [
  'package demo',
  '',
  '// Café ☕ and 😀: non-ASCII so UTF-16 columns matter.',
  'var cache = map[string]int{"é": 1, "😀": 2}',
  '',
  'func reset() {',
  '\tfor k := range cache {',
  '\t\tdelete(cache, k)',
  '\t}',
  '}',
  '',
  'type server struct{ seen map[int]struct{} }',
  '',
  'func (s *server) flush(n int) int {',
  '\tif n > 0 {',
  '\t\treturn n * 2',
  '\t}',
  '\treturn len(s.seen)',
  '}',
  '',
].join('\n');

const SNIPPETS = ['x', '\n', '}', '{', 'delete(cache, k)', '😀', 'é', '\r\n', ' := range ', '"', '/*', '*/', 'func f() {}\n', ''];

/** Every node with its positions: toString() alone would not show a wrong position. */
function dump(tree: Tree): string {
  const out: string[] = [];
  const visit = (n: SyntaxNode, depth: number): void => {
    out.push(`${' '.repeat(depth)}${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    for (const c of n.children) if (c) visit(c, depth + 1);
  };
  visit(tree.rootNode, 0);
  return out.join('\n');
}

/** A deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random range change in LSP terms against `text` (lines split as LSP does for \n). */
function randomChange(text: string, rand: () => number): TextDocumentContentChangeEvent {
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  // Never split a surrogate pair: an editor never does.
  const boundary = (o: number) => (o > 0 && o < text.length && /[\uDC00-\uDFFF]/.test(text[o]) ? o - 1 : o);
  const a = boundary(Math.floor(rand() * (text.length + 1)));
  const b = boundary(Math.min(text.length, a + Math.floor(rand() * 12)));
  const insert = SNIPPETS[Math.floor(rand() * SNIPPETS.length)];
  return { range: { start: pos(a), end: pos(b) }, text: insert };
}

describe('lsp documents: incremental re-parse', () => {
  let parser: Parser;
  before(async () => { parser = await createGoParser(); });

  it('computes tree-sitter points in UTF-16 columns with rows split at \\n', () => {
    const text = 'ab\n😀é\r\nx';
    assert.deepStrictEqual(pointAt(text, 0), { row: 0, column: 0 });
    assert.deepStrictEqual(pointAt(text, 3), { row: 1, column: 0 });
    assert.deepStrictEqual(pointAt(text, 6), { row: 1, column: 3 });
    assert.deepStrictEqual(pointAt(text, 8), { row: 2, column: 0 });
    assert.deepStrictEqual(pointAfter({ row: 4, column: 2 }, 'ab😀'), { row: 4, column: 6 });
    assert.deepStrictEqual(pointAfter({ row: 4, column: 2 }, 'a\nbc\nd😀'), { row: 6, column: 3 });
  });

  it('matches a fresh parse after random edits, and parses with the edited old tree', () => {
    // Spy on the parser: record whether each parse got an old tree that had been edited.
    const calls: { incremental: boolean; edited: boolean }[] = [];
    const live = new Set<Tree>();
    const realParse = parser.parse.bind(parser);
    const spy = new Proxy(parser, {
      get(target, prop, receiver) {
        if (prop !== 'parse') return Reflect.get(target, prop, receiver);
        return (text: string, old?: Tree | null) => {
          calls.push({ incremental: !!old, edited: !!old && old.rootNode.hasChanges });
          const tree = realParse(text, old ?? null);
          if (tree) {
            live.add(tree);
            const del = tree.delete.bind(tree);
            tree.delete = () => { live.delete(tree); del(); };
          }
          return tree;
        };
      },
    });

    const store = new DocumentStore(spy);
    const doc = store.open('file:///tmp/demo.go', 'go', 1, SOURCE);
    doc.parsed();
    for (const seed of [1, 2, 3, 4, 5]) {
      const rand = rng(seed);
      for (let round = 0; round < 40; round++) {
        // One to three changes per notification, each relative to the text after the previous one.
        const changes: TextDocumentContentChangeEvent[] = [];
        let text = doc.text.getText();
        const n = 1 + Math.floor(rand() * 3);
        for (let i = 0; i < n; i++) {
          const c = randomChange(text, rand);
          changes.push(c);
          const probe = store.open('file:///tmp/probe.go', 'go', 0, text);
          probe.applyChanges([c], 1);
          text = probe.text.getText();
          store.close('file:///tmp/probe.go');
        }
        store.change(doc.uri, doc.version + 1, changes);
        assert.strictEqual(doc.text.getText(), text);
        const fresh = parseGo(parser, text);
        try {
          const got = doc.parsed();
          assert.strictEqual(got.rootNode.toString(), fresh.rootNode.toString(), `seed ${seed} round ${round}`);
          assert.strictEqual(dump(got), dump(fresh), `seed ${seed} round ${round}`);
        } finally {
          fresh.delete();
        }
      }
    }
    // The first parse is from scratch; every later one reuses the old tree after tree.edit.
    assert.strictEqual(calls[0].incremental, false);
    assert.ok(calls.length > 150, `parses: ${calls.length}`);
    const later = calls.slice(1);
    assert.ok(later.every((c) => c.incremental && c.edited), 'every re-parse got an edited old tree');
    // Only the current tree is alive: replaced trees were freed.
    assert.strictEqual(live.size, 1);
    store.close(doc.uri);
    assert.strictEqual(live.size, 0);
  });

  it('re-parses once per burst, lazily', () => {
    let parses = 0;
    const counting = new Proxy(parser, {
      get: (t, p, r) => (p === 'parse' ? (...a: Parameters<Parser['parse']>) => { parses++; return t.parse(...a); } : Reflect.get(t, p, r)),
    });
    const store = new DocumentStore(counting);
    const doc = store.open('file:///tmp/burst.go', 'go', 1, SOURCE);
    const first = doc.parsed();
    for (let v = 2; v < 10; v++) store.change(doc.uri, v, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }]);
    assert.strictEqual(parses, 1);
    const tree = doc.parsed();
    assert.notStrictEqual(tree, first);
    assert.strictEqual(doc.parsed(), tree);
    assert.strictEqual(parses, 2);
    assert.strictEqual(tree.rootNode.descendantForPosition({ row: 14, column: 2 })?.text, 'for');
    store.close(doc.uri);
  });

  it('handles a full-text change and clamps out-of-range positions', () => {
    const store = new DocumentStore(parser);
    const doc = store.open('file:///tmp/full.go', 'go', 1, 'package a\n');
    doc.parsed();
    store.change(doc.uri, 2, [{ text: 'package b\n\nvar x = 1\n' }]);
    assert.match(doc.parsed().rootNode.toString(), /var_declaration/);
    // A range far past the end is clamped to the end of the text.
    store.change(doc.uri, 3, [{ range: { start: { line: 99, character: 5 }, end: { line: 120, character: 0 } }, text: 'var y = 2\n' }]);
    assert.strictEqual(doc.text.getText(), 'package b\n\nvar x = 1\nvar y = 2\n');
    const fresh = parseGo(parser, doc.text.getText());
    assert.strictEqual(dump(doc.parsed()), dump(fresh));
    fresh.delete();
    store.close(doc.uri);
  });
});
