// Speed of the map-memory simulation, through its front door (sim/index.ts), for both runtimes:
// - the estimate, which hovers call: budget 1 ms for any N up to 1e9 (issue 3);
// - step mode (the panel): 1e6 inserts then a per-key delete of all, as a ratio to 1e6 bare key
//   hashes measured in the same run (the least any per-key simulation must spend).
// Run: npm run bench -- sim
import { keyHash } from '../server/src/sim/hash';
import { estimate, layoutOf, simulate } from '../server/src/sim';
import type { Op, SimConfig, TypeLayout } from '../server/src/sim/model';

const t = (s: string) => layoutOf(s) as TypeLayout;
const configs: [string, SimConfig][] = [
  ['map[string]interface{} 1.19', { key: t('string'), value: t('interface{}'), goVersion: '1.19' }],
  ['map[int64]int64 1.22', { key: t('int64'), value: t('int64'), goVersion: '1.22' }],
  ['map[int64][200]byte 1.23', { key: t('int64'), value: t('[200]byte'), goVersion: '1.23' }],
  ['map[string]interface{} 1.26', { key: t('string'), value: t('interface{}'), goVersion: '1.26' }],
  ['map[int64]int64 1.24', { key: t('int64'), value: t('int64'), goVersion: '1.24' }],
  ['map[int64][200]byte 1.25 hint=1e6', { key: t('int64'), value: t('[200]byte'), goVersion: '1.25', hint: 1e6 }],
];
const sizes = [0, 8, 1000, 53_300, 1e5, 1e6, 1e7, 1e8, 1e9];
const BUDGET_US = 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const micros = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e3;

console.log('estimate(): microseconds per call (median of 7 runs of 200 calls)');
console.log(['config'.padEnd(36), ...sizes.map((n) => String(n).padStart(11))].join(''));
let worst = 0;
for (const [name, cfg] of configs) {
  const row = [name.padEnd(36)];
  for (const n of sizes) {
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) estimate(cfg, n);
      runs.push(micros(t0) / 200);
    }
    const m = median(runs);
    worst = Math.max(worst, m);
    row.push(m.toFixed(1).padStart(11));
  }
  console.log(row.join(''));
}
for (const goVersion of ['1.21', '1.26']) {
  const t0 = process.hrtime.bigint();
  estimate({ key: t('[40]byte'), value: t('float64'), goVersion, hint: 77_777 }, 123_456_789);
  console.log(`first call of a new config (Go ${goVersion}): ${micros(t0).toFixed(0)} µs = ${(micros(t0) / BUDGET_US).toFixed(3)} of the budget`);
}
console.log(`worst median ${worst.toFixed(1)} µs = ${(worst / BUDGET_US).toFixed(3)} of the ${BUDGET_US} µs budget`);

const hashes = () => {
  const h = { lo: 0, hi: 0 };
  const t0 = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 1e6; i++) x ^= keyHash(1, i, h).lo;
  if (x === 0.5) console.log(x); // keeps the loop
  return micros(t0) / 1e3;
};
const ops: Op[] = [{ op: 'insert', n: 1e6 }, { op: 'delete', n: 'all' }];
for (const [name, cfg] of [configs[0], configs[3]]) {
  const runs: number[] = [], bases: number[] = [];
  for (let r = 0; r < 3; r++) {
    bases.push(hashes());
    const t0 = process.hrtime.bigint();
    simulate({ ...cfg, seed: r }, ops);
    runs.push(micros(t0) / 1e3);
  }
  const ms = median(runs), base = median(bases);
  console.log(`simulate ${name}, insert:1e6 + delete:all: ${ms.toFixed(0)} ms = ${(ms / base).toFixed(1)}x 1e6 key hashes (${base.toFixed(1)} ms)`);
}
