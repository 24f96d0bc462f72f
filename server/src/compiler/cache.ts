// The compiler's escape records per package directory, as the server and the CLI use them:
// - the records of the last successful build and the texts it compiled; a file's records apply
//   only while its text is still that text (after an edit, positions may have moved);
// - one build in flight per directory: a newer request cancels the older build;
// - `go` looked up on PATH once; a failure reported once per package and message.
import * as path from 'path';
import type { EscapeRecord } from '../analysis/types';
import { buildPackage, type BuildOptions, type BuildResult, type FileRecords } from './build';
import { findGo } from './run';

export type BuildOutcome =
  /** Records stored for the directory. */
  | { kind: 'built'; dir: string }
  /** `message` is set only the first time this failure is seen for the package. */
  | { kind: 'failed'; dir: string; message?: string }
  /** A newer build of the same directory replaced this one, or everything was cancelled. */
  | { kind: 'cancelled'; dir: string }
  /** No go on PATH; `message` only the first time. */
  | { kind: 'nogo'; dir: string; message?: string }
  /** Not in a module: nothing to build, nothing to say. */
  | { kind: 'skipped'; dir: string };

export interface ConfirmationsOptions {
  /** Where `go` is looked up (PATH); the process environment by default. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  offline?: boolean;
  /** The build itself; tests replace it. */
  build?: (dir: string, opts: BuildOptions) => Promise<BuildResult>;
}

export const NO_GO_MESSAGE = 'go-mapleak: `go` is not on PATH, so findings are not confirmed by the Go compiler (syntax-only findings are shown).';

export class CompilerConfirmations {
  private byDir = new Map<string, Map<string, FileRecords>>();
  private inFlight = new Map<string, AbortController>();
  private reported = new Set<string>();
  private goPath: string | null | undefined;
  private noGoSaid = false;

  constructor(private opts: ConfirmationsOptions = {}) {}

  /** The go executable, looked up on first use. */
  go(): string | undefined {
    if (this.goPath === undefined) this.goPath = findGo(this.opts.env) ?? null;
    return this.goPath ?? undefined;
  }

  /** Builds the package in `dir` (cancelling a build of it in flight) and stores its records. */
  async build(pkgDir: string, timeoutMs = this.opts.timeoutMs): Promise<BuildOutcome> {
    const dir = path.resolve(pkgDir);
    const go = this.go();
    if (!go) {
      if (this.noGoSaid) return { kind: 'nogo', dir };
      this.noGoSaid = true;
      return { kind: 'nogo', dir, message: NO_GO_MESSAGE };
    }
    this.inFlight.get(dir)?.abort();
    const ctl = new AbortController();
    this.inFlight.set(dir, ctl);
    let result: BuildResult;
    try {
      result = await (this.opts.build ?? buildPackage)(dir, { go, timeoutMs, signal: ctl.signal, offline: this.opts.offline });
    } catch (err) {
      result = { ok: false, reason: 'failed', message: err instanceof Error ? err.message : String(err) };
    } finally {
      if (this.inFlight.get(dir) === ctl) this.inFlight.delete(dir);
    }
    if (ctl.signal.aborted) return { kind: 'cancelled', dir };
    if (result.ok) {
      this.byDir.set(dir, result.files);
      // A failure seen before this success is news again if it comes back.
      for (const k of [...this.reported]) if (k.startsWith(dir + '\n')) this.reported.delete(k);
      return { kind: 'built', dir };
    }
    if (result.reason === 'cancelled') return { kind: 'cancelled', dir };
    if (result.reason === 'nomodule') return { kind: 'skipped', dir };
    const key = `${dir}\n${result.message}`;
    if (this.reported.has(key)) return { kind: 'failed', dir };
    this.reported.add(key);
    return { kind: 'failed', dir, message: `go-mapleak: the Go compiler could not build ${dir}, so findings there are not confirmed:\n${result.message}` };
  }

  /** The records of a file while `text` is the text the last build compiled; otherwise undefined. */
  escapesFor(filePath: string, text: string): readonly EscapeRecord[] | undefined {
    const file = path.resolve(filePath);
    const hit = this.byDir.get(path.dirname(file))?.get(file);
    return hit && hit.text === text ? hit.records : undefined;
  }

  /** Whether a build of the directory is running. */
  building(pkgDir: string): boolean {
    return this.inFlight.has(path.resolve(pkgDir));
  }

  cancelAll(): void {
    for (const ctl of this.inFlight.values()) ctl.abort();
    this.inFlight.clear();
  }
}
