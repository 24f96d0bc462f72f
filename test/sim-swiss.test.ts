// The Swiss-table model (Go >= 1.24) against the rules of internal/runtime/maps (go1.24.0,
// go1.25.0, go1.26.8) and the fact sheet's tables B.2, B.4, B.5 and E.3. Byte counts that do
// not depend on hashing are asserted exactly; hash-dependent ones against the estimate.
import { strict as assert } from 'assert';
import { isUnknown, layoutOf } from '../server/src/sim/layout';
import { estimateSwiss, simulateSwiss } from '../server/src/sim/swiss';
import { assignPath, groupLayout, swissRules } from '../server/src/sim/swiss-rules';
import { binomialTail, newMapPlan } from '../server/src/sim/swiss-estimate';
import { parseOps } from '../server/src/sim/ops';
import type { Op, SimConfig, Step, SwissStructure, TypeLayout } from '../server/src/sim/model';

function L(text: string): TypeLayout {
  const l = layoutOf(text);
  if (isUnknown(l)) assert.fail(`${text}: ${l.reason}`);
  return l;
}
const cfg = (key: string, value: string, goVersion = '1.26', extra: Partial<SimConfig> = {}): SimConfig =>
  ({ key: L(key), value: L(value), goVersion, seed: 1, ...extra });
const sw = (s: Step): SwissStructure => s.structure as SwissStructure;
const last = (steps: Step[]) => steps[steps.length - 1];
const inserts = (n: number): Op[] => Array.from({ length: n }, () => ({ op: 'insert', n: 1 }));
/** insert:N, then `cycles` times delete-one/insert-one: the live count stays N. */
const churn = (n: number, cycles: number): Op[] => {
  const ops: Op[] = [{ op: 'insert', n }];
  for (let i = 0; i < cycles; i++) ops.push({ op: 'delete', n: 1 }, { op: 'insert', n: 1 });
  return ops;
};

describe('sim swiss: layout and rules', () => {
  it('slot and group sizes (fact sheet B.2; reflectdata MapGroupType, trailing zero-size rule)', () => {
    const cases: [string, string, number, number][] = [
      ['int64', 'int64', 16, 136], ['int32', 'int32', 8, 72], ['string', 'interface{}', 32, 264],
      ['string', 'int', 24, 200], ['int64', 'struct{}', 16, 136], ['string', 'struct{}', 24, 200],
      ['struct{}', 'struct{}', 0, 16], ['uint8', 'uint64', 16, 136], ['int64', 'bool', 16, 136],
      ['[128]byte', 'int8', 129, 1040],
      // over 128 bytes: stored through a pointer
      ['int64', '[200]byte', 16, 136], ['[129]byte', 'int32', 16, 136], ['struct{}', 'int64', 8, 72],
    ];
    for (const [k, v, S, G] of cases) {
      const g = groupLayout(L(k), L(v));
      assert.deepEqual([g.slotSize, g.groupSize], [S, G], `map[${k}]${v}`);
    }
    assert.equal(groupLayout(L('int64'), L('int64')).groupHasPointers, false);
    assert.equal(groupLayout(L('int64'), L('[200]byte')).groupHasPointers, true, 'an indirect elem is a pointer');
  });

  it('the assign function the compiler picks (walk.mapfast, reflectdata.AlgType)', () => {
    const cases: [string, string, string][] = [
      ['int64', 'int64', 'fast64'], ['uint', 'bool', 'fast64'], ['int32', 'int64', 'fast32'], ['rune', 'string', 'fast32'],
      ['string', 'interface{}', 'faststr'], ['*int', 'int', 'fast64ptr'], ['chan int', 'int', 'fast64ptr'],
      ['[8]byte', 'int', 'fast64'], ['struct{a, b int32}', 'int', 'fast64'], ['struct{a int32; b int16}', 'int', 'generic'],
      ['[1]string', 'int', 'faststr'], ['struct{s string}', 'int', 'faststr'], ['[40]byte', 'int', 'generic'],
      ['float64', 'int', 'generic'], ['interface{}', 'int', 'generic'], ['int16', 'int', 'generic'],
      ['int64', '[200]byte', 'generic'], ['struct{_ int32; b int32}', 'int', 'generic'],
    ];
    for (const [k, v, want] of cases) assert.equal(assignPath(L(k), L(v)), want, `map[${k}]${v}`);
  });

  it('version rules: pruning from 1.25 on the fast32/fast64/faststr paths only; Clear of an emptied map', () => {
    assert.deepEqual(swissRules('1.24', 'fast64'), { prunesTombstones: false, clearKeepsTombstonesWhenEmpty: true });
    assert.deepEqual(swissRules('1.24.10', 'faststr'), { prunesTombstones: false, clearKeepsTombstonesWhenEmpty: true });
    assert.deepEqual(swissRules('1.25.0', 'fast64'), { prunesTombstones: true, clearKeepsTombstonesWhenEmpty: false });
    assert.deepEqual(swissRules('1.26.8', 'faststr'), { prunesTombstones: true, clearKeepsTombstonesWhenEmpty: false });
    assert.equal(swissRules('1.26', 'fast64ptr').prunesTombstones, false);
    assert.equal(swissRules('1.26', 'generic').prunesTombstones, false);
  });
});

