// Building the AnalysisContext of a file on disk or in an editor: its module's Go version and
// the parsed files of its package view (packages.ts). Shared by the server and the CLI.
import * as path from 'path';
import type { AnalysisContext } from '../analysis/types';
import type { GoVersion } from '../analysis/goversion';
import { findModule, type GoModule } from './module';
import type { PackageViews } from './packages';
import type { ForeignPackages } from './foreign';
import type { BuildTargets } from './target';
import type { ForeignDecl, ParsedFile } from '../analysis/types';

/** One lookup function per importing directory, so that contexts of one package share it. */
const lookups = new WeakMap<ForeignPackages, Map<string, (p: string, n: string) => ForeignDecl | undefined>>();
function foreignOf(foreign: ForeignPackages, dir: string): (p: string, n: string) => ForeignDecl | undefined {
  let byDir = lookups.get(foreign);
  if (!byDir) lookups.set(foreign, (byDir = new Map()));
  let f = byDir.get(dir);
  if (!f) byDir.set(dir, (f = (p, n) => foreign.lookup(dir, p, n)));
  return f;
}

export { ParsedFileCache } from './trees';

export interface ContextOptions {
  /** An explicit version (CLI flag or editor setting) wins over go.mod. */
  goVersion?: GoVersion;
  modules?: Map<string, GoModule | null>;
  /** Report the allocation and retention rules in _test.go files too. */
  tests?: boolean;
  /** mapretain's steady size without a make hint (AnalysisContext.steadyEntries). */
  steadyEntries?: number;
  /** Declarations of imported packages, read from disk on demand. */
  foreign?: ForeignPackages;
  /** The build target: a file outside it is not analyzed (AnalysisContext.excluded). */
  targets?: BuildTargets;
}

/** Directory names that hold example programs, inside a module (not its root): hint at most. */
const EXAMPLE_DIRS = new Set(['example', 'examples', '_example', '_examples']);

// Directories of test support code: fakes, mocks, fixtures, test utilities, test servers (vtgateclienttest).
// (Go names such packages pkgtest: httptest, iotest, fstest; words that merely end in "test" are not.)
const TEST_SUPPORT = /^(?!.*(latest|contest|protest|attest)$)(fakes?|mocks?|fixtures?|testutils?|testhelpers?|testing|testenv|.+test|.+testing|.+testutils?|fake.+|mock.+)$/i;

/** The directories of `dir` below the module root (none when dir is the root or outside it). */
function moduleDirs(dir: string, moduleDir: string | undefined): string[] {
  const rel = moduleDir ? path.relative(moduleDir, dir) : '';
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return [];
  return rel.split(path.sep);
}

/** Whether `dir` is (below) a directory named example(s) inside the module rooted at `moduleDir`. */
export function isExampleDir(dir: string, moduleDir: string | undefined): boolean {
  return moduleDirs(dir, moduleDir).some((part) => EXAMPLE_DIRS.has(part));
}

/** The directory of the module, at or above `dir`, named for test support (fakesqldb, testutil), if any. */
export function testSupportDir(dir: string, moduleDir: string | undefined): string | undefined {
  return moduleDirs(dir, moduleDir).find((part) => TEST_SUPPORT.test(part));
}

export function contextFor(filePath: string, text: string, views: PackageViews, opts: ContextOptions = {}): AnalysisContext {
  const dir = path.dirname(path.resolve(filePath));
  const mod = findModule(dir, opts.modules);
  const goVersion = opts.goVersion ?? mod?.goVersion;
  // The toolchain line names the release that builds the module, hence the runtime the numbers describe.
  const runtimeVersion = opts.goVersion ?? mod?.toolchain ?? mod?.goVersion;
  const excluded = opts.targets?.excluded(filePath, text);
  // Built when first read: the analysis of a generated or excluded file returns before it does.
  let packageFiles: ParsedFile[] | undefined;
  return {
    goVersion, runtimeVersion,
    get packageFiles() { return (packageFiles ??= excluded === undefined ? views.filesFor(filePath, text) : []); },
    ...(excluded !== undefined ? { excluded } : {}),
    ...(opts.tests ? { tests: true } : {}),
    ...(opts.steadyEntries !== undefined ? { steadyEntries: opts.steadyEntries } : {}),
    ...(opts.foreign ? { foreign: foreignOf(opts.foreign, dir) } : {}),
    ...(isExampleDir(dir, mod?.dir) ? { example: true } : {}),
    ...(testSupportDir(dir, mod?.dir) ? { testSupport: testSupportDir(dir, mod?.dir) } : {}),
  };
}
