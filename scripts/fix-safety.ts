// Fix safety at scale (issue 6 point 5): apply every preferred fix over a copy of the standard
// library and examples/, then build, vet and gofmt what changed. A fix may not add one error.
//
//   npm run fix-safety                       every package of $(go env GOROOT)/src, and examples/
//   npm run fix-safety -- runtime os/...     only these std paths (DIR, DIR/... or a .go file), and examples/
//   npm run fix-safety -- --keep             leave the temp copy for inspection
//   npm run fix-safety -- --no-realworld     without the real-world benchmark's modules
//
// The command also runs `go test` on every changed package (120 s each), and applies ifacebox's
// narrowing (its only fix) to the modules of bench/realworld/modules.json, taken from the Go module
// proxy into the module cache: a changed package there is built, vetted and tested with its
// dependencies downloaded through the proxy.
// Std packages only build as std from a GOROOT, so the whole GOROOT is copied as hard links (cp -al,
// about a second) and its own go runs with GOROOT pointing at the copy. --fix writes through a
// rename, which gives a fixed file a new inode; the script checks the original files are untouched.
// The baseline (build and vet before the fixes) runs on the original tree with identical content;
// messages are compared with the root path and line:column numbers taken out, since a fix moves lines.
import { execFileSync, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface FixSafetyOptions {
  /** Std paths relative to GOROOT/src ("runtime", "encoding/...", "runtime/map_test.go"); undefined: all of src. */
  std?: string[];
  /** The Go module to copy and fix beside std (default examples/). */
  examples?: string;
  keep?: boolean;
  /** Also `go test` the changed packages (slow for std's runtime: the command does, the unit test not). */
  test?: boolean;
  /** Module roots (read-only, e.g. in the module cache) to copy and fix with ifacebox only: its narrowing. */
  modules?: string[];
  log?: (line: string) => void;
}

/** One module of `modules`: the narrowings offered and applied, and the checks of the changed packages. */
export interface ModuleResult { dir: string; offered: number; applied: number; changed: string[]; checks: CheckResult[]; unformatted: string[] }

export interface CheckResult { command: string; newErrors: string[] }

export interface FixSafetyResult {
  goVersion: string;
  /** Findings with a preferred fix before --fix, per rule. */
  offered: Record<string, number>;
  /** Findings with a preferred fix still there after --fix, per rule (a fix can settle two findings on one loop). */
  left: Record<string, number>;
  /** What the CLI reports it fixed ("fixed N findings in M files"). */
  fixedFindings: number;
  fixedFiles: number;
  /** Changed files, relative to the copy's root (goroot/src/... or examples/...). */
  changed: string[];
  stdPackages: string[];
  /** False when examples/ was skipped: its go line is newer than the toolchain. */
  examples: boolean;
  examplePackages: string[];
  checks: CheckResult[];
  modules: ModuleResult[];
  /** gofmt -l output over the changed files (must be empty). */
  unformatted: string[];
  /** Originals whose content changed (must be empty: the copy is hard-linked). */
  originalsTouched: string[];
  seconds: { copy: number; lint: number; fix: number; check: number; total: number };
}

export function goAvailable(): boolean {
  return spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
}

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const since = (t0: number) => Math.round((Date.now() - t0) / 100) / 10;

function goEnv(goroot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOROOT: goroot, GOTOOLCHAIN: 'local' };
  delete env.GOFLAGS; // -mod=mod would make std's vendored modules resolve from the proxy
  return env;
}

