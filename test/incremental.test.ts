// Incremental analysis after an edit (server/src/lsp/incremental.ts): the edit log composes into
// one region, and findings moved after an edit inside a comment are exactly what a full analysis
// of the new text finds; edits of code or of directives are refused (the rules run again).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { analyze, analyzeFile } from '../server/src/analysis/analyze';
import { pointAt as pos } from '../server/src/lsp/documents';
import { commentAround, composeEdits, editedFunction, findingsAfterCommentEdit, functionEdit, mergeFindings, positionsOf, statementDigest, type EditSpan } from '../server/src/lsp/incremental';
import { spawnSync } from 'child_process';
import { parseGo, parseGoRange, type Parser, type Tree } from '../server/src/parse/parser';
import { goFile } from '../bench/gen-go';
import { goParser } from './analysistest';

const ROOT = path.resolve(__dirname, '..');
const SEED = 20261124;

function apply(text: string, e: { start: number; end: number; insert: string }): string {
  return text.slice(0, e.start) + e.insert + text.slice(e.end);
}

describe('incremental analysis', () => {
  let parser: Parser;
  before(async () => { parser = await goParser(); });

  it('composeEdits: the text outside the composed region is the same before and after any sequence of edits', () => {
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), insert: fc.string({ maxLength: 5 }) });
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (text0, raw) => {
      let text = text0;
      const spans: EditSpan[] = [];
      for (const r of raw) {
        const start = Math.min(r.a, r.b) % (text.length + 1), end = Math.max(start, Math.max(r.a, r.b) % (text.length + 1));
        spans.push({ start, oldEnd: end, newEnd: start + r.insert.length });
        text = apply(text, { start, end, insert: r.insert });
      }
      const c = composeEdits(spans)!;
      assert.strictEqual(text0.slice(0, c.start), text.slice(0, c.start));
      assert.strictEqual(text0.slice(c.oldEnd), text.slice(c.newEnd));
      assert.ok(c.start <= c.oldEnd && c.start <= c.newEnd);
    }), { seed: SEED, numRuns: 2000 });
  });

  // Files with findings and comments inside and between functions, near and inside flagged code.
  // `release`: an assignment that releases one of the file's package-level maps (other functions' findings change).
  const sources = [
    { name: 'examples/cache/cache.go', text: fs.readFileSync(path.join(ROOT, 'examples/cache/cache.go'), 'utf8'), release: 'sessions = nil\n' },
    { name: 'generated (bench/gen-go.ts, 400 lines)', text: goFile('big', 400), release: 'cache8 = nil\n' },
    // Block comments, where typing a newline moves every later finding down.
    { name: 'generated, with block comments', text: withBlockComments(goFile('big', 400)), release: 'cache8 = nil\n' },
  ];

  for (const src of sources) {
    it(`after typing, deleting or pasting inside a comment of ${src.name}, the moved findings equal a full analysis`, () => {
      const comments = [...src.text.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
      assert.ok(comments.length > 3);
      const oldTree = parseGo(parser, src.text);
      const oldFindings = analyze({ path: 'x.go', text: src.text, tree: oldTree });
      assert.ok(oldFindings.length > 0, 'the source has findings to move');
      let moved = 0;
      fc.assert(fc.property(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('x', ' ', '\n', 'ab', '', '/* c */', 'é😀'), (ci, p, q, insert) => {
        const c = comments[ci % comments.length];
        // Inside the comment, past its opening `//` or `/*` (and before a block comment's `*/`).
        const lo = c.start + 2, hi = src.text.startsWith('/*', c.start) ? c.end - 2 : c.end;
        const start = lo + (p % (hi - lo + 1)), end = Math.min(hi, start + (q % 4));
        const text = apply(src.text, { start, end, insert });
        const copy = oldTree.copy();
        copy.edit({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length, startPosition: pos(src.text, start), oldEndPosition: pos(src.text, end), newEndPosition: pos(text, start + insert.length) });
        const tree = parseGo(parser, text, copy);
        try {
          const got = findingsAfterCommentEdit({ text: src.text, findings: oldFindings, clean: true }, text, { start, oldEnd: end, newEnd: start + insert.length })?.findings;
          const full = analyze({ path: 'x.go', text, tree });
          // Undefined (the rules run again) is always correct; a moved answer must be exact.
          if (got) {
            moved++;
            assert.deepStrictEqual(got, full);
          }
        } finally {
          copy.delete();
          tree.delete();
        }
      }), { seed: SEED, numRuns: 150 });
      assert.ok(moved > 50, `most comment edits are taken incrementally (${moved} of 150)`);
      oldTree.delete();
    });
  }

  for (const src of sources) {
    it(`after an edit inside a function body of ${src.name}, that function's fresh findings with the others kept equal a full analysis`, () => {
      const bodies = [...src.text.matchAll(/^func [^\n]*\{\n/gm)].map((m) => m.index! + m[0].length);
      assert.ok(bodies.length > 3);
      const oldTree = parseGo(parser, src.text);
      const old = analyzeFile({ path: 'x.go', text: src.text, tree: oldTree });
      let incremental = 0, released = 0, rejectedRelease = 0;
      // Edits that keep most code valid: characters in names and literals, a new statement, a
      // deletion, and ones the digest must notice (an assignment, an address, a release).
      const inserts = fc.constantFrom('x', '1', ' ', '_ = 0\n', 'println(1)\n', src.release, '&', 'clear(m)\n', '', 'y := 2\n_ = y\n');
      fc.assert(fc.property(fc.nat(), fc.nat(40), fc.nat(3), inserts, (bi, off, del, insert) => {
        const start = bodies[bi % bodies.length] + off;
        const end = Math.min(src.text.length, start + del);
        const text = apply(src.text, { start, end, insert });
        const copy = oldTree.copy();
        copy.edit({ startIndex: start, oldEndIndex: end, newEndIndex: start + insert.length, startPosition: pos(src.text, start), oldEndPosition: pos(src.text, end), newEndPosition: pos(text, start + insert.length) });
        const tree = parseGo(parser, text, copy);
        let part: Tree | undefined;
        try {
          const span = editedFunction({ text: src.text, tree: oldTree }, text, { start, oldEnd: end, newEnd: start + insert.length });
          if (insert === src.release && !tree.rootNode.hasError) { released++; if (!span) rejectedRelease++; }
          if (!span) return;
          // The function parsed alone, analyzed with the package facts of the old whole parse.
          part = parseGoRange(parser, text, span.start, span.end, pos(text, span.start), pos(text, span.end));
          const fn = part.rootNode.namedChild(0);
          if (part.rootNode.hasError || !fn) return;
          const fresh = analyzeFile({ path: 'x.go', text, tree: part }, {}, undefined, [fn], { path: 'x.go', text: src.text, tree: oldTree });
          const merged = mergeFindings(old.findings, fresh.findings, functionEdit(fn, src.text, text, span.end));
          if (!merged) return;
          incremental++;
          assert.deepStrictEqual(merged, analyzeFile({ path: 'x.go', text, tree }).findings, JSON.stringify({ start, end, insert }));
        } finally {
          copy.delete();
          tree.delete();
          part?.delete();
        }
      }), { seed: SEED, numRuns: 150 });
      assert.ok(incremental > 20, `edits taken incrementally: ${incremental} of 150`);
      assert.ok(released > 0 && rejectedRelease === released, `every edit releasing a package map (${released}) made the whole file analyzed again`);
      oldTree.delete();
    });
  }

  it('statementDigest keeps what other declarations depend on and drops the rest', () => {
    const base = '{\n\tx := f(a)\n\tg(b) // note\n\ts.m = nil\n\tif c > d {\n\t\th(\n\t\t\te,\n\t\t)\n\t}\n}';
    const same = (a: string, b: string) => statementDigest(a) === statementDigest(b);
    assert.ok(same(base, base.replace('g(b)', 'g(b, 2)')), 'a call');
    assert.ok(same(base, base.replace('c > d', 'c < d')), 'a condition');
    assert.ok(same(base, base.replace('// note', '// other')), 'a comment');
    assert.ok(same(base, base.replace('e,', 'e2,')), 'an argument on a continuation line');
    assert.ok(!same(base, base.replace('f(a)', 'f(b)')), 'a declaration');
    assert.ok(!same(base, base.replace('s.m = nil', 's.n = nil')), 'an assignment');
    assert.ok(!same(base, base.replace('g(b)', 'g(&b)')), 'an address taken');
    assert.ok(!same(base, base.replace('g(b)', 'p.Put(b)')), 'a pool Put');
    assert.ok(!same(base, base.replace('g(b)', 'var q map[string]any')), 'a map type spelled');
    assert.ok(!same('{\n\tx :=\n\t\tf(a)\n}', '{\n\tx :=\n\t\tf(b)\n}'), 'a declaration continued on the next line');
  });

  it('positionsOf lists every position a finding holds (the moved findings depend on it)', () => {
    const all = (x: unknown, out: unknown[] = []): unknown[] => {
      if (typeof x !== 'object' || x === null) return out;
      if (typeof (x as { line?: unknown }).line === 'number' && typeof (x as { character?: unknown }).character === 'number') out.push(x);
      else Object.values(x).forEach((v) => all(v, out));
      return out;
    };
    let n = 0;
    for (const src of sources) {
      const tree = parseGo(parser, src.text);
      for (const f of analyze({ path: 'x.go', text: src.text, tree })) {
        const listed = new Set<unknown>(positionsOf(f));
        for (const p of all(f)) { assert.ok(listed.has(p), `${f.rule} ${JSON.stringify(p)}`); n++; }
      }
      tree.delete();
    }
    assert.ok(n > 100);
  });

  it('refuses edits of code, of a directive, and edits that open or close a comment', () => {
    const text = 'package p\n\n//go:build go1.22\n\nvar m = map[string]int{}\n\n// note\nfunc f() {\n\tfor k := range m { // why\n\t\tdelete(m, k)\n\t}\n}\n';
    const tree = parseGo(parser, text);
    const findings = analyze({ path: 'x.go', text, tree });
    assert.ok(findings.length > 0);
    const tryEdit = (at: number, end: number, insert: string) => {
      const next = apply(text, { start: at, end, insert });
      const t = parseGo(parser, next);
      try {
        return findingsAfterCommentEdit({ text, findings, clean: true }, next, { start: at, oldEnd: end, newEnd: at + insert.length })?.findings;
      } finally { t.delete(); }
    };
    const note = text.indexOf('// note') + 7;
    assert.ok(tryEdit(note, note, 's'), 'typing at the end of a plain comment is incremental');
    assert.strictEqual(tryEdit(text.indexOf('go1.22') + 5, text.indexOf('go1.22') + 6, '3'), undefined, '//go:build');
    assert.strictEqual(tryEdit(text.indexOf('delete(m, k)') + 10, text.indexOf('delete(m, k)') + 11, 'j'), undefined, 'code');
    assert.strictEqual(tryEdit(note, note, '\nvar x = 1'), undefined, 'a newline ends the line comment');
    const why = text.indexOf('// why') + 6;
    assert.strictEqual(tryEdit(why, why, '!'), undefined, 'a comment inside the flagged loop: the fix replaces the loop with its text');
    const slash = text.indexOf('// note');
    assert.strictEqual(tryEdit(slash, slash + 1, ''), undefined, 'the comment opening itself');
    assert.strictEqual(findingsAfterCommentEdit({ text, findings, clean: false }, apply(text, { start: note, end: note, insert: 's' }), { start: note, oldEnd: note, newEnd: note + 1 }), undefined,
      'a text that did not parse cleanly: tree-sitter may not have read the comment where a lexer does');
    tree.delete();
  });

  it('commentAround finds the comment tree-sitter finds, at any position of real Go files (strings, runes, raw strings)', () => {
    const files = [path.join(ROOT, 'examples/cache/cache.go'), ...goRootFiles()];
    let inComments = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const tree = parseGo(parser, text);
      assert.ok(!tree.rootNode.hasError, f);
      fc.assert(fc.property(fc.integer({ min: 1, max: text.length - 1 }), (i) => {
        // The node holding the character before i: an insertion at i goes into it (i may be a line comment's end).
        const n = tree.rootNode.descendantForIndex(Math.max(0, i - 1), i);
        const c = commentAround(text, i, i);
        const inside = n?.type === 'comment' && i >= n.startIndex + 2 && i <= n.endIndex - (text.startsWith('/*', n.startIndex) ? 2 : 0);
        if (inside) inComments++;
        assert.strictEqual(c !== undefined, inside, `${f}:${i}`);
        if (c && n) assert.deepStrictEqual([c.start, c.end], [n.startIndex, n.endIndex]);
      }), { seed: SEED, numRuns: 400 });
      tree.delete();
    }
    assert.ok(inComments > 20, `positions inside comments were tried (${inComments})`);
  });
});

/** Standard library files with strings, runes, raw strings and block comments, when go is here. */
function goRootFiles(): string[] {
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) {
    console.log('      (go is absent: the standard library files are left out)');
    return [];
  }
  return ['strconv/quote.go', 'text/template/parse/lex.go', 'go/scanner/scanner.go', 'regexp/syntax/parse.go']
    .map((f) => path.join(r.stdout.trim(), 'src', f)).filter((f) => fs.existsSync(f));
}

/** The text with a block comment before every tenth top-level function. */
function withBlockComments(text: string): string {
  let n = 0;
  return text.replace(/^func /gm, (m) => (n++ % 10 === 0 ? `/* block\n   comment ${n} */\n${m}` : m));
}
