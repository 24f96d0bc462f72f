// One compiler build of a package directory for its escape records, the way gopls's
// "optimization details" do it: `go test -c` (it compiles the package, its in-package tests and
// its external tests in one command, and a directory without tests still compiles) with
// `-gcflags=-json=0,DIR` and the binary sent to the null device. The log DIR is a fresh temporary
// directory per build: it is part of the flags, so the build cache cannot skip the compile and
// leave the log empty (a second build with the same DIR writes nothing). Nothing is written to the
// workspace: -mod=readonly (or vendor) keeps go.mod and go.sum as they are, and the log goes to
// the temporary directory, removed afterwards.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { EscapeRecord } from '../analysis/types';
import { findModule } from '../workspace/module';
import { readLogDir, toEscapeRecords } from './records';
import { DEFAULT_TIMEOUT_MS, runGo, type GoRunResult } from './run';

export interface BuildOptions {
  go: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** No module downloads (GOPROXY=off), as gopls builds on save; the CLI may fetch. */
  offline?: boolean;
  /** Reads a file as the compiler read it (the disk; tests may override). */
  read?: (p: string) => string;
}

/** The records of one source file and the text they describe. */
export interface FileRecords {
  text: string;
  records: EscapeRecord[];
}

export type BuildResult =
  | { ok: true; files: Map<string, FileRecords> }
  | { ok: false; reason: 'failed' | 'timeout' | 'cancelled' | 'nomodule'; message: string };

/** How many lines of the go command's output a failure message shows. */
export const FAILURE_LINES = 6;

/** The -mod value that never writes go.mod: vendor when the module vendors, else readonly. */
function modFlag(moduleDir: string): string {
  return fs.existsSync(path.join(moduleDir, 'vendor', 'modules.txt')) ? '-mod=vendor' : '-mod=readonly';
}

/**
 * The log destination as -json accepts it: an absolute path; on Windows the compiler wants
 * `file://C:/...` (golang/go#41614, worked around the same way in gopls). A path with spaces
 * would be split by -gcflags, so the URL form (spaces escaped) is used there too.
 */
function logDestination(dir: string): string {
  if (process.platform !== 'win32' && !/\s/.test(dir)) return dir;
  const url = pathToFileURL(dir).href;
  return process.platform === 'win32' ? url.replace('file:///', 'file://') : url;
}

export function buildArgs(moduleDir: string, logDir: string): string[] {
  return ['test', '-c', '-vet=off', modFlag(moduleDir), `-gcflags=-json=0,${logDestination(logDir)}`, `-o=${os.devNull}`, '.'];
}

/** The first lines of the go command's output, for a message shown to the user. */
export function failureText(run: GoRunResult): string {
  const out = (run.stderr || run.stdout).split('\n').map((l) => l.trimEnd()).filter(Boolean);
  const shown = out.slice(0, FAILURE_LINES);
  if (out.length > shown.length) shown.push(`... (${out.length - shown.length} more lines)`);
  return shown.join('\n');
}

function realDir(dir: string): string {
  try { return fs.realpathSync(dir); } catch { return dir; }
}

export async function buildPackage(pkgDir: string, opts: BuildOptions): Promise<BuildResult> {
  const dir = path.resolve(pkgDir);
  const mod = findModule(dir);
  if (!mod) return { ok: false, reason: 'nomodule', message: `no go.mod at or above ${dir}` };
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'go-mapleak-build-'));
  try {
    const run = await runGo(buildArgs(mod.dir, logDir), {
      cwd: dir,
      go: opts.go,
      // PWD: the go command then names files under the directory as given, not its real path.
      env: { PWD: dir, ...(opts.offline ? { GOPROXY: 'off' } : {}) },
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
    if (run.cancelled) return { ok: false, reason: 'cancelled', message: 'cancelled' };
    if (run.timedOut) return { ok: false, reason: 'timeout', message: `the build (go test -c) did not finish in ${(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s and was stopped` };
    if (run.spawnError !== undefined) return { ok: false, reason: 'failed', message: `cannot run ${opts.go}: ${run.spawnError}` };
    if (run.code !== 0) return { ok: false, reason: 'failed', message: failureText(run) || `go exited with code ${run.code}` };
    const read = opts.read ?? ((p: string) => fs.readFileSync(p, 'utf8'));
    const files = new Map<string, FileRecords>();
    const real = realDir(dir);
    for (const [logged, raw] of readLogDir(logDir)) {
      // Inlined code from other packages (the standard library) logs under its own file: not ours.
      const parent = path.dirname(logged);
      if (parent !== dir && parent !== real) continue;
      const file = path.join(dir, path.basename(logged));
      let text: string;
      try { text = read(file); } catch { continue; }
      files.set(file, { text, records: toEscapeRecords(raw, text) });
    }
    return { ok: true, files };
  } finally {
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
