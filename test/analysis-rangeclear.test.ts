// rangeclear details the fixtures cannot show: fix titles and which fixes exist, finding ranges,
// versions without go.mod, forms gofmt would rewrite away, and the wording rules of DESIGN.md.
import * as assert from 'assert';
import * as path from 'path';
import { analyze } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { ruleByName } from '../server/src/analysis/rules';
import type { Finding } from '../server/src/analysis/types';
import { parseGo } from '../server/src/parse/parser';
import { analyzePackage, goParser, packageDirs, TESTDATA } from './analysistest';

async function run(body: string, goVersion?: string): Promise<Finding[]> {
  const text = `package p\n\nimport "sync"\n\nvar _ sync.Mutex\n\n${body}\n`;
  const file = { path: 'p.go', text, tree: parseGo(await goParser(), text) };
  return analyze(file, { goVersion: goVersion ? parseGoVersion(goVersion) : undefined }, [ruleByName('rangeclear')!]);
}

const titles = (f: Finding) => f.fixes.map((x) => `${x.preferred ? '*' : ''}${x.title}`);

describe('rangeclear details', () => {
  it('offers clear (preferred) and make for a package-level map, titled honestly', async () => {
    const [f] = await run('var m = map[string]int{}\n\nfunc r() {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n}');
    assert.deepStrictEqual(titles(f), [
      '*Replace with clear(m)',
      'Replace with m = make(map[string]int) (releases the old storage at the next GC; other references to the map keep its contents)',
    ]);
    assert.deepStrictEqual(f.range, { start: { line: 9, character: 1 }, end: { line: 9, character: 17 } }, 'the loop header only');
    assert.strictEqual(f.severity, 'information');
    assert.match(f.explanation, /package-level variable/);
  });

  it('never offers make for a parameter, a local or a pooled map', async () => {
    const src = `type b struct{ m map[string]int }

var pool = sync.Pool{}

func param(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}

func local() {
	m := map[string]int{}
	for k := range m {
		delete(m, k)
	}
}

func (x *b) done() {
	for k := range x.m {
		delete(x.m, k)
	}
	pool.Put(x)
}`;
    const fs = await run(src);
    assert.deepStrictEqual(fs.map(titles), [['*Replace with clear(m)'], ['*Replace with clear(m)'], ['*Replace with clear(x.m)']]);
    assert.match(fs[1].explanation, /local variable.*no reassignment is needed/);
    assert.match(fs[0].explanation, /belongs to the caller/);
  });

  it('before Go 1.21 the make fix is the only and preferred one; nothing for locals', async () => {
    const src = 'var m map[float64]int\n\nfunc r(p map[string]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n\tfor k := range p {\n\t\tdelete(p, k)\n\t}\n}';
    const fs = await run(src, '1.20');
    assert.deepStrictEqual(fs.map(titles), [['*Replace with m = make(map[float64]int) (releases the old storage at the next GC; other references to the map keep its contents)']]);
  });

  it('without a Go version (no go.mod) acts as the newest Go: clear and sync.Map.Clear', async () => {
    const src = 'func r(m map[int]int, s *sync.Map) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n\ts.Range(func(k, _ any) bool { s.Delete(k); return true })\n}';
    assert.deepStrictEqual((await run(src)).map(titles), [['*Replace with clear(m)'], ['*Replace with s.Clear()']]);
    assert.deepStrictEqual((await run(src, '1.22')).map(titles), [['*Replace with clear(m)']]);
    assert.deepStrictEqual((await run(src, '1.23')).map(titles), [['*Replace with clear(m)'], ['*Replace with s.Clear()']]);
  });

  it('accepts a parenthesized range expression (gofmt removes the parentheses)', async () => {
    const [f] = await run('func r(m map[int]int) {\n\tfor k := range (m) {\n\t\tdelete(m, k)\n\t}\n}');
    assert.strictEqual(f.fixes[0].edits[0].newText, 'clear(m)');
    assert.match(f.message, /the compiler already compiles this loop/);
  });

  it('offers no clear fix in a package that declares its own clear', async () => {
    const src = 'var pm = map[string]int{}\n\nfunc clear() {}\n\nfunc r(m map[int]int) {\n\tfor k := range m {\n\t\tdelete(m, k)\n\t}\n\tfor k := range pm {\n\t\tdelete(pm, k)\n\t}\n}';
    assert.deepStrictEqual((await run(src)).map(titles), [['*Replace with pm = make(map[string]int) (releases the old storage at the next GC; other references to the map keep its contents)']]);
  });

  it('does not report a loop with a value variable', async () => {
    assert.deepStrictEqual(await run('func r(m map[int]int) {\n\tfor k, v := range m {\n\t\tdelete(m, k)\n\t}\n}'), []);
  });

  it('keeps every comment of the loop above clear(m), at the loop indentation', async () => {
    const [f] = await run('func r(m map[int]int) {\n\tif m != nil {\n\t\tfor k := range m { /* a */\n\t\t\t// b\n\t\t\tdelete(m, k) // c\n\t\t}\n\t}\n}');
    assert.strictEqual(f.fixes[0].edits[0].newText, '/* a */\n\t\t// b\n\t\t// c\n\t\tclear(m)');
  });

  it('never says that clear frees or releases memory (all fixture findings)', async () => {
    for (const dir of packageDirs(path.join(TESTDATA, 'rangeclear'))) {
      for (const findings of (await analyzePackage(dir, 'rangeclear')).values()) {
        for (const f of findings) {
          for (const text of [f.message, f.explanation, ...f.fixes.filter((x) => /clear/i.test(x.title)).map((x) => x.title)]) {
            assert.doesNotMatch(text, /\bclear(\([\w.]*\))?`?\s+(frees|releases|gives (memory )?back|shrinks|returns memory)\b/i, text);
          }
        }
      }
    }
  });
});