describe('sim swiss: sizing', () => {
  it('capacity by entry count, inserting one by one (fact sheet B.5)', () => {
    const steps = simulateSwiss(cfg('int64', 'int64'), inserts(897));
    const want = (n: number) => (n <= 8 ? 0 : n <= 14 ? 16 : n <= 28 ? 32 : n <= 56 ? 64 : n <= 112 ? 128 : n <= 224 ? 256 : n <= 448 ? 512 : 1024);
    for (let n = 1; n <= 896; n++) {
      const s = sw(steps[n]);
      assert.equal(s.count, n);
      if (n <= 8) {
        assert.deepEqual([s.small, s.dirLen, s.tables.length], [true, 0, 0], `n=${n}`);
        assert.equal(steps[n].bytes, 48 + 144, 'header + one 136-byte group in the 144 class');
      } else {
        assert.deepEqual([s.small, s.dirLen, s.tables.map((t) => t.capacity)], [false, 1, [want(n)]], `n=${n}`);
        const t = s.tables[0];
        assert.equal(t.growthLeft, (t.capacity * 7) / 8 - n, `growthLeft at n=${n}`);
      }
    }
    const split = sw(steps[897]);
    assert.deepEqual(split.tables.map((t) => [t.capacity, t.localDepth]), [[1024, 1], [1024, 1]]);
    assert.equal(split.dirLen, 2);
    assert.equal(split.tables[0].used + split.tables[1].used, 897);
  });

  it('the 9th insert moves the small group to a 16-slot table; garbage is what each grow left', () => {
    const steps = simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 8 }, { op: 'insert', n: 1 }, { op: 'insert', n: 6 }]);
    // The 1-entry directory is one 8-byte object (size class 8).
    assert.deepEqual(steps.map((s) => s.bytes), [48, 192, 48 + 8 + 32 + 288, 48 + 8 + 32 + 576]);
    // 9th: the small group (144); 15th: the 16-slot table (32 + 2 groups of 136 -> 288).
    assert.deepEqual(steps.map((s) => s.garbage), [0, 0, 144, 320]);
    assert.deepEqual([sw(steps[2]).dirLen, sw(steps[2]).tables[0].capacity], [1, 16]);
  });

  it('make(map, hint) sizing (fact sheet B.4; maps.NewMap)', () => {
    const cases: [number, number, number][] = [
      // hint, tables, capacity of each
      [9, 1, 16], [14, 1, 16], [15, 1, 32], [100, 1, 128], [896, 1, 1024], [897, 2, 512],
      [1000, 2, 1024], [1792, 2, 1024], [1793, 4, 512], [100_000, 128, 1024], [1_000_000, 2048, 1024],
    ];
    for (const [hint, tables, capacity] of cases) {
      const s = sw(simulateSwiss(cfg('int64', 'int64', '1.26', { hint }), [])[0]);
      assert.equal(s.tables.length, tables, `hint ${hint}`);
      assert.equal(s.dirLen, tables, `hint ${hint}: one directory entry per table`);
      assert.ok(s.tables.every((t) => t.capacity === capacity && t.localDepth === Math.log2(tables)), `hint ${hint}`);
      assert.deepEqual(newMapPlan(hint, 136)?.tableCapacity, capacity);
    }
    for (const hint of [undefined, 0, 8]) {
      const steps = simulateSwiss(cfg('int64', 'int64', '1.26', { hint }), [{ op: 'insert', n: 1 }]);
      assert.deepEqual(steps.map((s) => s.bytes), [48, 192], `hint ${hint}: makemap_small, group on first insert`);
    }
  });

  it('bytes after make(map, n) and after filling it (fact sheet E.3, where hashing plays no part)', () => {
    const cases: [string, string, number, number][] = [
      ['int64', 'int64', 1000, 36_992], ['int64', 'int64', 100_000, 2_364_592], ['int64', 'int64', 1_000_000, 37_832_752],
      ['string', 'interface{}', 1000, 82_048], ['string', 'interface{}', 100_000, 5_248_176],
      ['string', 'interface{}', 1_000_000, 83_970_096],
    ];
    for (const [k, v, n, bytes] of cases) {
      const c = cfg(k, v, '1.26', { hint: n });
      assert.equal(simulateSwiss(c, [])[0].bytes, bytes, `make(map[${k}]${v}, ${n})`);
      assert.equal(Math.round(estimateSwiss(c, 0).bytes), bytes, `estimate of make(map[${k}]${v}, ${n})`);
    }
    // Filling to the hint: a table splits only if its share of the keys exceeds 896.
    const filled = simulateSwiss(cfg('int64', 'int64', '1.26', { hint: 1000 }), [{ op: 'insert', n: 1000 }]);
    assert.equal(filled[1].bytes, 36_992);
    const incremental = simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 1000 }]);
    assert.equal(incremental[1].bytes, 36_992, 'incremental 1000: the 897th key split the table');
  });
});

