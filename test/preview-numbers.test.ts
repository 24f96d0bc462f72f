// Numbers on findings and fix previews (explain/findingnumbers.ts through analyze()): the size they
// are for and why, the runtime, what the flagged code keeps, what each fix does. Expected bytes are
// derived here from the runtime's rules (docs/sim-accuracy.md, the fact sheet), not read back from
// the code under test.
import * as assert from 'assert';
import * as path from 'path';
import { analyze } from '../server/src/analysis/analyze';
import { parseGoVersion } from '../server/src/analysis/goversion';
import { intLiteralValue } from '../server/src/analysis/syntax/subject';
import type { Finding } from '../server/src/analysis/types';
import { TYPICAL_ENTRIES } from '../server/src/explain/findingnumbers';
import { parseGo } from '../server/src/parse/parser';
import { analyzePackage, goParser, packageDirs, TESTDATA } from './analysistest';

const SRC = `package p

import (
	"sync"

	"example.com/other"
)

const n = 1_000

var big = make(map[int64]int64, 100000)
var small = make(map[string]int, n)
var ws = map[float64]int{}
var unk = map[string]other.T{}
var sm sync.Map

func reset() {
	clear(big)
	clear(small)
	for k, _ := range ws {
		delete(ws, k)
	}
	clear(unk)
	sm.Range(func(k, _ any) bool {
		sm.Delete(k)
		return true
	})
}
`;

/** Analyzes SRC for a module at `go <version>`; `toolchain` plays a go.mod toolchain line. */
async function findings(version: string | undefined, src = SRC, toolchain?: string): Promise<Finding[]> {
  const text = src;
  const tree = parseGo(await goParser(), text);
  const v = version === undefined ? undefined : parseGoVersion(version);
  return analyze({ path: '/ws/p/p.go', text, tree }, { goVersion: v, runtimeVersion: toolchain ? parseGoVersion(toolchain) : v });
}

function on(fs: Finding[], rule: string, expr: string): Finding {
  const f = fs.find((x) => x.rule === rule && x.subject?.expr === expr);
  assert.ok(f, `a ${rule} finding on ${expr}; got ${fs.map((x) => `${x.rule}:${x.subject?.expr}`).join(', ')}`);
  return f;
}

function fix(f: Finding, effect: string) {
  const x = f.fixes.find((y) => y.effect === effect);
  assert.ok(x, `a ${effect} fix`);
  return x;
}

/** The paragraph analyze() appends to the explanation. */
const numbers = (f: Finding) => f.explanation.split('\n\n').at(-1)!;

