// The vocabulary shared by every rule and every adapter (server, CLI, tests).
// Positions are 0-based lines and UTF-16 columns, as tree-sitter reports them for a
// JS string and as LSP expects them; the CLI converts to 1-based byte columns.
import type { SyntaxNode, Tree } from '../parse/parser';
import type { GoVersion } from './goversion';
import type { TypeResolver } from './syntax/resolve';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

export type Severity = 'hint' | 'information' | 'warning' | 'error';
export const SEVERITIES: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

/**
 * Whether a finding is worth acting on (DESIGN.md "Impact"): high — likely cost on a path that runs
 * per item, or a leak; medium — right and worth a change (readability, advice); low — right but
 * minor (reuse by design, one store outside a loop, example code). Each rule maps these to its
 * severities (Rule.severities); the evidence is what decided it, in words, for the JSON, SARIF and hover.
 */
export type ImpactLevel = 'high' | 'medium' | 'low';
export interface Impact {
  level: ImpactLevel;
  /** The signals that decided the level, each a short phrase: "in a loop over rows", "in an example program". */
  evidence: string[];
}

export interface Fix {
  title: string;
  /** The safest fix of a finding; used by fixAll, `--fix` and golden files. */
  preferred: boolean;
  edits: TextEdit[];
  /**
   * What the fix does to the map, for the preview (an LSP change annotation; `--fix --diff`).
   * 'clear' = clear(m)/Clear(), 'fresh' = m = make(...), 'bounded' = a fresh map when it outgrew a
   * limit and clear otherwise, 'suppress' = the ignore comment; mapshrink: 'rebuild' = a fresh
   * map sized for the live entries and a copy loop, 'drained' = a fresh map once it is empty.
   */
  effect?: 'clear' | 'fresh' | 'bounded' | 'suppress' | 'syncclear' | 'rebuild' | 'drained' | 'narrow';
  /** effect 'narrow' (ifacebox): the map type before and after and what the stores and reads become, for the preview's numbers. */
  narrow?: NarrowFacts;
  /** The preview's text with the simulation's numbers (filled by explain/, not by rules). */
  annotation?: { label: string; description: string };
}

/** What ifacebox's narrowing changes (analysis/narrow.ts), for explain/findingnumbers.ts. */
export interface NarrowFacts {
  name: string;
  from: string;
  to: string;
  /** Key and new value types for the simulation (sim/layout spelling); undefined if not known. */
  keyLayout?: string;
  valueLayout?: string;
  stores: number;
  /** The box each store no longer makes: runtime function and bytes (the finding's own classification). */
  runtimeFunc: string;
  bytesPerStore: number;
  /** Each read the change touches or keeps, as written (the preview quotes it: no line numbers to go stale when lines move). */
  reads: { text: string; kind: 'assert' | 'commaok' | 'boxed' | 'typeswitch' }[];
  /** A package variable's or a field's narrowing reads the whole file: any edit elsewhere analyzes it again (lsp/incremental.ts positionsOf). */
  scope?: Range;
}

/** The map a finding is about, as the simulation needs it (types spelled so sim/layout reads them). */
export interface MapSubject {
  /** The map expression as written (`m`, `s.cache`). */
  expr: string;
  /** The map type as the code spells it (`map[string][]byte`), for text; undefined when not visible. */
  typeText?: string;
  /** Key and value types in Go syntax with this package's named types expanded; undefined if unknown. */
  keyType?: string;
  valueType?: string;
  /** The hint of the `make` that created it, when one is visible. */
  hint?: number;
  /**
   * mapretain: the steady size its bounded release keeps (`if len(m) > limit { m = make(...) }`):
   * the numbers compare clear at this size with clear after a spike to ten times it.
   */
  limit?: number;
  /**
   * How the flagged code empties the map: one runtime clear (`clear(m)`, or the loop the compiler
   * rewrites into one) or key-by-key deletes. Undefined when the finding does not empty it.
   */
  emptiedBy?: 'clear' | 'deletes';
  /**
   * mapshrink: the burst the numbers describe, a peak of `peak` entries deleted down to `rest`:
   * what it keeps, and what a rebuild sized for `rest` holds instead.
   */
  burst?: { peak: number; rest: number };
  /** mapshrink: the finding is about `m = maps.Clone(m)` (the numbers say what the clone keeps). */
  cloned?: boolean;
}

/**
 * A place where the Go compiler's escape records can confirm a finding (compiler/). With
 * `onlyIfConfirmed` the finding is dropped unless a record confirms it (unknown value types).
 */
export interface CompilerSite {
  /**
   * The store: the whole `m[k] = v` statement or `k: v` element (a zero-width range at its start
   * also works). Compilers place the record at the statement start, the key or the value (confirm.ts).
   */
  range: Range;
  onlyIfConfirmed: boolean;
  /** The stored value as written: only a record about this expression confirms (not one about the key). */
  value?: { range: Range; text: string };
}

