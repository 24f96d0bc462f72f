// analyze() on damaged and hostile Go text: real files (fixtures, examples, a few of the Go
// standard library's) truncated, cut, sprinkled with random bytes and invalid UTF-8 (as an editor
// decodes it: U+FFFD and lone surrogates), nested 10,000 deep, and a 10 MB line. No rule may
// throw (analyze would hide it, so each rule is wrapped here to tell), and analyze alone, parse
// excluded, stays within the budget of 1 s per 100 KB, counting a smaller file as 100 KB.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { analyze } from '../server/src/analysis/analyze';
import { RULES } from '../server/src/analysis/rules';
import { MAX_SCOPE_DEPTH, scopeDepth } from '../server/src/analysis/syntax/depth';
import type { ParsedFile, Rule } from '../server/src/analysis/types';
import { parseGo, type Parser } from '../server/src/parse/parser';
import { goParser, TESTDATA } from './analysistest';

const ROOT = path.resolve(__dirname, '..');
/** The budget for analysis. */
const MS_PER_100KB = 1000;
const SEED = 20261124;

interface Source { path: string; text: string; siblings: string[] }

function goFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? goFiles(p) : e.name.endsWith('.go') ? [p] : [];
  }).sort();
}

/** A few standard library files of different kinds (maps, generics, big switch statements), when go is here. */
function goRootFiles(): string[] {
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' });
  if (r.status !== 0 || !r.stdout.trim()) {
    console.log('      (go is absent: the standard library files are left out)');
    return [];
  }
  const src = path.join(r.stdout.trim(), 'src');
  return ['strings/strings.go', 'net/http/server.go', 'go/types/expr.go', 'slices/sort.go', 'encoding/json/encode.go']
    .map((f) => path.join(src, f)).filter((f) => fs.existsSync(f));
}

function sources(): Source[] {
  const files = [...goFiles(TESTDATA), ...goFiles(path.join(ROOT, 'examples')), ...goRootFiles()];
  return files.map((f) => ({
    path: f,
    text: fs.readFileSync(f, 'utf8'),
    // The package context: the other .go files of its directory.
    siblings: fs.readdirSync(path.dirname(f)).filter((n) => n.endsWith('.go') && n !== path.basename(f)).map((n) => path.join(path.dirname(f), n)),
  }));
}

/** Each rule wrapped to record what it throws (analyze catches it, and the findings would silently vanish). */
function watchedRules(thrown: string[]): Rule[] {
  return RULES.map((r) => ({
    ...r,
    run: (pass) => {
      try {
        return r.run(pass);
      } catch (err) {
        thrown.push(`${r.name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`.slice(0, 2000));
        throw err;
      }
    },
  }));
}