describe('preview numbers: findings and fixes carry the simulation\'s figures', () => {
  it('reads Go integer literals as the compiler does', () => {
    assert.strictEqual(intLiteralValue('100000'), 100000);
    assert.strictEqual(intLiteralValue('1_000'), 1000);
    assert.strictEqual(intLiteralValue('0x10'), 16);
    assert.strictEqual(intLiteralValue('0o17'), 15);
    assert.strictEqual(intLiteralValue('017'), 15); // legacy octal, not seventeen
    assert.strictEqual(intLiteralValue('0b101'), 5);
    assert.strictEqual(intLiteralValue('0'), 0);
    assert.strictEqual(intLiteralValue('1e3'), undefined); // a float constant, not an int literal
    assert.strictEqual(intLiteralValue('99999999999999999999'), undefined);
  });

  it('sizes a map at its make hint (literal or constant) and says so', async () => {
    const fs = await findings('1.22');
    assert.deepStrictEqual(on(fs, 'mapretain', 'big').subject, { expr: 'big', typeText: 'map[int64]int64', keyType: 'int64', valueType: 'int64', hint: 100000, emptiedBy: 'clear', limit: 100000 });
    assert.strictEqual(on(fs, 'mapretain', 'small').subject?.hint, 1000);
    assert.strictEqual(on(fs, 'mapretain', 'ws').subject?.hint, undefined); // a literal, no hint
  });

  it('spells the map type as the code does ([]byte, not the layout\'s []uint8)', async () => {
    const src = 'package p\n\nvar sessions = map[string][]byte{}\n\nfunc reset() {\n\tclear(sessions)\n}\n';
    const f = on(await findings('1.22', src), 'mapretain', 'sessions');
    assert.strictEqual(f.subject?.typeText, 'map[string][]byte');
    assert.match(numbers(f), /`map\[string\]\[\]byte` on Go 1\.22/);
    assert.match(fix(f, 'fresh').annotation!.description, /map\[string\]\[\]byte on Go 1\.22/);
    assert.doesNotMatch(numbers(f) + fix(f, 'fresh').annotation!.description, /uint8/);
  });

  it('classic runtime: what clear keeps is hmap + mapextra + the bucket array, what make leaves is an hmap', async () => {
    // map[int64]int64 at 100,000 entries: B = 14 (100,000 <= 6.5 * 2^14), bucket 144 B,
    // array (2^14 + 2^10) * 144 = 2,506,752 B (page-rounded already), + hmap 48 + mapextra 24 = 2,506,824 B
    // (docs/sim-accuracy.md: map[int64]int64 N=100000 hint, make, exact). A new map without a
    // hint is one 48-byte hmap (makemap_small).
    const big = on(await findings('1.22'), 'mapretain', 'big');
    const text = numbers(big);
    assert.match(text, /on Go 1\.22 \(classic hmap, B=14\)/);
    assert.match(text, /at 100,000 entries \(its `make` hint\)/);
    assert.match(text, /Emptied here \(one runtime map clear\) it still holds 2\.4 MiB \(2,506,824 B\)\./);
    assert.match(text, /`big = make\(\.\.\.\)` instead leaves a new map of 48 B and frees the old .* at the next GC, once nothing else refers to the old map\./);
    const fresh = fix(big, 'fresh').annotation!;
    assert.match(fresh.label, /^big = make\(\.\.\.\) lets the GC free \d/);
    assert.match(fresh.description, /after big = make\(\.\.\.\) a new map of 48 B, and the old .* freed at the next GC once nothing else refers to the old map/);
    assert.strictEqual(fix(big, 'suppress').annotation!.label, 'keep reusing big: it holds 2.4 MiB when empty');
    // Descriptions are plain text: editors do not render markdown there.
    for (const x of big.fixes) assert.ok(!x.annotation!.description.includes('`'), x.annotation!.description);
  });

  it('says the go line is a minimum when the runtime is the go line\'s, not when a toolchain line names it', async () => {
    const minimum = 'the go line is a minimum: a Go 1.24 or newer toolchain runs Swiss tables instead';
    assert.ok(numbers(on(await findings('1.22'), 'mapretain', 'big')).includes(minimum));
    const pinned = numbers(on(await findings('1.22', SRC, '1.23.4'), 'mapretain', 'big'));
    assert.ok(!pinned.includes(minimum), pinned);
    assert.match(pinned, /on Go 1\.23\.4 \(classic hmap, B=14\)/);
  });

  it('a hint of 1,000 for map[string]int: B=8, a page-rounded array', async () => {
    // 1,000 entries: B = 8 (833..1664). Bucket 16 + 8*16 + 8*8 = 208 B; (256 + 16) * 208 = 56,576 B,
    // a large object: 7 pages = 57,344 B; + 48 + 24 = 57,416 B, kept by clear.
    const small = on(await findings('1.22'), 'mapretain', 'small');
    assert.match(numbers(small), /B=8\).*at 1,000 entries \(its `make` hint\).*\(not counting what its keys and values point to\).*still holds 56\.1 KiB \(57,416 B\)/);
  });

  it('without a hint: 100,000 entries, said to be assumed; a key-by-key loop keeps more than clear', async () => {
    const fs = await findings('1.22');
    const loop = on(fs, 'rangeclear', 'ws');
    assert.strictEqual(loop.subject?.emptiedBy, 'deletes'); // `k, _ :=` and a float key: no rewrite to mapclear
    const text = numbers(loop);
    assert.ok(text.includes(`at ${TYPICAL_ENTRIES.toLocaleString('en-US')} entries (a typical size assumed here: the code shows no \`make\` hint)`), text);
    // The loop keeps the overflow buckets allocated apart from the array; clear keeps only the array
    // (+ hmap + mapextra), the same 2,506,824 B as above since B is 14 either way.
    const m = /Emptied by this loop it still holds .*\(([\d,]+) B\); `clear\(ws\)` keeps 2\.4 MiB \(2,506,824 B\)\./.exec(text);
    assert.ok(m, text);
    assert.ok(Number(m[1].replace(/,/g, '')) > 2_506_824, 'the loop keeps the separate overflow buckets');
    const clearFix = fix(loop, 'clear').annotation!;
    assert.strictEqual(clearFix.label, 'clear(ws) keeps 2.4 MiB');
    assert.match(clearFix.description, /^At 100,000 entries \(a typical size assumed here: the code shows no make hint\), map\[float64\]int on Go 1\.22 \(classic hmap, B=14\): the map holds .*; after this loop .*; after clear\(ws\) 2\.4 MiB \(2,506,824 B\) \(clear keeps the map's storage\)\./);
  });

  it('Swiss tables from Go 1.24: clear keeps every byte', async () => {
    const big = on(await findings('1.26'), 'mapretain', 'big');
    const text = numbers(big);
    assert.match(text, /on Go 1\.26 \(Swiss tables, (about )?128 tables\)/); // 100,000 * 8/7 slots in 1024-slot tables: 128
    const held = /the map's own storage is .*?\(([\d,]+) B\)/.exec(text)?.[1];
    const kept = /Emptied here \(one runtime map clear\) it still holds .*?\(([\d,]+) B\)/.exec(text)?.[1];
    assert.ok(held && kept, text);
    assert.strictEqual(kept, held); // Swiss clear frees no table, group array or directory
    assert.ok(Number(held.replace(/,/g, '')) > 128 * 128 * 136, 'at least 128 tables of 128 groups of 136 B');
  });

  it('no Go version known: the newest modelled runtime, said to be assumed', async () => {
    const big = on(await findings(undefined), 'mapretain', 'big');
    assert.match(numbers(big), /on Go 1\.\d+ assumed \(no Go version known\) \(Swiss tables/);
  });

  it('unknown types and sync.Map: no numbers, said plainly, and still an annotation on every fix', async () => {
    const fs = await findings('1.26');
    const unk = on(fs, 'mapretain', 'unk');
    assert.strictEqual(numbers(unk), 'No numbers: the map\'s key or value type is not known here.');
    assert.deepStrictEqual(fix(unk, 'fresh').annotation, {
      label: 'unk = make(...) lets the GC free the old map (no size figures)',
      description: 'No numbers: the map\'s key or value type is not known here.',
    });
    const sm = on(fs, 'rangeclear', 'sm');
    assert.match(numbers(sm), /^No numbers: the simulation models Go's built-in map only, not `sync\.Map`\.$/);
    assert.strictEqual(fix(sm, 'syncclear').annotation!.label, 'sm.Clear(): no size figures');
    for (const f of fs) for (const x of f.fixes) assert.ok(x.effect && x.annotation, `${f.rule} ${x.title}`);
  });

  for (const rule of ['rangeclear', 'mapretain']) {
    it(`every fix of the ${rule} fixtures has an effect and an annotation`, async () => {
      let fixes = 0;
      for (const dir of packageDirs(path.join(TESTDATA, rule))) {
        for (const [file, fs] of await analyzePackage(dir, rule)) {
          for (const f of fs) {
            assert.ok(f.subject, `${file.path}:${f.range.start.line + 1} has a subject`);
            for (const x of f.fixes) {
              fixes++;
              assert.ok(x.effect, `${file.path}:${f.range.start.line + 1} ${x.title}: effect`);
              assert.ok(x.annotation?.label && x.annotation.description, `${file.path}:${f.range.start.line + 1} ${x.title}: annotation`);
            }
          }
        }
      }
      assert.ok(fixes > 20, `only ${fixes} fixes seen`);
    });
  }
});
