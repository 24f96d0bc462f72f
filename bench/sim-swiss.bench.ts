// Speed of the Swiss-table model: the estimate (hovers need < 1 ms for any N up to 1e9) and the
// step simulation of 1e6 inserts (the panel), the latter also as a ratio to 1e6 bare key hashes
// measured in the same run (the least any per-key simulation must spend).
// Run: node -r esbuild-register bench/sim-swiss.bench.ts
import { keyHash } from '../server/src/sim/hash';
import { layoutOf } from '../server/src/sim/layout';
import type { Op, SimConfig, TypeLayout } from '../server/src/sim/model';
import { estimateSwiss, simulateSwiss } from '../server/src/sim/swiss';

const t = (s: string) => layoutOf(s) as TypeLayout;
const configs: [string, SimConfig][] = [
  ['map[string]interface{} 1.26', { key: t('string'), value: t('interface{}'), goVersion: '1.26' }],
  ['map[int64]int64 1.24', { key: t('int64'), value: t('int64'), goVersion: '1.24' }],
  ['map[int64][200]byte hint=1e6', { key: t('int64'), value: t('[200]byte'), goVersion: '1.25', hint: 1e6 }],
];
const sizes = [0, 8, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const micros = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e3;

console.log('estimateSwiss: microseconds per call (median of 7 runs of 200 calls)');
console.log(['config'.padEnd(32), ...sizes.map((n) => String(n).padStart(11))].join(''));
let worst = 0;
for (const [name, cfg] of configs) {
  const row = [name.padEnd(32)];
  for (const n of sizes) {
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) estimateSwiss(cfg, n);
      runs.push(micros(t0) / 200);
    }
    const m = median(runs);
    worst = Math.max(worst, m);
    row.push(m.toFixed(1).padStart(11));
  }
  console.log(row.join(''));
}
const fresh: SimConfig = { key: t('[40]byte'), value: t('float64'), goVersion: '1.26', hint: 77_777 };
const t0 = process.hrtime.bigint();
estimateSwiss(fresh, 123_456_789);
console.log(`first call of a new config: ${micros(t0).toFixed(0)} µs; worst median ${worst.toFixed(1)} µs (budget 1000 µs)`);

// Step mode: 1e6 new keys, then a per-key delete of all of them.
const baseline = () => {
  const h = { lo: 0, hi: 0 };
  const t1 = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 1e6; i++) x ^= keyHash(1, i, h).lo;
  if (x === 0.5) console.log(x); // keep the loop
  return micros(t1) / 1e3;
};
const ops: Op[] = [{ op: 'insert', n: 1e6 }, { op: 'delete', n: 'all' }];
for (const [name, cfg] of configs.slice(0, 2)) {
  const runs: number[] = [], bases: number[] = [];
  for (let r = 0; r < 3; r++) {
    bases.push(baseline());
    const t1 = process.hrtime.bigint();
    simulateSwiss({ ...cfg, seed: r }, ops);
    runs.push(micros(t1) / 1e3);
  }
  const ms = median(runs), base = median(bases);
  console.log(`simulateSwiss ${name}, insert:1e6 + delete:all: ${ms.toFixed(0)} ms = ${(ms / base).toFixed(1)}x 1e6 key hashes (${base.toFixed(1)} ms)`);
}
