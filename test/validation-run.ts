// Finds Go toolchains, builds validation/cmd/measure with each and runs it: the I/O half of the
// validation (test/validation-compare.ts holds the comparison with the simulation).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { MeasureCase } from './validation-matrix';

export const ROOT = path.resolve(__dirname, '..');
export const VALIDATION = path.join(ROOT, 'validation');
export const RESULTS = path.join(VALIDATION, 'results');

export interface Toolchain {
  /** runtime.Version() style: "go1.19.8". */
  version: string;
  /** The go command and the environment that selects this toolchain. */
  go: string;
  env: Record<string, string>;
  /** Where it came from: "PATH", "/usr/lib/go-1.19", "GOTOOLCHAIN=go1.24.0". */
  source: string;
}

export interface Skipped { name: string; reason: string }

function goVersionOf(go: string, env: Record<string, string>): { version?: string; error?: string } {
  const r = spawnSync(go, ['env', 'GOVERSION'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 600_000 });
  if (r.error) return { error: r.error.message };
  if (r.status !== 0) return { error: (r.stderr || '').trim().split('\n').slice(-2).join(' ') || `exit ${r.status}` };
  return { version: r.stdout.trim() };
}

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, cmd);
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

/** Toolchain names (go1.24.0 ...) that validation/toolchains.txt asks for: one a line, # comments. */
export function wantedToolchains(): string[] {
  const file = path.join(VALIDATION, 'toolchains.txt');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

/**
 * Every Go toolchain to be had: `go` on PATH, Debian's /usr/lib/go-* (golang-1.19-go), and with
 * `proxied` the ones validation/toolchains.txt names, fetched by the go command through
 * GOTOOLCHAIN from the module proxy. One per Go version.
 */
export function findToolchains(opts: { proxied: boolean }): { found: Toolchain[]; skipped: Skipped[] } {
  const found: Toolchain[] = [];
  const skipped: Skipped[] = [];
  const add = (go: string, env: Record<string, string>, source: string): void => {
    const v = goVersionOf(go, env);
    if (!v.version) skipped.push({ name: source, reason: v.error ?? 'no version' });
    else if (!found.some((t) => t.version === v.version)) found.push({ version: v.version, go, env, source });
  };
  const local = onPath('go');
  if (local) add(local, { GOTOOLCHAIN: 'local' }, 'PATH');
  else skipped.push({ name: 'go on PATH', reason: 'no go command on PATH' });
  const lib = '/usr/lib';
  const debian = fs.existsSync(lib) ? fs.readdirSync(lib).filter((d) => /^go-\d+\.\d+$/.test(d)).sort() : [];
  for (const d of debian) {
    const go = path.join(lib, d, 'bin', 'go');
    if (fs.existsSync(go)) add(go, { GOTOOLCHAIN: 'local' }, path.join(lib, d));
  }
  if (opts.proxied) {
    for (const name of wantedToolchains()) {
      if (found.some((t) => t.version === name)) continue;
      if (!local) { skipped.push({ name, reason: 'no go command on PATH to fetch it with' }); continue; }
      add(local, { GOTOOLCHAIN: name }, `GOTOOLCHAIN=${name}`);
    }
  }
  found.sort((a, b) => compareGoVersions(a.version, b.version));
  return { found, skipped };
}

/** Orders "go1.9.2" < "go1.19.8" < "go1.26.8". */
export function compareGoVersions(a: string, b: string): number {
  const nums = (v: string): number[] => v.replace(/^go/, '').split(/[.a-z]+/).map(Number);
  const x = nums(a);
  const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Builds the measurement with one toolchain; returns the binary's path. */
export function buildMeasure(tc: Toolchain, outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mapleak-measure-'))): string {
  const bin = path.join(outDir, `measure-${tc.version}`);
  const r = spawnSync(tc.go, ['build', '-buildvcs=false', '-o', bin, './cmd/measure'], {
    cwd: VALIDATION, env: { ...process.env, ...tc.env, CGO_ENABLED: '0' }, encoding: 'utf8', timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`go build with ${tc.version} failed: ${r.error?.message ?? ''}${r.stderr}`);
  return bin;
}

// The measurement's JSON (validation/cmd/measure/model.go).
export interface ClassicState {
  count: number; B: number; noverflow: number; flags: number; hash0: number; oldbuckets: number;
  sameSizeGrow: boolean; nevacuate: number; hasExtra: boolean; overflowChained: number; overflowInArray: number;
  prealloc: number; oldOverflowChained: number; overflowListLen: number; overflowListCap: number; bucketSize: number;
}
export interface SwissState {
  used: number; seed: number; dirLen: number; globalDepth: number; small: boolean; groupAllocated: boolean;
  tables: number; capHist: number[]; tableUsed: number; growthLeft: number; tombstones: number;
  minLocalDepth: number; maxLocalDepth: number; groupSize: number; slotSize: number;
}
export interface MeasuredStep { op: string; bytes: number; classic?: ClassicState; swiss?: SwissState; nanos: number }
export interface MeasuredCase extends MeasureCase { error?: string; results: { steps: MeasuredStep[] }[]; millis: number }
export interface MeasureOutput { goVersion: string; goarch: string; runtime: 'classic' | 'swiss'; cases: MeasuredCase[]; facts?: unknown; millis: number }

/** Runs the binary on a case list (or the behaviour probes with `facts`). */
export function runMeasure(bin: string, input: { cases: MeasureCase[] } | 'facts'): MeasureOutput {
  const args = input === 'facts' ? ['-facts'] : [];
  const r = spawnSync(bin, args, {
    input: input === 'facts' ? '' : JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 30, timeout: 1_200_000,
    env: { ...process.env, GOMAXPROCS: '1', GOGC: 'off' },
  });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed: ${r.error?.message ?? ''}${r.stderr}`);
  return JSON.parse(r.stdout) as MeasureOutput;
}