describe('sim swiss: delete, tombstones, clear, nil', () => {
  it('churn at a constant live count: 1.24 grows, 1.25+ prunes on fast paths, the generic path still grows', () => {
    const capacityAfter = (key: string, v: string) => sw(last(simulateSwiss(cfg(key, 'int64', v, { seed: 7 }), churn(100, 20_000)))).tables.map((t) => t.capacity);
    const v124 = capacityAfter('int64', '1.24');
    const v125 = capacityAfter('int64', '1.25');
    const v126 = capacityAfter('int64', '1.26');
    assert.ok(v124[0] > v126[0], `1.24 ${v124} vs 1.26 ${v126}`);
    assert.deepEqual(v125, v126);
    assert.ok(v126[0] <= 256, `100 live keys: at most one grow past 128 with pruning, got ${v126}`);
    // After pruning has settled, more churn costs nothing.
    const steps = simulateSwiss(cfg('int64', 'int64', '1.26', { seed: 7 }), churn(100, 40_000));
    assert.equal(steps[40_001].bytes, last(steps).bytes);
    // Same hashes, so the generic path of 1.26 ([40]byte keys) behaves as 1.24 does.
    assert.deepEqual(capacityAfter('[40]byte', '1.26'), capacityAfter('[40]byte', '1.24'));
    assert.deepEqual(capacityAfter('[40]byte', '1.26'), v124, 'key type does not change the hashing');
  });

  it('churn ends at the table capacities measured on go1.24.0, go1.25.0 and go1.26.8', () => {
    // Measured (2026-11-23, linux/amd64): a package-level map, N inserts, then 20,000 times
    // delete the oldest key and insert a new one; the table capacity read through unsafe, the
    // same in 3 runs each.
    const cases: [string, number, number, number, number][] = [
      // key, N, capacity in 1.24, 1.25, 1.26
      ['int64', 100, 512, 256, 256], ['string', 50, 256, 128, 128], ['[40]byte', 100, 512, 512, 512],
    ];
    for (const [key, n, ...want] of cases) {
      for (const seed of [1, 2]) {
        const got = ['1.24.0', '1.25.0', '1.26.8'].map((v) => sw(last(simulateSwiss(cfg(key, 'int64', v, { seed }), churn(n, 20_000)))).tables.map((t) => t.capacity));
        assert.deepEqual(got, want.map((c) => [c]), `map[${key}]int64, N=${n}, seed ${seed}`);
      }
    }
  });

  it('tables after refilling a tombstoned map: the mean over seeds is the mean the runtime measured', () => {
    // Measured 2026-11-23 on linux/amd64 by a stand-alone program (not in the repo): map[K]V made
    // empty, filled from keys 0, 1, 2, ... (a struct key is {int8(i), int64(i)}); distinct tables
    // counted through unsafe after the step; mean and standard deviation over n runs (each run a
    // fresh random seed). A 1e5-key step ends with 128..256 tables of 1024 slots whose count
    // varies by 2-3% from run to run, so single runs (and medians of 3-5) differ by that much; the
    // model is right when its mean over seeds sits within 3 standard errors of the measured mean.
    const fill = parseOps('insert:100000,clear,insert:100000,delete:all,insert:100000');
    const churn6 = parseOps(['insert:100000', ...Array.from({ length: 6 }, () => 'delete:50000,insert:50000')].join(','));
    interface Measured { go: string; key: string; ops: Op[]; step: number; mean: number; sd: number; n: number; seeds: number }
    const cases: Measured[] = [
      // Third insert after a per-key delete of everything left ~46,000 tombstones. The generic
      // runtime_mapassign (a padded struct key) never prunes them; mapassign_fast64 prunes
      // (table.go pruneTombstones): 143.6 against 135.5 tables.
      { go: '1.26.8', key: 'struct{a int8; b int64}', ops: fill, step: 5, mean: 143.57, sd: 2.84, n: 100, seeds: 16 },
      { go: '1.26.8', key: 'int64', ops: fill, step: 5, mean: 135.54, sd: 2.65, n: 100, seeds: 16 },
      { go: '1.24.0', key: 'struct{a int8; b int64}', ops: fill, step: 5, mean: 143.68, sd: 3.26, n: 60, seeds: 16 },
      // Churn of map[int64]int64 at 1e5 live keys: after the 2nd, 3rd and 6th refill (steps 5, 7, 13). 1.24 never
      // prunes and reaches 256 tables; 1.25 and 1.26 prune on the fast64 path.
      { go: '1.26.8', key: 'int64', ops: churn6, step: 5, mean: 179.9, sd: 4.4, n: 100, seeds: 24 },
      { go: '1.26.8', key: 'int64', ops: churn6, step: 13, mean: 219.3, sd: 4.4, n: 100, seeds: 10 },
      { go: '1.25.0', key: 'int64', ops: churn6, step: 5, mean: 180.4, sd: 4.0, n: 60, seeds: 24 },
      { go: '1.24.0', key: 'int64', ops: churn6, step: 5, mean: 195.25, sd: 3.89, n: 200, seeds: 24 },
      { go: '1.24.0', key: 'int64', ops: churn6, step: 7, mean: 249.03, sd: 2.53, n: 200, seeds: 24 },
    ];
    const stats = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) };
    };
    for (const c of cases) {
      const counts: number[] = [];
      for (let seed = 1; seed <= c.seeds; seed++) {
        counts.push(sw(last(simulateSwiss(cfg(c.key, 'int32', c.go, { seed }), c.ops.slice(0, c.step)))).tables.length);
      }
      const sim = stats(counts);
      const se = Math.sqrt(c.sd ** 2 / c.n + sim.sd ** 2 / c.seeds);
      assert.ok(Math.abs(sim.mean - c.mean) <= 3 * se,
        `go${c.go} map[${c.key}]int32 after step ${c.step} (${c.ops[c.step - 1].op}): sim ${sim.mean.toFixed(2)}±${sim.sd.toFixed(2)} tables over ${c.seeds} seeds, measured ${c.mean}±${c.sd} over ${c.n} runs (3 SE = ${(3 * se).toFixed(2)})`);
    }
  });

  it('bytes per map measured on go1.24.0 and go1.26.8 (1000 maps, HeapAlloc after GC)', () => {
    const filled: [number, number][] = [[0, 48], [1, 192], [8, 192], [9, 376], [14, 376], [15, 664], [29, 1240]];
    for (const [n, bytes] of filled) {
      for (const v of ['1.24', '1.26']) assert.equal(last(simulateSwiss(cfg('int64', 'int64', v), [{ op: 'insert', n }])).bytes, bytes, `map[int64]int64 with ${n}`);
    }
    const made: [number, number][] = [[9, 664], [15, 1240], [100, 4952], [897, 36_992]];
    for (const [hint, bytes] of made) {
      assert.equal(simulateSwiss(cfg('string', 'interface{}', '1.26', { hint }), [])[0].bytes, bytes, `make(map[string]interface{}, ${hint})`);
    }
  });

  it('delete frees no table; delete into a full group leaves a tombstone', () => {
    const steps = simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 100 }, { op: 'delete', n: 'all' }]);
    assert.equal(steps[2].bytes, steps[1].bytes);
    const t = sw(steps[2]).tables[0];
    assert.equal(t.used, 0);
    assert.ok(t.tombstones > 0, 'some of the 16 groups were full');
    assert.equal(t.growthLeft + t.tombstones, 112);
    assert.equal(steps[2].garbage, 0);
  });

  it('delete frees indirect elems (over 128 bytes), one object per entry', () => {
    const steps = simulateSwiss(cfg('int64', '[200]byte'), [{ op: 'insert', n: 1000 }, { op: 'delete', n: 400 }, { op: 'clear' }]);
    assert.equal(steps[1].bytes - steps[2].bytes, 400 * 208);
    assert.equal(steps[2].garbage, 400 * 208);
    assert.equal(steps[3].garbage, 600 * 208);
  });

  it('clear keeps every byte, the directory and the tables', () => {
    for (const v of ['1.24', '1.25', '1.26']) {
      const steps = simulateSwiss(cfg('string', 'interface{}', v), [{ op: 'insert', n: 5000 }, { op: 'clear' }, { op: 'insert', n: 10 }]);
      const [, full, cleared, refilled] = steps;
      assert.equal(cleared.bytes, full.bytes, v);
      assert.equal(cleared.garbage, 0);
      assert.equal(refilled.bytes, full.bytes, 'refilling needs nothing new');
      const a = sw(full), b = sw(cleared);
      assert.deepEqual([b.count, b.dirLen, b.globalDepth, b.tables.length], [0, a.dirLen, a.globalDepth, a.tables.length]);
      assert.ok(b.tables.every((t) => t.used === 0 && t.tombstones === 0 && t.growthLeft === 896));
    }
    const small = simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 3 }, { op: 'clear' }]);
    assert.deepEqual(small.map((s) => s.bytes), [48, 192, 192], 'the small group is kept');
  });

  it('clear after deleting everything: 1.24 returns early and keeps the tombstones, 1.25+ removes them', () => {
    const tombs = (v: string) => sw(last(simulateSwiss(cfg('int64', 'int64', v), [{ op: 'insert', n: 100 }, { op: 'delete', n: 'all' }, { op: 'clear' }]))).tables[0].tombstones;
    assert.ok(tombs('1.24') > 0);
    assert.equal(tombs('1.25'), 0);
    assert.equal(tombs('1.26'), 0);
  });

  it('refuses what it cannot model: 32-bit, step mode beyond its limits', () => {
    assert.throws(() => simulateSwiss(cfg('int64', 'int64', '1.26', { arch: 32 }), []), /64-bit/);
    assert.throws(() => estimateSwiss(cfg('int64', 'int64', '1.26', { arch: 32 }), 10), /64-bit/);
    assert.throws(() => simulateSwiss(cfg('int64', 'int64', '1.26', { hint: 1e9 }), []), /estimate/);
    assert.throws(() => simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 1e9 }]), /estimate/);
  });

  it('nil drops everything; a later insert starts a new map', () => {
    const steps = simulateSwiss(cfg('int64', 'int64'), [{ op: 'insert', n: 1000 }, { op: 'nil' }, { op: 'insert', n: 1 }]);
    assert.deepEqual([steps[2].bytes, steps[2].garbage, steps[2].structure], [0, steps[1].bytes, undefined]);
    assert.equal(steps[3].bytes, 192);
  });
});

