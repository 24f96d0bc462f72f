// Speed of reading a heap profile: a profile of 1,000,000 samples written here (pprof-format's
// encoder; stacks of 6 to 20 frames over the fixture program's functions, the standard library's and
// the runtime's), then timed as a ratio to `go tool pprof -top` on the same file, measured in the
// same run (median of 3 runs each):
// - go-mapleak's decode and attribution in process (decodeProfile, collectSites, attribute);
// - `go-mapleak profile FILE --format json` as a process (start-up, the lint of the module, output).
// Goal (issue 15): ≤ 1.0× for decode and attribution.
// Run: npm run build && npm run bench -- profile
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createGoParser } from '../server/src/parse/parser';
import { decodeProfile } from '../server/src/profile/decode';
import { collectSites } from '../server/src/profile/sites';
import { attribute } from '../server/src/profile/attribute';
import { FileMatcher } from '../server/src/profile/match';
import { FilePasses } from '../server/src/workspace/passes';
import { synthProfile, type SynthSample } from '../test/profile-synth';

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'test', 'testdata', 'profile', 'app');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SAMPLES = 1_000_000;

if (spawnSync('go', ['version']).status !== 0) {
  console.log('skipped: go is not on PATH (the baseline is go tool pprof)');
  process.exit(0);
}
if (!fs.existsSync(CLI)) {
  console.log('dist/cli.js is missing: npm run build first');
  process.exit(1);
}

// A deterministic generator: the same profile in every run.
// mulberry32: the low bits of a plain LCG repeat with a short period.
let seed = 42;
const rand = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return (((t ^ (t >>> 14)) >>> 0) % n);
};

const cache = fs.readFileSync(path.join(APP, 'cache', 'cache.go'), 'utf8').split('\n');
const userLines = cache.map((_, i) => i + 1).filter((l) => /\S/.test(cache[l - 1]));
const user = userLines.map((line) => ({ function: `example.com/mapleakdemo/cache.fn${line % 17}`, file: path.join(APP, 'cache', 'cache.go'), line }));
const foreign = Array.from({ length: 3000 }, (_, i) => ({ function: `github.com/dep${i % 40}/pkg.F${i}`, file: `/root/go/pkg/mod/github.com/dep${i % 40}/pkg@v1.0.0/f${i % 90}.go`, line: 10 + (i % 400) }));
const runtime = ['runtime.mallocgc', 'runtime.newobject', 'internal/runtime/maps.newarray', 'internal/runtime/maps.newTable', 'runtime.mapassign_faststr', 'runtime.convTstring']
  .map((f, i) => ({ function: f, file: `/usr/local/go/src/runtime/x${i}.go`, line: 100 + i }));

const samples: SynthSample[] = [];
for (let s = 0; s < SAMPLES; s++) {
  const depth = 6 + rand(15);
  const stack = [];
  if (rand(2)) stack.push(runtime[rand(runtime.length)]);
  for (let d = 0; d < depth; d++) stack.push(rand(4) === 0 ? user[rand(user.length)] : foreign[rand(foreign.length)]);
  const objects = 1 + rand(1000);
  const size = [16, 32, 144, 1160, 148_480][rand(5)];
  samples.push({ stack, values: [objects, objects * size, objects >> 1, (objects >> 1) * size] });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-bench-profile-'));
const file = path.join(dir, 'heap.pb.gz');
fs.writeFileSync(file, synthProfile(samples));
console.log(`profile: ${SAMPLES.toLocaleString('en-US')} samples, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB gzipped`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const seconds = (f: () => void) => { const t0 = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t0) / 1e9; };
const times = (f: () => void) => median([0, 1, 2].map(() => seconds(f)));

async function main(): Promise<void> {
  const pprof = times(() => {
    const r = spawnSync('go', ['tool', 'pprof', '-top', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr);
  });
  const parser = await createGoParser();
  let maps = 0;
  const ours = times(() => {
    const p = decodeProfile(fs.readFileSync(file));
    const matcher = new FileMatcher([{ dir: APP, path: 'example.com/mapleakdemo' }]);
    const table = collectSites(p, 'inuse_space', matcher);
    maps = attribute(table, new FilePasses(parser).passOf).maps.length;
  });
  parser.delete();
  const cli = times(() => {
    const r = spawnSync(process.execPath, [CLI, 'profile', file, '--format', 'json', '--go', '1.26'], { cwd: APP, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0 && r.status !== 1) throw new Error(r.stderr);
  });
  console.log(`go tool pprof -top (baseline):      ${pprof.toFixed(2)} s`);
  console.log(`decode + attribution (in process):  ${ours.toFixed(2)} s = ${(ours / pprof).toFixed(2)}× the baseline (goal ≤ 1.0×; ${maps} maps)`);
  console.log(`go-mapleak profile (a process):     ${cli.toFixed(2)} s = ${(cli / pprof).toFixed(2)}× the baseline`);
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
