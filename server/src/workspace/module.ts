// Finding a file's Go module and its Go version on disk. Shared by the server and the CLI.
import * as fs from 'fs';
import * as path from 'path';
import { goModPath, goModToolchain, goModVersion, type GoVersion } from '../analysis/goversion';

export interface GoModule {
  dir: string;
  /** The `module` line: the module path (import paths of its packages start with it). */
  path?: string;
  /** The `go` line: the language version. */
  goVersion?: GoVersion;
  /** The `toolchain` line: the release that builds the module, hence its runtime. */
  toolchain?: GoVersion;
}

/** The nearest go.mod at or above dir, or undefined when there is none. */
export function findModule(dir: string, cache?: Map<string, GoModule | null>): GoModule | undefined {
  const seen: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    const hit = cache?.get(d);
    if (hit !== undefined) { for (const s of seen) cache!.set(s, hit); return hit ?? undefined; }
    seen.push(d);
    let text: string | undefined;
    try { text = fs.readFileSync(path.join(d, 'go.mod'), 'utf8'); } catch { /* not here */ }
    if (text !== undefined) {
      const mod: GoModule = { dir: d, path: goModPath(text), goVersion: goModVersion(text), toolchain: goModToolchain(text) };
      for (const s of seen) cache?.set(s, mod);
      return mod;
    }
    const up = path.dirname(d);
    if (up === d) { for (const s of seen) cache?.set(s, null); return undefined; }
    d = up;
  }
}
