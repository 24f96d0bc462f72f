// Running the `go` command for compiler confirmation: found once on PATH, run in its own process
// group so that a timeout or a cancellation ends the whole build (go spawns compile, link, cgo),
// with GOTOOLCHAIN=local so that saving a file never downloads a toolchain.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const DEFAULT_TIMEOUT_MS = 60_000;

/** The `go` executable on PATH, or undefined. Looked up in the given environment, not cached here. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? ['go.exe', 'go.bat', 'go.cmd'] : ['go'];
  for (const dir of dirs) {
    for (const name of names) {
      const p = path.join(dir, name);
      try {
        fs.accessSync(p, fs.constants.X_OK);
        if (fs.statSync(p).isFile()) return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface GoRunOptions {
  cwd: string;
  /** The go executable (findGo's answer). */
  go: string;
  /** Added to the inherited environment; GOTOOLCHAIN=local always wins. */
  env?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface GoRunResult {
  /** Exit code; null when the process was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the process could not be started at all. */
  spawnError?: string;
}

/** Kills the process and its children: on POSIX the group the detached child leads. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32') spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function runGo(args: readonly string[], opts: GoRunOptions): Promise<GoRunResult> {
  return new Promise((resolve) => {
    const result: GoRunResult = { code: null, stdout: '', stderr: '', timedOut: false, cancelled: false };
    if (opts.signal?.aborted) { resolve({ ...result, cancelled: true }); return; }
    const env = { ...process.env, ...opts.env, GOTOOLCHAIN: 'local' };
    const child = spawn(opts.go, [...args], {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so one kill reaches the compiler and linker it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    // Output is only shown in part (the first lines of a failure); cap what is kept.
    const keep = (prev: string, chunk: Buffer) => (prev.length > 64_000 ? prev : prev + chunk.toString('utf8'));
    child.stdout!.on('data', (d: Buffer) => { result.stdout = keep(result.stdout, d); });
    child.stderr!.on('data', (d: Buffer) => { result.stderr = keep(result.stderr, d); });
    const timer = setTimeout(() => { result.timedOut = true; killTree(child.pid); }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const onAbort = () => { result.cancelled = true; killTree(child.pid); };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      done();
      resolve({ ...result, spawnError: err.message });
    });
    child.on('close', (code) => {
      done();
      resolve({ ...result, code });
    });
  });
}
