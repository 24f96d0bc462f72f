// The CLI over the local Go's standard library ($(go env GOROOT)/src, every .go file the CLI
// finds there: testdata and vendor are skipped, as ./... does), beside baselines measured in the
// same run on the same tree:
// - parse-only: read, decode and parse every one of those files with the same parser, one thread
//   (the limit the analysis is measured against: target >= 80% of its throughput with --jobs 1);
// - the CLI with --jobs 2 (target >= 1.7x its --jobs 1 throughput on 2 cores), beside two
//   independent --jobs 1 runs started together: what the machine gives two threads that share
//   nothing (on a 2-vCPU VM whose vCPUs share a core or memory bandwidth, well under 2x);
// - `go vet std cmd` (the same packages) with a fresh, empty GOCACHE (so it type-checks everything; a warm cache would
//   answer from earlier runs);
// - staticcheck std cmd, installed with `go install` at a pinned version into a temp GOBIN (skipped
//   with the reason when that fails).
// CPU seconds (user + system, from the same) compare the one-thread runs; --jobs 2 is compared on
// wall time. Peak memory is the child's maximum resident set size from /usr/bin/time (GNU time; for go vet
// and staticcheck that is the largest single process they ran, not their sum).
// - peak RSS against staticcheck's on one tree (RSS_TREE, default ./net/http/..., below GOROOT/src):
//   staticcheck with a fresh GOCACHE (it analyzes the tree and what it imports), the CLI at its
//   defaults (--jobs from the CPUs) on the same tree; target: the CLI's at most 1.5x staticcheck's.
// Run: npm run build && npm run bench -- corpus   (takes about 15 minutes: ROUNDS=n rounds of the
// four runs, default 2; TOOLS=0 leaves out go vet and staticcheck, and the RSS comparison;
// PARTS=rss runs only the RSS comparison)
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { discoverFiles } from '../server/src/workspace/discover';
import { readSource } from '../server/src/workspace/source';
import { createGoParser, parseGo } from '../server/src/parse/parser';

const STATICCHECK = 'honnef.co/go/tools/cmd/staticcheck@v0.8.2';
/** Rounds of parse-only, --jobs 1, --jobs 2 and two --jobs 1 at once (ROUNDS=n); go vet and staticcheck run once. */
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 2));
/** TOOLS=0 leaves out go vet and staticcheck (minutes each). */
const TOOLS = process.env.TOOLS !== '0';
const ROOT = path.resolve(__dirname, '..');

async function parseOnly(src: string): Promise<void> {
  const parser = await createGoParser();
  let parsed = 0;
  for (const f of discoverFiles([`${src}/...`], src)) {
    const s = readSource(f);
    if (!s.ok) continue;
    parseGo(parser, s.text).delete();
    parsed++;
  }
  console.log(`parsed ${parsed}`);
}

interface Run { label: string; seconds: number; cpuSeconds?: number; rssMB?: number; status: number | null; note?: string; /** On part of the corpus: no MB/s or files/s. */ part?: boolean }

function timed(label: string, cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const useTime = fs.existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M cpu=%U+%S', cmd, ...args], { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = /maxrss_kb=(\d+)/.exec(r.stderr ?? '')?.[1];
  const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return { label, seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined, rssMB: kb ? Number(kb) / 1024 : undefined, status: r.status, note: r.error?.message };
}

