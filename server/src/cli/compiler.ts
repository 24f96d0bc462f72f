// `--compiler auto`: when `go` is on PATH, the packages with findings the compiler can confirm
// (compiler sites of the findings shown: ifacebox stores) are built once each (compiler/), and
// their files analyzed with the escape records. The pass never downloads modules unless asked
// (`--compiler-download`; otherwise GOPROXY=off with -mod=readonly, as gopls builds), and it has a
// time budget for all its builds together (`--compiler-timeout`, default 120 s): packages past it
// are not built, and the summary says how many. A failed build is one warning on stderr per
// package; the findings stand without the confirmation. Without go on PATH, auto is off.
import * as path from 'path';
import type { EscapeRecord } from '../analysis/types';
import { CompilerConfirmations, type ConfirmationsOptions } from '../compiler/cache';
import { DEFAULT_TIMEOUT_MS } from '../compiler/run';
import type { CompilerSummary } from './report';

export const COMPILER_MODES = ['auto', 'off'] as const;
export type CompilerMode = (typeof COMPILER_MODES)[number];

export interface CliCompilerOptions extends ConfirmationsOptions {
  /** The whole pass's budget in seconds. */
  budgetSeconds?: number;
  /** Let the go command download modules (GOPROXY as the environment sets it). */
  download?: boolean;
  /** A status line while a build runs (a terminal only); '' erases it. */
  status?: (line: string) => void;
}

export class CliCompiler {
  private confirmations: CompilerConfirmations;
  private builds = new Map<string, Promise<void>>();
  private started: number | undefined;
  private budgetMs: number;
  private spentSaid = false;
  readonly summary: CompilerSummary = { built: 0, confirmed: 0, failed: 0, skipped: 0, seconds: 0 };

  constructor(private warn: (message: string) => void, private opts: CliCompilerOptions = {}) {
    this.confirmations = new CompilerConfirmations({ ...opts, offline: !opts.download });
    this.budgetMs = (opts.budgetSeconds ?? 120) * 1000;
  }

  /** Whether builds can run at all (go on PATH). */
  get active(): boolean {
    return this.confirmations.go() !== undefined;
  }

  /** The file's records from one build of its package (built on first ask); undefined if none. */
  async escapesFor(file: string, text: string): Promise<readonly EscapeRecord[] | undefined> {
    const dir = path.dirname(path.resolve(file));
    let build = this.builds.get(dir);
    if (!build) {
      build = this.buildOnce(dir);
      this.builds.set(dir, build);
    }
    await build;
    return this.confirmations.escapesFor(file, text);
  }

  private async buildOnce(dir: string): Promise<void> {
    const now = Date.now();
    this.started ??= now;
    const left = this.budgetMs - (now - this.started);
    if (left <= 0) {
      this.summary.skipped++;
      if (!this.spentSaid) {
        this.spentSaid = true;
        this.warn(`go-mapleak: the compiler pass's time budget (${this.budgetMs / 1000} s, --compiler-timeout) is spent: the remaining packages are not built, and their findings are not confirmed\n`);
      }
      return;
    }
    this.opts.status?.(`go-mapleak: compiling ${dir} (package ${this.summary.built + this.summary.failed + 1}, ${Math.round((now - this.started) / 1000)} s so far)`);
    const out = await this.confirmations.build(dir, Math.min(this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, left));
    this.opts.status?.('');
    this.summary.seconds = (Date.now() - this.started) / 1000;
    if (out.kind === 'built') this.summary.built++;
    if (out.kind === 'failed') {
      this.summary.failed++;
      // Without downloads, a module missing from the cache is the usual reason: say how to allow them.
      const offline = !this.opts.download && out.message && /GOPROXY=off|module lookup disabled|missing go\.sum entry|no required module/.test(out.message);
      if (out.message) this.warn(`${out.message}${offline ? '\n(go-mapleak builds offline: --compiler-download lets the go command fetch modules)' : ''}\n`);
    }
  }

  /** The pass's one-line summary for stderr, or '' when nothing was built or skipped. */
  summaryLine(): string {
    const s = this.summary;
    if (!s.built && !s.failed && !s.skipped) return '';
    const parts = [`built ${s.built} package${s.built === 1 ? '' : 's'} in ${s.seconds.toFixed(1)} s`, `${s.confirmed} finding${s.confirmed === 1 ? '' : 's'} confirmed`];
    if (s.failed) parts.push(`${s.failed} package${s.failed === 1 ? '' : 's'} failed to build`);
    if (s.skipped) parts.push(`${s.skipped} skipped: time budget spent`);
    return `go-mapleak: compiler: ${parts.join('; ')}\n`;
  }
}
