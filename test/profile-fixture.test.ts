// The fixture program (test/testdata/profile/app) built with Go on PATH and Go 1.22 (GOTOOLCHAIN, from
// the module proxy), with and without -trimpath, run, and profiled over net/http/pprof: go-mapleak's
// figures against `go tool pprof` on the same profile, against the program's known peaks, and its
// split by object size against the split by runtime frames of a full-stack profile of the same run.
import * as assert from 'assert';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI, ROOT } from './cli-harness';

const APP = path.join(ROOT, 'test', 'testdata', 'profile', 'app');
const CACHE = fs.readFileSync(path.join(APP, 'cache', 'cache.go'), 'utf8').split('\n');
const lineOf = (needle: string) => CACHE.findIndex((l) => l.includes(needle)) + 1;

/** The map each allocating line of cache.go belongs to, and what it does. */
const TRUTH: Record<number, [string, string[]]> = {
  [lineOf('sessions[k] = v')]: ['sessions', ['grow']],
  [lineOf('s.byID[id] = v')]: ['Store.byID', ['grow']],
  [lineOf('byID: make(map[int64]string)')]: ['Store.byID', ['make']],
  [lineOf('attrs[s] = s')]: ['attrs', ['grow', 'box']],
  [lineOf('return map[string]int{')]: ['map literal in Codes', ['literal']],
  [lineOf('inner := make(map[string]int)')]: ['byUser[…]', ['make']],
  [lineOf('inner[f] = j')]: ['byUser[…]', ['grow']],
  [lineOf('byUser[u] = inner')]: ['byUser', ['grow']],
};

const GO = spawnSync('go', ['version']).status === 0;

interface Built { name: string; goVersion: string; bin: string }

function build(toolchain: string | undefined, trimpath: boolean, out: string): Built | string {
  const env = { ...process.env, GOTOOLCHAIN: toolchain ?? 'local', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  const v = spawnSync('go', ['env', 'GOVERSION'], { cwd: APP, env, encoding: 'utf8' });
  const m = /go(1\.\d+)/.exec(v.stdout);
  if (v.status !== 0 || !m) return `go ${toolchain ?? ''} not available: ${(v.stderr || v.stdout).trim().split('\n').pop()}`;
  const bin = path.join(out, `app-${m[1]}${trimpath ? '-trimpath' : ''}`);
  const b = spawnSync('go', ['build', ...(trimpath ? ['-trimpath'] : []), '-o', bin, '.'], { cwd: APP, env, encoding: 'utf8' });
  if (b.status !== 0) return `go build failed: ${b.stderr}`;
  return { name: `Go ${m[1]}${trimpath ? ' -trimpath' : ''}`, goVersion: m[1], bin };
}

function start(bin: string): Promise<{ proc: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    // 64 KiB: eight times the default rate's samples, so every map of the fixture is seen in each run.
    const proc = spawn(bin, ['-rate', '65536'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`${bin} did not say where it listens: ${out}`)); }, 60_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, base: `http://${m[1]}` }); }
    });
    proc.on('error', reject);
  });
}

async function save(url: string, file: string): Promise<void> {
  const r = await fetch(url);
  assert.ok(r.ok, `${url}: ${r.status}`);
  fs.writeFileSync(file, new Uint8Array(await r.arrayBuffer()));
}

/** flat bytes per cache.go line, as `go tool pprof -top -lines` prints them. */
function pprofFlat(file: string): Map<number, number> {
  const r = spawnSync('go', ['tool', 'pprof', '-top', '-lines', '-sample_index=inuse_space', '-unit=B', '-nodefraction=0', '-nodecount=1000000', file], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } });
  assert.strictEqual(r.status, 0, r.stderr);
  const flat = new Map<number, number>();
  for (const l of r.stdout.split('\n')) {
    const m = /^\s*(\d+)B\s.*\bcache\.go:(\d+)/.exec(l);
    if (m) flat.set(Number(m[2]), (flat.get(Number(m[2])) ?? 0) + Number(m[1]));
  }
  return flat;
}

interface Json {
  profile: { split: string };
  maps: { name: string; kind: string; bytes: number; storageBytes: number; boxingBytes: number; entries: { low: number; high: number } | null; sites: { file: string; line: number; what: string; bytes: number }[] }[];
  findings: { rule: string; severity: string; message: string }[];
}