/** One record of `go build -gcflags=-json=0,DIR` for this file (0-based, UTF-16 columns). */
export interface EscapeRecord {
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  message: string;
  range: Range;
  severity: Severity;
  fixes: Fix[];
  /** Markdown for the hover on the flagged code. */
  explanation: string;
  /**
   * The setting (under goMapleak.rules.<rule>.) that governs this finding's severity;
   * 'severity' when absent. ifacebox uses 'loopSeverity' for stores inside loops.
   */
  severitySetting?: string;
  subject?: MapSubject;
  compiler?: CompilerSite;
  /** How much the finding matters, and why; its severity follows from it (Rule.severities). */
  impact: Impact;
  /** Set when a Go compiler build confirmed the finding: the compiler's record, as it wrote it. */
  confirmedBy?: string;
  /** What a loaded heap profile shows of the finding's map (profile/evidence.ts). */
  profile?: ProfileEvidence;
  /** ifacebox: the use that keeps its map from being narrowed (analysis/narrow.ts); the hover names its line. */
  blockedBy?: { why: string; at?: Range };
}

/** A heap profile's figures for the map a finding is about, in the profile's sample type and unit. */
export interface ProfileEvidence {
  /** The profile's file name or URL, as given. */
  source: string;
  sampleType: string;
  unit: string;
  /** The map as the profile report names it (`sessions`, `Store.byID`). */
  map: string;
  value: number;
  storage: number;
  boxing: number;
  /** The counts its storage is sized for (inuse_space, one map), from the inverse simulation. */
  entries?: { low: number; high: number };
  /** The severity before the profile changed it, when it did. */
  severityBefore?: Severity;
}

export interface ParsedFile {
  path: string;
  text: string;
  tree: Tree;
}

/**
 * What an imported package declares under a name (workspace/foreign.ts reads it from disk): its
 * kind, and for a type whether its underlying type is basic (a constant conversion's target).
 * `none`: the package was read and has no such top-level name in the files that build.
 */
export type ForeignDecl = { kind: 'const' | 'var' | 'type' | 'func'; basic?: boolean } | { kind: 'none' };

export interface AnalysisContext {
  /** The module's Go version (go.mod or the goMapleak.goVersion setting), before build tags. */
  goVersion?: GoVersion;
  /** The other files of the same package (same directory and package clause), for declarations. */
  packageFiles?: readonly ParsedFile[];
  /** The Go release whose runtime the numbers describe (toolchain line, else go line, else the setting). */
  runtimeVersion?: GoVersion;
  /** Escape records of this file from the last compiler run, when there is one. */
  escapes?: readonly EscapeRecord[];
  /**
   * A declaration of an imported package by import path and name; undefined when that package
   * cannot be read here (not found on disk, no module cache). Constants of other packages are
   * constants: the rules read them instead of claiming what they cannot see.
   */
  foreign?: (importPath: string, name: string) => ForeignDecl | undefined;
  /**
   * Why the file is outside the build target ("//go:build windows", "file name _darwin"): then it
   * is not analyzed, as go vet does not see it (workspace/target.ts).
   */
  excluded?: string;
  /** Report the allocation and retention rules in `_test.go` files too (off by default: `--tests`). */
  tests?: boolean;
  /** mapretain's steady size where the code shows no make hint (rules.mapretain.steadyEntries; default TYPICAL_ENTRIES). */
  steadyEntries?: number;
  /** The file is an example program (a directory named example(s) inside its module): hint at most. */
  example?: boolean;
  /**
   * The file's package supports tests (a directory of the module named like testutil, fakes, mocks,
   * or ending in test): the allocation and retention rules give a hint at most. Its name.
   */
  testSupport?: string;
}

/** One rule: a declaration, the way go/analysis declares an analyzer. */
export interface Rule {
  name: string;
  /** One line; the full text lives in docs/rules/<name>.md. */
  doc: string;
  defaultSeverity: Severity;
  /** The severity of each impact level (gopls's scale: warning for likely trouble, hint for minor). */
  severities: Readonly<Record<ImpactLevel, Severity>>;
  /** Whether the rule reports in `_test.go` files by default (rangeclear: readability holds there too). */
  inTests: boolean;
  /** Extra severity settings besides `severity`, with their defaults (ifacebox: loopSeverity). */
  extraSeverities?: Readonly<Record<string, Severity>>;
  run(pass: Pass): Finding[];
}

/** What a rule sees of one file. */
export interface Pass {
  file: ParsedFile;
  /** Effective Go version for this file (module version raised by a //go:build go1.N line). */
  goVersion?: GoVersion;
  /** The runtime the numbers describe (see AnalysisContext.runtimeVersion). */
  runtimeVersion?: GoVersion;
  packageFiles: readonly ParsedFile[];
  /**
   * This file as the package's facts (declarations, assignments, spelled types) are read from:
   * `file` itself, or its last whole parse when `file`'s tree holds one re-parsed function
   * (lsp/incremental.ts); the two texts then differ only inside that function.
   */
  indexed: ParsedFile;
  /** The package's declarations and type resolution, built on first use and shared by every rule. */
  resolver(): TypeResolver;
  /** A fact of the whole package view, computed once for all its files (per rule: name it `<rule>.<fact>`). */
  perPackage<T>(name: string, compute: () => T): T;
  /** AnalysisContext.steadyEntries. */
  steadyEntries?: number;
  /** When set, rules look for findings only inside these nodes (top-level declarations of the file). */
  regions?: readonly SyntaxNode[];
}