/** `go vet std cmd` with a fresh GOCACHE, then staticcheck installed at a pinned version (skipped, saying why, if that fails). */
function goTools(src: string, push: (r: Run) => void): void {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-bench-gocache-'));
  try {
    push(timed('go vet std cmd (fresh GOCACHE)', 'go', ['vet', 'std', 'cmd'], { cwd: src, env: { ...process.env, GOCACHE: cache, GOFLAGS: '' } }));
    const gobin = path.join(cache, 'bin');
    const install = spawnSync('go', ['install', STATICCHECK], { encoding: 'utf8', env: { ...process.env, GOBIN: gobin, GOFLAGS: '' } });
    if (install.status === 0) {
      // The same fresh cache, after go vet: staticcheck does its own analysis of std, cached under staticcheck/.
      push(timed(`staticcheck std cmd (${STATICCHECK.split('@')[1]})`, path.join(gobin, 'staticcheck'), ['std', 'cmd'], { cwd: src, env: { ...process.env, GOCACHE: cache, GOFLAGS: '' } }));
    } else {
      console.log(`staticcheck skipped: go install ${STATICCHECK} failed: ${(install.stderr || install.error?.message || '').trim().split('\n').slice(-2).join(' ')}`);
    }
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

/** The tree of the peak RSS comparison, below GOROOT/src. */
const RSS_TREE = process.env.RSS_TREE ?? './net/http/...';

/** Peak RSS of the CLI at its defaults against staticcheck's with a fresh cache, on RSS_TREE. */
function rssAgainstStaticcheck(src: string, cli: string, push: (r: Run) => void): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-bench-rss-'));
  try {
    const gobin = path.join(tmp, 'bin');
    const install = spawnSync('go', ['install', STATICCHECK], { encoding: 'utf8', env: { ...process.env, GOBIN: gobin, GOFLAGS: '' } });
    if (install.status !== 0) { console.log(`peak RSS against staticcheck skipped: go install ${STATICCHECK} failed`); return; }
    const env = { ...process.env, GOCACHE: path.join(tmp, 'cache'), GOFLAGS: '' };
    const cold = timed(`staticcheck ${RSS_TREE} (fresh cache)`, path.join(gobin, 'staticcheck'), [RSS_TREE], { cwd: src, env });
    push({ ...cold, part: true });
    const warm = timed(`staticcheck ${RSS_TREE} (again, cached)`, path.join(gobin, 'staticcheck'), [RSS_TREE], { cwd: src, env });
    push({ ...warm, part: true });
    const ours = timed(`go-mapleak ${RSS_TREE}`, process.execPath, [cli, '--format', 'json', '--compiler', 'off', RSS_TREE], { cwd: src });
    push({ ...ours, part: true });
    if (cold.rssMB === undefined || ours.rssMB === undefined) { console.log('peak RSS against staticcheck: no figures (/usr/bin/time missing)'); return; }
    const ratio = ours.rssMB / cold.rssMB;
    console.log(`peak RSS on ${RSS_TREE}: go-mapleak ${ours.rssMB.toFixed(0)} MB = ${ratio.toFixed(2)}x staticcheck's ${cold.rssMB.toFixed(0)} MB with a fresh cache (target <= 1.5x): ${ratio <= 1.5 ? 'met' : 'NOT met'}; ${(ours.rssMB / (warm.rssMB ?? NaN)).toFixed(2)}x its ${warm.rssMB?.toFixed(0)} MB answering from its cache`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--parse-only') return parseOnly(process.argv[3]);
  const go = spawnSync('go', ['env', 'GOROOT', 'GOVERSION'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) { console.log('skipped: go is not on PATH'); return; }
  const [goroot, goversion] = go.stdout.trim().split('\n');
  const src = path.join(goroot, 'src');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(cli)) { console.log('skipped: dist/cli.js missing (npm run build first)'); return; }

  const files = discoverFiles([`${src}/...`], src);
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`corpus: ${src} (${goversion}), ${files.length} .go files, ${(bytes / 1e6).toFixed(1)} MB; ${os.cpus().length} CPUs, node ${process.version}`);

  // Each row is printed as its run ends (the whole bench takes minutes).
  console.log(['run'.padEnd(34), 'seconds', 'CPU s', '   MB/s', 'files/s', ' peak RSS MB', ' exit'].join('  '));
  const push = (r: Run) => {
    console.log([r.label.padEnd(34), r.seconds.toFixed(1).padStart(7), (r.cpuSeconds?.toFixed(1) ?? 'n/a').padStart(5), (r.part ? 'n/a' : (bytes / 1e6 / r.seconds).toFixed(2)).padStart(7),
      (r.part ? 'n/a' : (files.length / r.seconds).toFixed(0)).padStart(7), (r.rssMB?.toFixed(0) ?? 'n/a').padStart(12), String(r.status).padStart(5)].join('  ') + (r.note ? `  ${r.note}` : ''));
  };
  // Rounds of the four, interleaved, so that a slow moment of a shared machine hits each alike; each
  // comparison takes every run's best (least CPU for one thread, least wall time for the speed-up).
  const lint = (jobs: number) => timed(`go-mapleak --jobs ${jobs}`, process.execPath, [cli, '--format', 'json', '--compiler', 'off', '--jobs', String(jobs), './...'], { cwd: src });
  // Two --jobs 1 runs at once: wall time until both end (CPU is their sum; peak RSS the larger one's).
  const lintArgs = (jobs: number) => [cli, '--format', 'json', '--compiler', 'off', '--jobs', String(jobs), './...'].map((a) => `'${a}'`).join(' ');
  const pair = () => timed('two --jobs 1 runs at once', '/bin/sh', ['-c', `'${process.execPath}' ${lintArgs(1)} >/dev/null & '${process.execPath}' ${lintArgs(1)} >/dev/null; wait`], { cwd: src });
  if (process.env.PARTS === 'rss') return rssAgainstStaticcheck(src, cli, push);
  const parses: Run[] = [], ones: Run[] = [], twos: Run[] = [], pairs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const p = timed('parse-only (1 thread)', process.execPath, ['-r', 'esbuild-register', __filename, '--parse-only', src], { cwd: ROOT });
    push(p);
    parses.push(p);
    const one = lint(1);
    push(one);
    ones.push(one);
    const two = lint(2);
    push(two);
    twos.push(two);
    const both = pair();
    push(both);
    pairs.push(both);
  }

  if (TOOLS) { goTools(src, push); rssAgainstStaticcheck(src, cli, push); }
  else console.log('go vet and staticcheck left out (TOOLS=0)');

  // One thread: CPU seconds (user + system) compare the work done even on a busy machine; wall time otherwise.
  const cpu = (r: Run) => r.cpuSeconds ?? r.seconds;
  const best = (rs: Run[], by: (r: Run) => number) => rs.reduce((a, b) => (by(b) < by(a) ? b : a));
  const parse = best(parses, cpu), one = best(ones, cpu);
  const share = cpu(parse) / cpu(one);
  const speedup = best(ones, (r) => r.seconds).seconds / best(twos, (r) => r.seconds).seconds;
  console.log(`best of ${ROUNDS}: parse-only ${cpu(parse).toFixed(1)} CPU s, --jobs 1 ${cpu(one).toFixed(1)} CPU s; --jobs 1 ${best(ones, (r) => r.seconds).seconds.toFixed(1)} s, --jobs 2 ${best(twos, (r) => r.seconds).seconds.toFixed(1)} s wall`);
  console.log(`analysis --jobs 1 = ${(share * 100).toFixed(0)}% of parse-only throughput (target >= 80%): ${share >= 0.8 ? 'met' : 'NOT met'}`);
  console.log(`--jobs 2 = ${speedup.toFixed(2)}x --jobs 1 (target >= 1.7x on 2 cores): ${speedup >= 1.7 ? 'met' : 'NOT met'}`);
  // Two runs' work in the pair's wall time, against one run's: the most any split of the work over two threads could get here.
  const ceiling = (2 * best(ones, (r) => r.seconds).seconds) / best(pairs, (r) => r.seconds).seconds;
  console.log(`this machine's ceiling for two threads: two --jobs 1 runs at once do ${ceiling.toFixed(2)}x the work of one in the same time; --jobs 2 reaches ${((speedup / ceiling) * 100).toFixed(0)}% of it`);
}

void main();
