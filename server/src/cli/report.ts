// What one lint run found, independent of the output format: the findings per file and the
// files that could not be analyzed. Formatters turn this into text, json or sarif.
import { SEVERITIES, type Finding, type Severity } from '../analysis/types';
import type { ColumnMap } from './columns';
import type { SkipKind } from '../workspace/source';
import { problemText, type ConfigProblem } from '../config/file';
import { displayPath } from '../workspace/discover';

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
  /** A compiler build's records were used for this file (its compiler-site findings are confirmed or not). */
  compiled?: boolean;
}

/**
 * unreadable, internal, write and config (a .go-mapleak.yaml that cannot be used) problems are errors (exit 2); binary and encoding are skips, and
 * nesting (scopes nested too deep to analyze, analysis/syntax/depth.ts) is a file read but not analyzed.
 */
export type ProblemKind = SkipKind | 'internal' | 'write' | 'nesting' | 'config';

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
  /** Files outside the build target, not linted (as go vet does not see them). */
  excluded: number;
  /** Findings below --min-severity, by severity: counted, not shown. */
  notShown: Partial<Record<Severity, number>>;
  /** What the compiler pass did, when it ran (cli/compiler.ts). */
  compiler?: CompilerSummary;
}

export interface CompilerSummary {
  built: number;
  confirmed: number;
  failed: number;
  /** Packages not built because the time budget was spent. */
  skipped: number;
  seconds: number;
}

/** The findings at or above `min`; those below are counted by severity into `counted`. */
export function atOrAbove(all: readonly Finding[], min: Severity, counted: Partial<Record<Severity, number>>): Finding[] {
  const rank = SEVERITIES.indexOf(min);
  for (const f of all) if (SEVERITIES.indexOf(f.severity) < rank) counted[f.severity] = (counted[f.severity] ?? 0) + 1;
  return all.filter((f) => SEVERITIES.indexOf(f.severity) >= rank);
}

/** Adds `more` into `into` (counts by severity). */
export function addNotShown(into: Partial<Record<Severity, number>>, more: Partial<Record<Severity, number>>): void {
  for (const [k, n] of Object.entries(more) as [Severity, number][]) into[k] = (into[k] ?? 0) + n;
}

/** The stderr line about findings below --min-severity, or '' when none were left out. */
export function notShownLine(report: LintReport, minSeverity: Severity): string {
  const parts = (Object.entries(report.notShown) as [Severity, number][]).filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}${n === 1 ? '' : sev === 'information' ? '' : 's'}`);
  if (!parts.length) return '';
  const lowest = (Object.keys(report.notShown) as Severity[]).sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b))[0];
  return `go-mapleak: ${findingCount(report)} finding${findingCount(report) === 1 ? '' : 's'} at ${minSeverity} or above; not shown: ${parts.join(', ')} (--min-severity ${lowest} shows them)\n`;
}

export function findingCount(report: LintReport): number {
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

export function failed(report: LintReport): boolean {
  return report.problems.some((p) => p.fatal);
}

/** A config file's problems for stderr, one `file:line:col: key: message` line each, the file as printed. */
export function configProblemLines(problems: readonly ConfigProblem[], cwd: string): string {
  return problems.map((p) => `${problemText({ ...p, file: displayPath(p.file, cwd) })}\n`).join('');
}

/** One line for stderr, go style: `go-mapleak: file: message`. */
export function problemLine(p: Problem): string {
  return p.fatal ? `go-mapleak: ${p.file}: ${p.message}\n` : `go-mapleak: skipping ${p.file}: ${p.message}\n`;
}