describe('robustness: analyze() on mutated and pathological Go', function () {
  let parser: Parser;
  let corpus: Source[];
  const siblingCache = new Map<string, ParsedFile>();
  const thrown: string[] = [];
  const rules = watchedRules(thrown);
  let worst = { ratio: 0, what: '' };

  before(async () => {
    parser = await goParser();
    corpus = sources();
  });

  after(() => {
    if (worst.what) console.log(`      slowest analyze per 100 KB: ${(worst.ratio * 100).toFixed(0)}% of the budget (${worst.what})`);
  });

  function packageFiles(s: Source): ParsedFile[] {
    return s.siblings.map((p) => {
      let f = siblingCache.get(p);
      if (!f) {
        const text = fs.readFileSync(p, 'utf8');
        siblingCache.set(p, (f = { path: p, text, tree: parseGo(parser, text) }));
      }
      return f;
    });
  }

  /** Parses, then analyzes with the package context, timing analyze alone; fails on a throw or an overrun. */
  function check(what: string, filePath: string, text: string, siblings: ParsedFile[] = []): void {
    const tree = parseGo(parser, text);
    thrown.length = 0;
    try {
      const file: ParsedFile = { path: filePath, text, tree };
      const t0 = performance.now();
      let findings;
      try {
        findings = analyze(file, { goVersion: { major: 1, minor: 23, patch: 0 }, packageFiles: siblings }, rules);
      } catch (err) {
        assert.fail(`analyze threw on ${what}: ${err instanceof Error ? err.stack : String(err)}`);
      }
      const ms = performance.now() - t0;
      assert.ok(Array.isArray(findings));
      assert.deepStrictEqual(thrown, [], `a rule threw on ${what}`);
      const budget = (MS_PER_100KB * Math.max(text.length, 100_000)) / 100_000;
      if (ms / budget > worst.ratio) worst = { ratio: ms / budget, what: `${what}, ${(text.length / 1000).toFixed(0)} KB in ${ms.toFixed(0)} ms` };
      assert.ok(ms <= budget, `analyze took ${ms.toFixed(0)} ms on ${what} (${text.length} chars): over ${budget.toFixed(0)} ms`);
    } finally {
      tree.delete();
    }
  }

  const pick = () => fc.nat().map((i) => corpus[i % corpus.length]);

  it('mutated real files: truncations, deleted ranges, inserted bytes, invalid UTF-8', () => {
    assert.ok(corpus.length >= 40, `only ${corpus.length} Go files found`);
    const cut = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }));
    // Random bytes decoded as an editor decodes invalid UTF-8 (U+FFFD); lone surrogates as a JS string can hold them.
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => new TextDecoder('utf-8').decode(b)),
      fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 8 }).map((cs) => String.fromCharCode(...cs)),
      fc.array(fc.constantFrom('{', '}', '(', ')', '[', ']', '"', '`', '/*', '\n', 'map[', 'range ', 'delete(', ':=', 'func'), { maxLength: 20 }).map((a) => a.join('')),
    );
    const mutation = fc.oneof(
      cut.map(([a]) => ({ name: 'truncated', apply: (t: string) => t.slice(0, Math.floor(a * t.length)) })),
      cut.map(([a, b]) => ({
        name: 'range deleted',
        apply: (t: string) => { const [x, y] = [a, b].map((v) => Math.floor(v * t.length)).sort((p, q) => p - q); return t.slice(0, x) + t.slice(y); },
      })),
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), garbage).map(([a, g]) => ({
        name: 'bytes inserted',
        apply: (t: string) => { const x = Math.floor(a * t.length); return t.slice(0, x) + g + t.slice(x); },
      })),
    );
    fc.assert(
      fc.property(pick(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (s, ms) => {
        const text = ms.reduce((t, m) => m.apply(t), s.text);
        check(`${path.relative(ROOT, s.path)} ${ms.map((m) => m.name).join(', ')}`, s.path, text, packageFiles(s));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('every real file whole, with its package context', () => {
    for (const s of corpus) check(path.relative(ROOT, s.path), s.path, s.text, packageFiles(s));
  });

  const N = 10_000;
  const deep: [string, () => string][] = [
    ['10,000 nested blocks', () => `package p\n\nfunc f() ${'{'.repeat(N)}${'}'.repeat(N)}\n`],
    ['10,000 nested parentheses', () => `package p\n\nvar x = ${'('.repeat(N)}1${')'.repeat(N)}\n`],
    ['10,000 unclosed braces', () => `package p\n\nfunc f() ${'{'.repeat(N)}\n`],
    ['10,000 nested range-delete loops', () => `package p\n\nvar m = map[string]int{}\n\nfunc f() {\n${'for k := range m {\n'.repeat(N)}delete(m, k)\n${'}\n'.repeat(N)}}\n`],
    ['10,000 nested map types', () => `package p\n\nvar m ${'map[string]'.repeat(N)}int\n\nfunc f() {\n\tclear(m)\n\tm["a"] = nil\n}\n`],
    ['10,000 nested func literals', () => `package p\n\nvar m = map[string]any{}\n\nvar f = ${'func() { m["k"] = '.repeat(N)}1${' }'.repeat(N)}\n`],
    ['10,000 nested composite literals', () => `package p\n\nvar m = map[string]any{"k": ${'[]any{'.repeat(N)}${'}'.repeat(N)}}\n`],
    ['10,000 chained selectors and calls', () => `package p\n\nvar m = map[string]any{}\n\nfunc f() { m["k"] = a${'.b()'.repeat(N)} }\n`],
    ['10,000 else-if branches', () => `package p\n\nvar m = map[int]any{}\n\nfunc f(x int) {\n\tif x == 0 {\n\t}${' else if x == 1 { m[x] = x }'.repeat(N)}\n}\n`],
    ['10,000 binary operators', () => `package p\n\nvar m = map[int]any{}\n\nfunc f(x int) { m[x] = x${' + x'.repeat(N)} }\n`],
  ];
  for (const [name, make] of deep) {
    it(`deep nesting: ${name}`, () => check(name, 'deep.go', make()));
  }

  it('a 10 MB line: a string literal, a comment', () => {
    check('a 10 MB string literal', 'long.go', `package p\n\nvar s = "${'x'.repeat(10_000_000)}"\n`);
    check('a 10 MB line comment', 'long.go', `package p\n\nvar m = map[string]any{}\n\n// ${'{ m["k"] = 1; '.repeat(10_000_000 / 14)}\nfunc f() { clear(m) }\n`);
  });
});

describe('robustness: the nesting guard (syntax/depth.ts)', () => {
  it('counts nested braces and else-if chains, not braces in strings, runes or comments', () => {
    assert.strictEqual(scopeDepth('package p\nfunc f() { if x { for { } } }\n'), 3);
    assert.strictEqual(scopeDepth('package p\nvar s = "{{{{"\nvar r = \'{\'\nvar b = `{{\n{{`\n// {{{{\n/* {{{ */\n'), 0);
    assert.strictEqual(scopeDepth('package p\nfunc f() {\n\tif a {\n\t} else if b {\n\t} else if c {\n\t} else {\n\t}\n\tif d {\n\t}\n}\n'), 3);
  });

  it('still analyzes a file nested as deep as real code gets, and skips one nested past the limit', async () => {
    const parser = await goParser();
    const nested = (n: number) => `package p\n\nvar m = map[string]int{}\n\nfunc f() {\n${'if true {\n'.repeat(n)}for k := range m {\ndelete(m, k)\n}\n${'}\n'.repeat(n)}}\n`;
    const run = (text: string) => {
      const tree = parseGo(parser, text);
      try {
        return analyze({ path: 'nested.go', text, tree }, {}).map((f) => f.rule);
      } finally {
        tree.delete();
      }
    };
    assert.ok(run(nested(20)).includes('rangeclear'));
    assert.deepStrictEqual(run(nested(MAX_SCOPE_DEPTH)), []);
  });
});