function profileJson(source: string, goVersion: string): Json {
  const r = spawnSync(process.execPath, [CLI, 'profile', source, '--go', goVersion, '--format', 'json', '--min-severity', 'hint'], { cwd: APP, encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

describe('profile: the fixture program under real Go runtimes', function () {
  this.timeout(600_000);
  const runs: { built: Built; heap: string; full: string; peaks: Record<string, number>; url: string }[] = [];
  const procs: ChildProcess[] = [];
  const skipped: string[] = [];

  before(async function () {
    if (!GO) { console.log('    (skipped: go is not on PATH)'); this.skip(); }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-profile-'));
    for (const toolchain of [undefined, 'go1.22.12']) {
      for (const trimpath of [false, true]) {
        const built = build(toolchain, trimpath, out);
        if (typeof built === 'string') { skipped.push(built); continue; }
        const { proc, base } = await start(built.bin);
        procs.push(proc);
        const heap = path.join(out, `${path.basename(built.bin)}.heap.pb.gz`);
        const full = path.join(out, `${path.basename(built.bin)}.full.pb.gz`);
        await save(`${base}/debug/pprof/heap?gc=1`, heap);
        await save(`${base}/fullheap`, full);
        const peaks = await (await fetch(`${base}/peaks`)).json() as Record<string, number>;
        runs.push({ built, heap, full, peaks, url: `${base}/debug/pprof/heap` });
      }
    }
    for (const s of skipped) console.log(`    (skipped a build: ${s})`);
    if (!runs.length) this.skip();
  });
  after(() => { for (const p of procs) p.kill(); });

  it('builds and profiles under Go on PATH and Go 1.22, with and without -trimpath', function () {
    // CI fetches go1.22.12 through the module proxy; where it cannot, the builds that ran are checked.
    if (process.env.CI) assert.strictEqual(runs.length, 4, skipped.join('; '));
    assert.ok(runs.some((r) => r.built.name.includes('-trimpath')));
  });

  it('per-site bytes equal go tool pprof -top -lines on the same profile, within 1%', () => {
    for (const r of runs) {
      const flat = pprofFlat(r.heap);
      const ours = new Map<number, number>();
      for (const m of profileJson(r.heap, r.built.goVersion).maps) for (const s of m.sites) ours.set(s.line, (ours.get(s.line) ?? 0) + s.bytes);
      assert.ok(ours.size >= 4, `${r.built.name}: ${[...ours.keys()]}`);
      for (const [line, bytes] of ours) {
        const want = flat.get(line) ?? 0;
        assert.ok(Math.abs(bytes - want) <= 0.01 * want, `${r.built.name} cache.go:${line}: ours ${bytes}, pprof ${want}`);
      }
    }
  });

  it('attributes every site to its map', () => {
    for (const r of runs) {
      const j = profileJson(r.heap, r.built.goVersion);
      for (const m of j.maps) {
        for (const s of m.sites) {
          const truth = TRUTH[s.line];
          assert.ok(truth, `${r.built.name}: cache.go:${s.line} (${m.name}) is not a map site`);
          assert.strictEqual(m.name, truth[0], `${r.built.name}: cache.go:${s.line}`);
          assert.ok(truth[1].includes(s.what), `${r.built.name}: cache.go:${s.line} ${s.what}`);
        }
      }
      // The large maps are always sampled.
      for (const name of ['sessions', 'Store.byID', 'attrs', 'byUser[…]']) assert.ok(j.maps.some((m) => m.name === name), `${r.built.name}: ${name}`);
    }
  });

  it("the inverse simulation's range holds each map's known peak", () => {
    for (const r of runs) {
      const j = profileJson(r.heap, r.built.goVersion);
      for (const name of ['sessions', 'attrs', 'byUser']) {
        const m = j.maps.find((x) => x.name === name);
        if (!m) continue; // byUser's own tables may be under the sampling rate
        assert.ok(m.entries, `${r.built.name}: ${name} has no range`);
        assert.ok(m.entries.low <= r.peaks[name] && r.peaks[name] <= m.entries.high, `${r.built.name} ${name}: ${m.entries.low}..${m.entries.high}, peak ${r.peaks[name]}`);
      }
    }
  });

  it('the split by object size is within 10% of the split by runtime frames of a full-stack profile of the same run', () => {
    for (const r of runs) {
      const stock = profileJson(r.heap, r.built.goVersion);
      const full = profileJson(r.full, r.built.goVersion);
      assert.deepStrictEqual([stock.profile.split, full.profile.split], ['model', 'frames']);
      for (const f of full.maps) {
        const s = stock.maps.find((m) => m.name === f.name);
        assert.ok(s, `${r.built.name}: ${f.name} only in the full profile`);
        for (const k of ['storageBytes', 'boxingBytes'] as const) {
          assert.ok(Math.abs(s[k] - f[k]) <= 0.1 * f.bytes, `${r.built.name} ${f.name} ${k}: model ${s[k]}, frames ${f[k]}`);
        }
      }
      assert.ok(full.maps.find((m) => m.name === 'attrs')!.boxingBytes > 0, `${r.built.name}: no boxes in attrs`);
    }
  });

  it('reads the running program by URL and raises the emptied map to a warning with its bytes', () => {
    const r = runs[0];
    const out = spawnSync(process.execPath, [CLI, 'profile', r.url, '--go', r.built.goVersion], { cwd: APP, encoding: 'utf8' });
    assert.strictEqual(out.status, 1, out.stderr);
    assert.match(out.stdout, /^http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/heap\?gc=1: inuse_space/);
    const j = profileJson(r.url, r.built.goVersion);
    const rc = j.findings.find((f) => f.rule === 'rangeclear')!;
    assert.strictEqual(rc.severity, 'warning');
    assert.match(rc.message, /sessions holds \d+\.\d MiB in use/);
  });
});
