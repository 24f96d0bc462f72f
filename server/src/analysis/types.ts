// The vocabulary shared by every rule and every adapter (server, CLI, tests).
// Positions are 0-based lines and UTF-16 columns, as tree-sitter reports them for a
// JS string and as LSP expects them; the CLI converts to 1-based byte columns.
import type { Tree } from '../parse/parser';
import type { GoVersion } from './goversion';
import type { TypeResolver } from './syntax/resolve';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type Severity = 'hint' | 'information' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

export interface Fix {
  title: string;
  /** The safest fix of a finding; used by fixAll, `--fix` and golden files. */
  preferred: boolean;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  message: string;
  range: Range;
  severity: Severity;
  fixes: Fix[];
  /** Markdown for the hover on the flagged code. */
  explanation: string;
}

export interface ParsedFile {
  path: string;
  text: string;
  tree: Tree;
}

export interface AnalysisContext {
  /** The module's Go version (go.mod or the goMapleak.goVersion setting), before build tags. */
  goVersion?: GoVersion;
  /** The other files of the same package (same directory and package clause), for declarations. */
  packageFiles?: readonly ParsedFile[];
}

/** One rule: a declaration, the way go/analysis declares an analyzer. */
export interface Rule {
  name: string;
  /** One line; the full text lives in docs/rules/<name>.md. */
  doc: string;
  defaultSeverity: Severity;
  run(pass: Pass): Finding[];
}

/** What a rule sees of one file. */
export interface Pass {
  file: ParsedFile;
  /** Effective Go version for this file (module version raised by a //go:build go1.N line). */
  goVersion?: GoVersion;
  packageFiles: readonly ParsedFile[];
  /** The package's declarations and type resolution, built on first use and shared by every rule. */
  resolver(): TypeResolver;
}
