// --jobs: the analysis spread over worker threads. Work is handed out by package directory (a
// file's package view reads its siblings, so a directory is never split), largest first, one at a
// time to whichever thread is free. Workers only analyze; the report is put back together in the
// discovery order, so the output is the same for any number of threads. --fix and --diff stay on
// one thread (they write and re-read files); compiler confirmation stays on the main thread: the
// files a build could confirm are analyzed again there with their package's escape records.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { Finding } from '../analysis/types';
import { ColumnMap } from './columns';
import type { CliCompiler } from './compiler';
import { lintFiles } from './lint';
import { rulesNamed, type LintOptions } from './options';
import { addNotShown, type FileReport, type LintReport, type Problem } from './report';

/** Below this many files the default is one thread: starting a worker (WASM load) costs more. */
export const PARALLEL_MIN_FILES = 65;
/** The default thread count never exceeds this (each thread holds its own parser and trees). */
export const MAX_DEFAULT_JOBS = 8;

/** The script a worker thread runs: the CLI's own entry, re-entered off the main thread. */
let workerEntry: string | undefined;
export function setWorkerEntry(file: string): void { workerEntry = file; }

type WorkerOptions = Pick<LintOptions, 'goVersion' | 'minSeverity' | 'rules'> & Partial<Pick<LintOptions, 'tests' | 'tags' | 'enable' | 'config' | 'compilerGiven'>> & { cwd: string };
interface DirJob { id: number; files: string[] }
interface DirFile { file: string; display: string; findings: Finding[]; text?: string; bom: boolean }
interface DirResult { id: number; files: DirFile[]; problems: Problem[]; candidates: string[]; notShown: LintReport['notShown']; excluded: number }
const WORKER_ROLE = 'go-mapleak-lint';

/** The threads to use: 1 unless there is more than one directory to share, and no --fix. */
export function threadCount(opts: Pick<LintOptions, 'jobs' | 'fix'>, files: readonly string[]): number {
  if (opts.fix || !workerEntry) return 1;
  if (opts.jobs === undefined && files.length < PARALLEL_MIN_FILES) return 1;
  const wanted = opts.jobs ?? Math.min(os.availableParallelism(), MAX_DEFAULT_JOBS);
  return Math.min(wanted, directories(files).length);
}

/** Consecutive runs of files in one directory (discoverFiles sorts by directory). */
function directories(files: readonly string[]): string[][] {
  const dirs: string[][] = [];
  let dir: string | undefined;
  for (const f of files) {
    if (path.dirname(f) !== dir) { dir = path.dirname(f); dirs.push([]); }
    dirs[dirs.length - 1].push(f);
  }
  return dirs;
}

export async function lintInWorkers(
  files: readonly string[],
  opts: Pick<LintOptions, 'goVersion' | 'minSeverity' | 'rules'> & Partial<Pick<LintOptions, 'tests' | 'tags' | 'enable' | 'config' | 'compilerGiven'>> & { onFiles?: (n: number) => void },
  cwd: string,
  jobs: number,
  compiler?: CliCompiler,
): Promise<LintReport> {
  const dirs = directories(files);
  // Largest first, by bytes (the analysis time follows the text, not the file count: a package of
  // a few huge generated files outweighs one of many small ones), so no long one starts last.
  const bytes = dirs.map((f) => f.reduce((n, file) => n + sizeOf(path.resolve(cwd, file)), 0));
  const queue: DirJob[] = dirs.map((f, id) => ({ id, files: f })).sort((a, b) => bytes[b.id] - bytes[a.id] || a.id - b.id);
  const results: DirResult[] = new Array(dirs.length);
  const data: WorkerOptions & { role: string } = { role: WORKER_ROLE, goVersion: opts.goVersion, minSeverity: opts.minSeverity, rules: opts.rules, tests: opts.tests, tags: opts.tags, enable: opts.enable, config: opts.config, compilerGiven: opts.compilerGiven, cwd };
  const threads = Array.from({ length: Math.min(jobs, dirs.length) }, () => new Worker(workerEntry as string, { workerData: data }));
  try {
    await Promise.all(threads.map((w) => new Promise<void>((resolve, reject) => {
      const next = () => {
        const job = queue.shift();
        if (job) w.postMessage(job); else resolve();
      };
      w.on('message', (r: DirResult) => { results[r.id] = r; opts.onFiles?.(dirs[r.id].length); next(); });
      w.on('error', reject);
      w.on('exit', (code) => { if (code !== 0) reject(new Error(`a lint worker exited with code ${code}`)); });
      next();
    })));
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }

  const report: LintReport = { cwd, files: [], problems: [], fixed: { findings: 0, files: 0 }, notShown: {}, excluded: 0 };
  const candidates: string[] = [];
  for (const r of results) {
    for (const f of r.files) report.files.push({ file: f.file, display: f.display, columns: new ColumnMap(f.text ?? '', f.bom), findings: f.findings });
    report.problems.push(...r.problems);
    candidates.push(...r.candidates);
    addNotShown(report.notShown, r.notShown);
    report.excluded += r.excluded;
  }
  if (compiler?.active && candidates.length) await confirmOnMainThread(report, candidates, opts, compiler);
  return report;
}

function sizeOf(file: string): number {
  try { return fs.statSync(file).size; } catch { return 0; } // unreadable: its worker reports it
}

/** The files a build could confirm, analyzed again here with the compiler, replace the workers' reports. */
async function confirmOnMainThread(report: LintReport, candidates: string[], opts: Pick<LintOptions, 'goVersion' | 'minSeverity' | 'rules'> & Partial<Pick<LintOptions, 'tests' | 'tags' | 'enable' | 'config' | 'compilerGiven'>>, compiler: CliCompiler): Promise<void> {
  const again = await lintFiles(candidates, { goVersion: opts.goVersion, minSeverity: opts.minSeverity, tests: opts.tests, tags: opts.tags, enable: opts.enable, config: opts.config, compilerGiven: opts.compilerGiven, fix: false }, report.cwd, rulesNamed(opts.rules), compiler);
  const byFile = new Map<string, FileReport>(again.files.map((f) => [f.file, f]));
  report.files = report.files.map((f) => byFile.get(f.file) ?? f);
  report.problems.push(...again.problems);
}

/** A worker thread's loop: analyze each directory it is sent, answer with plain data. */
async function serveDirectories(opts: WorkerOptions): Promise<void> {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: DirJob) => {
    void (async () => {
      const candidates = new Set<string>();
      const r = await lintFiles(job.files, { fix: false, goVersion: opts.goVersion, minSeverity: opts.minSeverity, tests: opts.tests, tags: opts.tags, enable: opts.enable, config: opts.config, compilerGiven: opts.compilerGiven, candidates }, opts.cwd, rulesNamed(opts.rules));
      // Texts travel only for files with findings: positions are mapped to columns from them.
      const out: DirResult = {
        id: job.id,
        files: r.files.map((f) => ({ file: f.file, display: f.display, findings: f.findings, text: f.findings.length ? f.columns.text : undefined, bom: f.columns.bom })),
        problems: r.problems,
        candidates: [...candidates],
        notShown: r.notShown,
        excluded: r.excluded,
      };
      port.postMessage(out);
    })();
  });
}

/** True (and the worker started) when this thread is a lint worker; the CLI entry calls it first. */
export function runAsWorker(): boolean {
  if (isMainThread || (workerData as { role?: string } | null)?.role !== WORKER_ROLE) return false;
  void serveDirectories(workerData as WorkerOptions);
  return true;
}
