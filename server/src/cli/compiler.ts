// `--compiler auto`: when `go` is on PATH, the packages with findings the compiler can confirm
// (compiler sites: ifacebox stores) are built once each (compiler/), and their files analyzed
// with the escape records. A failed build is one warning on stderr per package; the findings that
// need no compiler stay. Without go on PATH, auto is off.
import * as path from 'path';
import type { EscapeRecord } from '../analysis/types';
import { CompilerConfirmations, type ConfirmationsOptions } from '../compiler/cache';

export const COMPILER_MODES = ['auto', 'off'] as const;
export type CompilerMode = (typeof COMPILER_MODES)[number];

export class CliCompiler {
  private confirmations: CompilerConfirmations;
  private builds = new Map<string, Promise<void>>();

  constructor(private warn: (message: string) => void, opts: ConfirmationsOptions = {}) {
    this.confirmations = new CompilerConfirmations(opts);
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
      build = this.confirmations.build(dir).then((out) => {
        // Without go, auto means off: nothing to say.
        if (out.kind === 'failed' && out.message) this.warn(`${out.message}\n`);
      });
      this.builds.set(dir, build);
    }
    await build;
    return this.confirmations.escapesFor(file, text);
  }
}
