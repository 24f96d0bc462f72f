// Building the AnalysisContext of a file on disk or in an editor: its module's Go version and
// the parsed files of its package view (packages.ts). Shared by the server and the CLI.
import * as path from 'path';
import type { AnalysisContext } from '../analysis/types';
import type { GoVersion } from '../analysis/goversion';
import { findModule, type GoModule } from './module';
import type { PackageViews } from './packages';

export { ParsedFileCache } from './trees';

export interface ContextOptions {
  /** An explicit version (CLI flag or editor setting) wins over go.mod. */
  goVersion?: GoVersion;
  modules?: Map<string, GoModule | null>;
}

export function contextFor(filePath: string, text: string, views: PackageViews, opts: ContextOptions = {}): AnalysisContext {
  const dir = path.dirname(path.resolve(filePath));
  const mod = findModule(dir, opts.modules);
  const goVersion = opts.goVersion ?? mod?.goVersion;
  // The toolchain line names the release that builds the module, hence the runtime the numbers describe.
  const runtimeVersion = opts.goVersion ?? mod?.toolchain ?? mod?.goVersion;
  return { goVersion, runtimeVersion, packageFiles: views.filesFor(filePath, text) };
}
