// What one lint run found, independent of the output format: the findings per file and the
// files that could not be analyzed. Formatters turn this into text, json or sarif.
import type { Finding } from '../analysis/types';
import type { ColumnMap } from './columns';
import type { SkipKind } from './source';

export interface FileReport {
  /** Absolute path. */
  file: string;
  /** As printed: relative to the working directory when below it. */
  display: string;
  /** Maps positions in the text the findings refer to (the fixed text after --fix). */
  columns: ColumnMap;
  findings: Finding[];
  /** --fix --diff: the preferred fixes as a unified diff with their previews (cli/diff.ts); nothing written. */
  diff?: string;
}

/**
 * unreadable, internal and write problems are errors (exit 2); binary and encoding are skips, and
 * nesting (scopes nested too deep to analyze, analysis/syntax/depth.ts) is a file read but not analyzed.
 */
export type ProblemKind = SkipKind | 'internal' | 'write' | 'nesting';

export interface Problem {
  file: string;
  kind: ProblemKind;
  message: string;
  /** The run fails (exit 2) because of it; otherwise the file is only skipped. */
  fatal: boolean;
}

export interface LintReport {
  cwd: string;
  files: FileReport[];
  problems: Problem[];
  fixed: { findings: number; files: number };
}

export function findingCount(report: LintReport): number {
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

export function failed(report: LintReport): boolean {
  return report.problems.some((p) => p.fatal);
}

/** One line for stderr, go style: `go-mapleak: file: message`. */
export function problemLine(p: Problem): string {
  return p.fatal ? `go-mapleak: ${p.file}: ${p.message}\n` : `go-mapleak: skipping ${p.file}: ${p.message}\n`;
}
