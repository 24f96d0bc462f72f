// Fix safety at scale (issue 6 point 5): apply every preferred fix over a copy of the standard
// library and examples/, then build, vet and gofmt what changed. A fix may not add one error.
//
//   npm run fix-safety                       every package of $(go env GOROOT)/src, and examples/
//   npm run fix-safety -- runtime os/...     only these std paths (DIR, DIR/... or a .go file), and examples/
//   npm run fix-safety -- --keep             leave the temp copy for inspection
//
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
  log?: (line: string) => void;
}

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
function lintJson(targets: string[], fix: boolean): { findings: { file: string; rule: string; fixes: { preferred?: boolean }[] }[]; stderr: string } {
  const args = [CLI, '--format', 'json', '--compiler', 'off', '--min-severity', 'hint', '--issues-exit-code', '0', ...(fix ? ['--fix'] : []), ...targets];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
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
    const check = (verb: 'build' | 'vet', pkgs: string[], copyDir: string, origDir: string) => {
      if (!pkgs.length) return;
      const args = [verb, ...pkgs];
      const now = normalized(run(path.join(copyRoot, 'bin', 'go'), args, copyDir, goEnv(copyRoot)), roots);
      // Only when the fixed copy reports something is the original asked what it reported already.
      const was = now.length ? normalized(run(path.join(goroot, 'bin', 'go'), args, origDir, goEnv(goroot)), roots) : [];
      const newErrors = newLines(now, was);
      checks.push({ command: `go ${args.join(' ')}`, newErrors });
      log(`go ${verb} ${pkgs.length} package(s) in ${path.basename(copyDir)}: ${newErrors.length} new error line(s)`);
    };
    for (const verb of ['build', 'vet'] as const) {
      check(verb, stdPackages, path.join(copyRoot, 'src'), path.join(goroot, 'src'));
      check(verb, examplePackages, copyExamples, examples);
    }
    const fmt = changed.length ? run(path.join(copyRoot, 'bin', 'gofmt'), ['-l', ...changed], tmp, goEnv(copyRoot)) : '';
    const unformatted = fmt.split('\n').filter(Boolean);
    const checkSeconds = since(tk);

    return {
      goVersion, offered, left, fixedFindings: m ? Number(m[1]) : 0, fixedFiles: m ? Number(m[2]) : 0,
      changed: changed.map((f) => path.relative(tmp, f)).sort(), stdPackages, examples: withExamples, examplePackages, checks, unformatted,
      originalsTouched, seconds: { copy, lint, fix, check: checkSeconds, total: since(t0) },
    };
  } finally {
    if (opts.keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const std = args.filter((a) => a !== '--keep');
  if (!goAvailable()) { console.error('fix-safety: go is not on PATH'); process.exit(2); }
  if (!fs.existsSync(CLI)) { console.error('fix-safety: dist/cli.js is missing: npm run build'); process.exit(2); }
  const r = runFixSafety({ std: std.length ? std : undefined, keep, log: (l) => console.log(l) });
  console.log(JSON.stringify(r, null, 2));
  const bad = r.checks.some((c) => c.newErrors.length) || r.unformatted.length > 0 || r.originalsTouched.length > 0;
  console.log(bad ? 'fix-safety: FAILED' : `fix-safety: ok (${r.fixedFindings} fixes in ${r.fixedFiles} files, ${r.seconds.total} s)`);
  process.exit(bad ? 1 : 0);
}