/** The CLI's JSON report; with fix, what is left after fixing, and its stderr summary. */
function lintJson(targets: string[], fix: boolean, extra: string[] = [], cwd?: string): { findings: { file: string; rule: string; fixes: { preferred?: boolean; title?: string }[] }[]; stderr: string } {
  const args = [CLI, '--format', 'json', '--compiler', 'off', '--min-severity', 'hint', '--issues-exit-code', '0', '--no-config', ...extra, ...(fix ? ['--fix'] : []), ...targets];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, cwd });
  if (r.status !== 0) throw new Error(`go-mapleak exited ${r.status}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), stderr: r.stderr };
}

/** Output lines of a go command, with roots and positions taken out so runs on two trees compare. */
export function normalized(out: string, roots: string[]): string[] {
  let text = out;
  for (const r of roots) text = text.split(r).join('$ROOT');
  return text.split('\n').map((l) => l.replace(/(\.go):\d+(:\d+)?/g, '$1').trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Lines of now beyond those in was, counted as a multiset (a message twice before may stay twice). */
export function newLines(now: readonly string[], was: readonly string[]): string[] {
  const pool = [...was];
  return now.filter((l) => { const i = pool.indexOf(l); if (i < 0) return true; pool.splice(i, 1); return false; });
}

function run(go: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const r = spawnSync(go, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return `${r.stdout}${r.stderr}${r.error ? String(r.error) : ''}`;
}

export function runFixSafety(opts: FixSafetyOptions = {}): FixSafetyResult {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const goroot = fs.realpathSync(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim());
  const goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  const examples = path.resolve(opts.examples ?? path.join(ROOT, 'examples'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-safety-'));
  const copyRoot = path.join(tmp, 'goroot');
  const copyExamples = path.join(tmp, 'examples');
  try {
    const tc = Date.now();
    // Hard links when the temp dir shares the file system; a full copy otherwise.
    // -L: a distribution's GOROOT may link src to elsewhere (Debian's /usr/lib/go-1.19/src).
    if (spawnSync('cp', ['-alL', goroot, copyRoot]).status !== 0) {
      fs.rmSync(copyRoot, { recursive: true, force: true });
      execFileSync('cp', ['-rL', goroot, copyRoot]);
    }
    // A module whose go line is newer than the toolchain cannot build with it (Go 1.19 and examples/'s 1.23).
    const needs = /^go (\d+)\.(\d+)/m.exec(fs.readFileSync(path.join(examples, 'go.mod'), 'utf8'));
    const has = /^go(\d+)\.(\d+)/.exec(goVersion);
    const withExamples = !needs || !has || Number(has[1]) * 1000 + Number(has[2]) >= Number(needs[1]) * 1000 + Number(needs[2]);
    if (withExamples) execFileSync('cp', ['-r', examples, copyExamples]);
    else log(`skipping ${examples}: its go.mod asks for go ${needs?.[1]}.${needs?.[2]}, newer than ${goVersion}`);
    const copy = since(tc);
    log(`copied ${goroot} (hard links)${withExamples ? ` and ${examples}` : ''} to ${tmp} in ${copy} s`);

    const stdTargets = (opts.std ?? ['...']).map((d) => path.join(copyRoot, 'src', d));
    // --fix must only ever write inside the copy.
    for (const d of [path.join(copyRoot, 'src'), ...(withExamples ? [copyExamples] : [])]) {
      if (!fs.realpathSync(d).startsWith(fs.realpathSync(tmp) + path.sep)) throw new Error(`${d} leads out of the copy`);
    }
    const targets = [...stdTargets, ...(withExamples ? [path.join(copyExamples, '...')] : [])];
    const tl = Date.now();
    const before = lintJson(targets, false);
    const lint = since(tl);
    const offered: Record<string, number> = {};
    const candidates = new Set<string>();
    for (const f of before.findings) {
      if (!f.fixes.some((x) => x.preferred)) continue;
      offered[f.rule] = (offered[f.rule] ?? 0) + 1;
      candidates.add(f.file);
    }
    const originalOf = (file: string) => file.startsWith(copyRoot + path.sep)
      ? path.join(goroot, path.relative(copyRoot, file)) : path.join(examples, path.relative(copyExamples, file));
    const originalHash = new Map([...candidates].map((f) => [f, sha(originalOf(f))]));

    const tf = Date.now();
    const after = lintJson(targets, true);
    const fix = since(tf);
    const left: Record<string, number> = {};
    for (const f of after.findings) if (f.fixes.some((x) => x.preferred)) left[f.rule] = (left[f.rule] ?? 0) + 1;
    const m = /fixed (\d+) findings? in (\d+) files?/.exec(after.stderr);
    const changed = [...candidates].filter((f) => sha(f) !== originalHash.get(f));
    const originalsTouched = [...candidates].filter((f) => sha(originalOf(f)) !== originalHash.get(f)).map(originalOf);
    log(`fixes offered ${JSON.stringify(offered)}, left ${JSON.stringify(left)}; ${after.stderr.trim()}; lint ${lint} s, fix ${fix} s`);

    const dirs = (under: string) => [...new Set(changed.filter((f) => f.startsWith(under + path.sep)).map((f) => path.dirname(f)))].sort();
    const stdPackages = dirs(path.join(copyRoot, 'src')).map((d) => path.relative(path.join(copyRoot, 'src'), d));
    const examplePackages = dirs(copyExamples).map((d) => `./${path.relative(copyExamples, d) || '.'}`);

    const tk = Date.now();
    const checks: CheckResult[] = [];
    const roots = [copyRoot, goroot, copyExamples, examples];
    const check = (verb: 'build' | 'vet' | 'test', pkgs: string[], copyDir: string, origDir: string) => {
      if (!pkgs.length) return;
      const args = verb === 'test' ? ['test', '-count=1', '-timeout', '120s', ...pkgs] : [verb, ...pkgs];
      // go test prints a line per passing package, with its time: only what is not a pass counts,
      // and a failure's times, ports and temp dirs differ from run to run (tests that need the
      // network fail alike in both trees).
      const passes = (l: string) => verb === 'test' && /^(ok|\?|PASS)\b/.test(l);
      const steady = (l: string) => verb !== 'test' ? l : l.replace(/\(?\d+(\.\d+)?s\)?$/, '').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
        .replace(/\/tmp\/[\w.-]+/g, '/tmp/X').replace(/[0-9a-f]{32,}/g, 'HASH').trim();
      const out = (go: string, dir: string, env: NodeJS.ProcessEnv) => normalized(run(go, args, dir, env), roots).filter((l) => !passes(l)).map(steady);
      const now = out(path.join(copyRoot, 'bin', 'go'), copyDir, goEnv(copyRoot));
      // Only when the fixed copy reports something is the original asked what it reported already.
      const was = now.length ? out(path.join(goroot, 'bin', 'go'), origDir, goEnv(goroot)) : [];
      const newErrors = newLines(now, was);
      checks.push({ command: `go ${args.join(' ')}`, newErrors });
      log(`go ${verb} ${pkgs.length} package(s) in ${path.basename(copyDir)}: ${newErrors.length} new error line(s)`);
    };
    for (const verb of opts.test ? ['build', 'vet', 'test'] as const : ['build', 'vet'] as const) {
      check(verb, stdPackages, path.join(copyRoot, 'src'), path.join(goroot, 'src'));
      check(verb, examplePackages, copyExamples, examples);
    }
    const modules = (opts.modules ?? []).map((m) => fixModule(m, tmp, !!opts.test, log));
    const fmt = changed.length ? run(path.join(copyRoot, 'bin', 'gofmt'), ['-l', ...changed], tmp, goEnv(copyRoot)) : '';
    const unformatted = fmt.split('\n').filter(Boolean);
    const checkSeconds = since(tk);

    return {
      goVersion, offered, left, fixedFindings: m ? Number(m[1]) : 0, fixedFiles: m ? Number(m[2]) : 0,
      changed: changed.map((f) => path.relative(tmp, f)).sort(), stdPackages, examples: withExamples, examplePackages, checks, modules, unformatted,
      originalsTouched, seconds: { copy, lint, fix, check: checkSeconds, total: since(t0) },
    };
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * A module copied (writable) and fixed with ifacebox alone, whose only fix is the narrowing; the
 * changed packages built, vetted and (with test) tested with their dependencies from the proxy.
 */
function fixModule(dir: string, tmp: string, test: boolean, log: (line: string) => void): ModuleResult {
  const copy = path.join(tmp, 'modules', path.basename(dir));
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  execFileSync('cp', ['-r', dir, copy]);
  execFileSync('chmod', ['-R', 'u+w', copy]); // the module cache is read-only
  const only = ['--disable', 'rangeclear,mapretain,mapshrink'];
  const before = lintJson(['./...'], false, only, copy);
  const offered = before.findings.filter((f) => f.fixes.some((x) => x.preferred && x.title?.startsWith('Narrow '))).length;
  const files = [...new Set(before.findings.filter((f) => f.fixes.some((x) => x.preferred)).map((f) => path.join(copy, f.file)))];
  const hashes = new Map(files.map((f) => [f, sha(f)]));
  const after = offered ? lintJson(['./...'], true, only, copy) : before;
  const m = /fixed (\d+) findings?/.exec(after.stderr);
  const changed = files.filter((f) => sha(f) !== hashes.get(f));
  const pkgs = [...new Set(changed.map((f) => `./${path.relative(copy, path.dirname(f)) || '.'}`))].sort();
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const checks: CheckResult[] = [];
  for (const verb of test ? ['build', 'vet', 'test'] : ['build', 'vet']) {
    if (!pkgs.length) break;
    const args = verb === 'test' ? ['test', '-count=1', '-timeout', '120s', ...pkgs] : [verb, ...pkgs];
    const r = spawnSync('go', args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 900_000 });
    const out = normalized(`${r.stdout}${r.stderr}`, [copy]).filter((l) => !/^(ok|\?|PASS)\b/.test(l));
    checks.push({ command: `go ${args.join(' ')} (in ${path.basename(dir)})`, newErrors: r.status === 0 ? [] : out });
  }
  const fmt = changed.length ? spawnSync('gofmt', ['-l', ...changed], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean) : [];
  log(`${path.basename(dir)}: narrowing offered ${offered}, applied ${m ? m[1] : 0}; ${pkgs.length} package(s) changed`);
  return { dir, offered, applied: m ? Number(m[1]) : 0, changed: changed.map((f) => path.relative(copy, f)), checks, unformatted: fmt };
}

/** The real-world benchmark's modules in the module cache, downloaded through the proxy when missing. */
export function realworldModules(log: (line: string) => void): string[] {
  const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'realworld', 'modules.json'), 'utf8')) as { modules: { path: string; version: string }[] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-safety-dl-'));
  try {
    return list.modules.flatMap((m) => {
      const r = spawnSync('go', ['mod', 'download', '-json', `${m.path}@${m.version}`], { cwd: tmp, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' }, timeout: 600_000 });
      const dir = (() => { try { return (JSON.parse(r.stdout) as { Dir?: string }).Dir; } catch { return undefined; } })();
      if (!dir) log(`${m.path}@${m.version}: not downloaded (${r.stderr.trim() || r.error?.message})`);
      return dir ? [dir] : [];
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const realworld = !args.includes('--no-realworld');
  const std = args.filter((a) => a !== '--keep' && a !== '--no-realworld');
  if (!goAvailable()) { console.error('fix-safety: go is not on PATH'); process.exit(2); }
  if (!fs.existsSync(CLI)) { console.error('fix-safety: dist/cli.js is missing: npm run build'); process.exit(2); }
  const log = (l: string) => console.log(l);
  const r = runFixSafety({ std: std.length ? std : undefined, keep, test: true, modules: realworld ? realworldModules(log) : [], log });
  console.log(JSON.stringify(r, null, 2));
  const bad = r.checks.some((c) => c.newErrors.length) || r.unformatted.length > 0 || r.originalsTouched.length > 0 ||
    r.modules.some((m) => m.checks.some((c) => c.newErrors.length) || m.unformatted.length > 0);
  console.log(bad ? 'fix-safety: FAILED' : `fix-safety: ok (${r.fixedFindings} fixes in ${r.fixedFiles} files, ${r.seconds.total} s)`);
  process.exit(bad ? 1 : 0);
}
