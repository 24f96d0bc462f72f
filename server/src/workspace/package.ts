// A Go package on disk, the way the go command groups a directory's files: which files build at
// all, and which files one file sees. A directory holds up to three package views:
//   - the package: its non-test files;
//   - its in-package tests: a `_test.go` file with the package's own clause sees the non-test
//     files and the other in-package test files;
//   - its external tests: `_test.go` files with clause `p_test` see only each other (they import
//     p and do not see its unexported names).
// Build constraints are honoured only where the answer is certain: names starting with `_` or
// `.` (the go command ignores them) and `//go:build ignore` (a `go run` script, never built).
import * as path from 'path';

/** The package name from a file's package clause, or undefined when it has none. */
export function packageName(text: string): string | undefined {
  // Skip comments before the clause; a regex suffices, a parse is not needed for this.
  const m = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*package\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(text);
  return m?.[1];
}

/** A `.go` file the go command considers at all (not `_x.go`, not `.x.go`). */
export function isGoFileName(name: string): boolean {
  return name.endsWith('.go') && !name.startsWith('_') && !name.startsWith('.');
}

export function isTestFileName(name: string): boolean {
  return name.endsWith('_test.go');
}

/**
 * Whether the file's build constraint is exactly `ignore` (`//go:build ignore`, or the older
 * `// +build ignore` when there is no //go:build line). Only lines before the package clause count,
 * as in go/build. Other expressions depend on tags and platforms: the file is kept.
 */
export function buildIgnored(text: string): boolean {
  const clause = /^package\s/m.exec(text);
  const head = clause ? text.slice(0, clause.index) : text;
  const goBuild = /^\/\/go:build[ \t]+(.*?)[ \t]*\r?$/m.exec(head);
  if (goBuild) return goBuild[1] === 'ignore';
  return /^\/\/[ \t]*\+build[ \t]+ignore[ \t]*\r?$/m.test(head);
}

/** What the view rules need to know of one file. */
export interface FileFacts {
  path: string;
  /** The package clause; undefined when the file has none (yet). */
  name: string | undefined;
  test: boolean;
  /** Never built by the go command: `_x.go`, `.x.go`, `//go:build ignore`. */
  ignored: boolean;
}

export function factsOf(filePath: string, text: string): FileFacts {
  const base = path.basename(filePath);
  return { path: filePath, name: packageName(text), test: isTestFileName(base), ignored: !isGoFileName(base) || buildIgnored(text) };
}

/**
 * The files of `candidates` (the directory's files, `file` itself among them or not) that `file`
 * sees as its package, without `file` itself. Paths are compared as given: pass them all in one
 * form (absolute). An ignored file is built alone (`go run gen.go`): it sees nothing, and nobody
 * sees it.
 */
export function viewOf(file: FileFacts, candidates: readonly FileFacts[]): FileFacts[] {
  if (file.ignored || file.name === undefined) return [];
  const others = candidates.filter((c) => !c.ignored && c.name !== undefined && c.path !== file.path);
  if (!file.test) return others.filter((c) => !c.test && c.name === file.name);
  // `p_test` is an external test package only when p is not itself the non-test files' name.
  const external = file.name.endsWith('_test') && !others.some((c) => !c.test && c.name === file.name);
  if (external) return others.filter((c) => c.test && c.name === file.name);
  return others.filter((c) => c.name === file.name);
}
