// Speed of the classic fast estimate (hovers need < 1 ms for any N up to 1e9).
// Run: node -r esbuild-register bench/sim-estimate.bench.ts
import { estimateClassic } from '../server/src/sim/classic';
import { layoutOf } from '../server/src/sim/layout';
import type { SimConfig, TypeLayout } from '../server/src/sim/model';

const t = (s: string) => layoutOf(s) as TypeLayout;
const configs: [string, SimConfig][] = [
  ['map[string]interface{} 1.19', { key: t('string'), value: t('interface{}'), goVersion: '1.19' }],
  ['map[int64]int64 1.22', { key: t('int64'), value: t('int64'), goVersion: '1.22' }],
  ['map[int64][200]byte 1.23', { key: t('int64'), value: t('[200]byte'), goVersion: '1.23' }],
];
const sizes = [0, 8, 1000, 53_300, 1e5, 1e6, 1e7, 1e8, 1e9];

console.log('estimateClassic: microseconds per call (median of 7 runs of 200 calls)');
console.log(['config'.padEnd(30), ...sizes.map((n) => String(n).padStart(11))].join(''));
let worst = 0;
for (const [name, cfg] of configs) {
  const row = [name.padEnd(30)];
  for (const n of sizes) {
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) estimateClassic(cfg, n);
      runs.push(Number(process.hrtime.bigint() - t0) / 1e3 / 200);
    }
    runs.sort((a, b) => a - b);
    worst = Math.max(worst, runs[3]);
    row.push(runs[3].toFixed(2).padStart(11));
  }
  console.log(row.join(''));
}
// a cold first call (no JIT warm-up) in a fresh config
const t0 = process.hrtime.bigint();
estimateClassic({ key: t('[40]byte'), value: t('float64'), goVersion: '1.21' }, 123_456_789);
console.log(`first call of a new config: ${(Number(process.hrtime.bigint() - t0) / 1e3).toFixed(1)} µs; worst median ${worst.toFixed(2)} µs (budget 1000 µs)`);
