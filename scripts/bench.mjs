// npm run bench: runs every bench/*.bench.ts in its own process (so one cannot warm up another),
// each printing its figures as ratios against a baseline it measures in the same run.
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';

const only = process.argv[2];
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n== bench/${f}`);
  const r = spawnSync(process.execPath, ['-r', 'esbuild-register', `bench/${f}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
