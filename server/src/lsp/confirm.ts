// Compiler confirmation in the server: on save of a Go file in a trusted workspace, with
// goMapleak.compiler.confirm = onSave, build its package (compiler/) and analyze the package's
// open documents again with the escape records. A failed build is said once per package and
// message; the findings without the compiler stay as they were.
import * as path from 'path';
import type { CompilerConfirmations } from '../compiler/cache';
import type { Analyzer } from './analyzer';
import { uriToPath } from './analyzer';
import type { Settings } from '../config/settings';

/** The notification the VS Code client sends when the user trusts the workspace. */
export const WORKSPACE_TRUSTED = 'goMapleak/workspaceTrusted';

/**
 * Whether the client says the workspace is trusted. VS Code's client sends `trusted`; editors
 * without a trust concept send nothing, and the setting `compiler.confirm: off` is their switch.
 */
export function trustedFrom(initializationOptions: unknown): boolean {
  const t = (initializationOptions as { trusted?: unknown } | null | undefined)?.trusted;
  return t !== false;
}

export interface SaveHooks {
  settings(uri: string): Promise<Settings>;
  /** Analyze and publish a document again soon. */
  reanalyze(uri: string): void;
  warn(message: string): void;
  log(message: string): void;
}

export class SaveConfirmation {
  constructor(
    private confirmations: CompilerConfirmations,
    private analyzer: Analyzer,
    private hooks: SaveHooks,
    public trusted: boolean,
  ) {
    analyzer.escapesOf = (p, text) => confirmations.escapesFor(p, text);
  }

  /** Stops builds in flight (shutdown). */
  dispose(): void {
    this.confirmations.cancelAll();
  }

  async saved(uri: string): Promise<void> {
    const file = uriToPath(uri);
    if (!file || !file.endsWith('.go') || !this.trusted) return;
    const s = await this.hooks.settings(uri);
    if (!s.enable || s.compilerConfirm !== 'onSave') return;
    // A build costs seconds on a large package: only when it can confirm something (ifacebox stores).
    if (!this.analyzer.wantsCompiler(uri, s)) return;
    const outcome = await this.confirmations.build(path.dirname(file));
    switch (outcome.kind) {
      case 'built':
        // The saved document and its open package neighbours see the new records.
        this.hooks.reanalyze(uri);
        for (const n of this.analyzer.neighbours(uri)) this.hooks.reanalyze(n.uri);
        break;
      case 'failed':
        if (outcome.message) this.hooks.warn(outcome.message);
        break;
      case 'nogo':
        if (outcome.message) this.hooks.log(outcome.message);
        break;
      default:
        break;
    }
  }
}