describe('sim swiss: determinism and the estimate', () => {
  it('is deterministic for a seed, and the seed matters', () => {
    const ops: Op[] = [{ op: 'insert', n: 20_000 }, { op: 'delete', n: 5000 }, { op: 'insert', n: 3000 }];
    const a = simulateSwiss(cfg('int64', 'int64', '1.26', { seed: 42 }), ops);
    assert.deepEqual(simulateSwiss(cfg('int64', 'int64', '1.26', { seed: 42 }), ops), a);
    const b = simulateSwiss(cfg('int64', 'int64', '1.26', { seed: 43 }), ops);
    assert.notDeepEqual(sw(b[1]).tables.map((t) => t.used), sw(a[1]).tables.map((t) => t.used));
  });

  it('binomial tails (exact sums for small n)', () => {
    const exact = (n: number, p: number, k: number) => {
      // Σ_{i>=k} C(n,i) p^i (1-p)^(n-i), each term from its logarithm (no underflow).
      let lnC = 0, s = 0;
      for (let i = 0; i <= n; i++) {
        if (i > 0) lnC += Math.log((n - i + 1) / i);
        if (i >= k) s += Math.exp(lnC + i * Math.log(p) + (n - i) * Math.log1p(-p));
      }
      return s;
    };
    for (const [n, p, k] of [[1000, 0.5, 520], [1800, 0.5, 897], [3000, 0.25, 700], [5000, 0.2, 1100]]) {
      const want = exact(n, p, k), got = binomialTail(n, p, k);
      assert.ok(Math.abs(got - want) < 1e-9 + 1e-6 * want, `P(Bin(${n}, ${p}) >= ${k}) = ${want}, got ${got}`);
    }
  });

  it('expected tables match the step simulation over seeds (1e5 keys: 128 tables)', () => {
    const est = estimateSwiss(cfg('int64', 'int64'), 100_000).structure.tables;
    let sum = 0;
    const seeds = [1, 2, 3, 4, 5, 6];
    for (const seed of seeds) sum += sw(simulateSwiss(cfg('int64', 'int64', '1.26', { seed }), [{ op: 'insert', n: 100_000 }])[1]).tables.length;
    const mean = sum / seeds.length;
    assert.ok(Math.abs(mean - est) / est < 0.01, `step mean ${mean}, estimate ${est}`);
  });

  it('step vs estimate within 2% at 1e3, 1e5, 1e6', () => {
    const cases: [string, string, number][] = [
      ['int64', 'int64', 1000], ['int64', 'int64', 100_000], ['int64', 'int64', 1_000_000],
      ['string', 'interface{}', 1000], ['string', 'interface{}', 100_000], ['string', 'interface{}', 1_000_000],
      ['int32', '[200]byte', 1000], ['int32', '[200]byte', 100_000],
      ['struct{}', 'struct{}', 1000], ['[40]byte', 'int64', 100_000],
    ];
    for (const [k, v, n] of cases) {
      for (const hint of [undefined, n]) {
        const c = cfg(k, v, '1.26', { hint, seed: 11 });
        const step = simulateSwiss(c, [{ op: 'insert', n }, { op: 'clear' }]);
        const est = estimateSwiss(c, n);
        const err = (est.bytes - step[1].bytes) / step[1].bytes;
        assert.ok(Math.abs(err) < 0.02, `map[${k}]${v} n=${n} hint=${hint}: step ${step[1].bytes}, estimate ${est.bytes}`);
        assert.ok(Math.abs(est.afterClear - step[2].bytes) / step[2].bytes < 0.02, `after clear, map[${k}]${v} n=${n}`);
        // map[struct{}]struct{} holds one key however many are inserted: a small map without a hint
        assert.equal(est.structure.dirLen > 0 ? est.structure.small : 1, est.entries <= 8 && !hint ? 1 : 0);
      }
    }
  });

  it('incremental 1e6 int64 keys: the tables and bytes measured on go1.24.0, go1.25.0, go1.26.8', () => {
    // Measured, 3 runs per toolchain: 2038-2045 tables, dirLen 2048, 37,653,544-37,777,552 bytes
    // (mean 37,744,409); the fact sheet predicted 2041-2043 and 37.70-37.74 M.
    const e = estimateSwiss(cfg('int64', 'int64'), 1_000_000);
    assert.ok(e.structure.tables > 2038 && e.structure.tables < 2045, `${e.structure.tables}`);
    assert.equal(Math.round(e.structure.dirLen), 2048);
    assert.ok(Math.abs(e.bytes - 37_744_409) / 37_744_409 < 0.002, `${e.bytes}`);
  });

  it('make(map, hint): the tables are there from make; filling to the hint splits only tables past 896 keys', () => {
    const hinted = (hint: number, n: number) => estimateSwiss(cfg('int64', 'int64', '1.26', { hint }), n);
    // Below 897 keys per table nothing can split: exactly NewMap's bytes (E.3: 2,364,592 B, 128
    // tables, dirLen 128), not the 36,992 B of 1000 keys inserted without a hint.
    for (const n of [0, 1000, 50_000]) {
      const e = hinted(100_000, n);
      assert.equal(Math.round(e.bytes), 2_364_592, `${n} keys`);
      assert.ok(Math.abs(e.structure.tables - 128) < 1e-9 && Math.abs(e.structure.dirLen - 128) < 1e-9, `${n} keys`);
    }
    assert.equal(estimateSwiss(cfg('int64', 'int64'), 1000).bytes, 36_992);
    // Filled to the hint: measured on go1.26.8 (validation/cmd/measure, 5 runs), 2,364,592 B and
    // 128 tables every time. NewMap sizes for the average case, so a table whose share of random
    // hashes passes 896 still splits: 128 · P(Bin(1e5, 1/128) ≥ 897) ≈ 0.3% of maps, which the
    // expected value carries as 64 B.
    const full = hinted(100_000, 100_000);
    assert.ok(full.bytes >= 2_364_592 && full.bytes - 2_364_592 < 100, `${full.bytes}`);
    assert.ok(full.structure.tables < 128.01, `${full.structure.tables}`);
    // A hint that leaves the tables nearly full: make(map[int64]int64, 114000) has 128 tables of
    // 896 keys for 890.6 keys each. Measured on go1.26.8 (12 runs): 176-191 tables, dirLen 256,
    // 3,252,016-3,528,976 B after inserting 114,000 keys (mean of 7: 180 tables, 3,325,872 B).
    const tight = hinted(114_000, 114_000);
    assert.equal(Math.round(hinted(114_000, 0).bytes), 2_364_592);
    assert.ok(tight.structure.tables > 176 && tight.structure.tables < 191, `${tight.structure.tables}`);
    assert.ok(Math.abs(tight.bytes - 3_325_872) / 3_325_872 < 0.02, `${tight.bytes}`);
    // E.3: make(map, 1e6) filled to 1e6 keeps its 2048 tables (488 keys each on average).
    assert.equal(Math.round(hinted(1_000_000, 1_000_000).bytes), 37_832_752);
    // Past a small hint the map grows as without one: measured on go1.26.8, make(map, 1000)
    // (36,992 B) + 1e5 keys: 2,364,592 B, 128 tables (3 runs).
    const past = hinted(1000, 100_000);
    assert.ok(Math.abs(past.bytes - 2_364_592) < 100 && Math.abs(past.structure.tables - 128) < 0.01, `${past.bytes}`);
  });

  it('caps entries at the key type\'s distinct values (keyDomain), in the estimate and step mode', () => {
    // Measured on go1.26.8: map[int8]int8 after 1000 inserts holds 256 keys in one 512-slot table,
    // 1,624 B, the same after delete:all, insert:500 and clear; map[struct{}]struct{} after 5000
    // inserts holds 1 key, 64 B.
    const i8 = cfg('int8', 'int8');
    const e = estimateSwiss(i8, 1000);
    assert.equal(e.entries, 256);
    assert.equal(e.bytes, 1624);
    assert.equal(e.structure.slots, 512);
    const steps = simulateSwiss(i8, parseOps('insert:1000, delete:all, insert:500, clear'));
    assert.deepEqual(steps.map((s) => s.bytes), [48, 1624, 1624, 1624, 1624]);
    assert.deepEqual(steps.slice(1).map((s) => sw(s).count), [256, 0, 256, 0]);
    const unit = cfg('struct{}', 'struct{}');
    assert.equal(estimateSwiss(unit, 5000).bytes, 64);
    assert.equal(estimateSwiss(unit, 5000).entries, 1);
    assert.equal(last(simulateSwiss(unit, parseOps('insert:5000'))).bytes, 64);
    const flags = estimateSwiss(cfg('bool', 'int64'), 1e6);
    assert.equal(flags.entries, 2);
    assert.equal(flags.bytes, 192, 'a small map: header and one group');
    // A hint still sizes the tables up front, whatever the key type can hold.
    assert.equal(Math.round(estimateSwiss(cfg('bool', 'int64', '1.26', { hint: 100_000 }), 1e6).bytes), 2_364_592);
  });

  it('estimates small maps and huge n', () => {
    assert.equal(estimateSwiss(cfg('int64', 'int64'), 0).bytes, 48);
    assert.equal(estimateSwiss(cfg('int64', 'int64'), 8).bytes, 192);
    assert.equal(estimateSwiss(cfg('int64', 'int64'), 9).bytes, 48 + 8 + 32 + 288);
    const big = estimateSwiss(cfg('int64', 'int64'), 1e9);
    // 1e9 / 2^20 = 954 keys per depth-20 prefix: most of those (> 896) split, so the tables are
    // about 2^21 minus the ~3% of depth-20 prefixes that stayed at or below 896 keys.
    const tables = big.structure.tables;
    assert.ok(tables > 2_030_000 && tables < 2_097_152, `${tables}`);
    assert.equal(Math.round(big.structure.dirLen), 2 ** 21);
    assert.ok(big.bytes > tables * 18_464 && big.bytes < tables * 18_464 * 1.01);
  });
});
