// The one entry point of the analysis layer: analyze(file, context) -> Finding[].
// The server and the CLI are thin adapters over this call. Nothing here knows LSP.
import type { AnalysisContext, Finding, ParsedFile, Pass, Position, Rule } from './types';
import type { SyntaxNode } from '../parse/parser';
import { compareGoVersions, fileGoVersion } from './goversion';
import { applyCompilerEvidence } from './confirm';
import { removeSuppressed } from './suppress';
import { RULES } from './rules';
import { PackageIndex } from './syntax/scope';
import { TypeResolver } from './syntax/resolve';
import { addNumbers } from '../explain/findingnumbers';
import { MAX_SCOPE_DEPTH, scopeDepth } from './syntax/depth';
import { treeId } from './syntax/nodes';
import { capImpact, isGenerated, isTestFile, withImpact } from './codescope';

/** Passes by context and file, so that analyze() and a later hover on the same run share one resolver. */
const passes = new WeakMap<AnalysisContext, WeakMap<ParsedFile, Pass>>();

/**
 * What a rule sees of `file` (also for hovers and tests, outside a rule): the same Pass for the
 * same file and context objects (contexts are built per run and not changed afterwards).
 * `indexed`: when `file`'s tree holds only part of its text (one function parsed again alone,
 * lsp/incremental.ts), the file's last whole parse, which the package facts are read from.
 */
export function passFor(file: ParsedFile, context: AnalysisContext = {}, indexed: ParsedFile = file): Pass {
  let byFile = passes.get(context);
  if (!byFile) passes.set(context, (byFile = new WeakMap()));
  let pass = byFile.get(file);
  if (!pass) byFile.set(file, (pass = newPass(file, context, indexed)));
  return pass;
}

// What a package view (the same set of trees) knows is computed once and shared by the passes of
// its files: the resolver (types, methods, the package's assignments for mapretain: typing a large
// package's assignments once per file of it cost seconds in cmd/compile's ssa) and the rules'
// package-wide facts. A view is keyed by its file objects (a re-parsed file is a new object, and ids
// are never reused), not by their trees: asking for a tree parses it (workspace/trees.ts).
const VIEWS_KEPT = 8; // the CLI goes directory by directory; the server has a few packages in play
const views = new Map<string, Map<string, unknown>>();

function viewKey(file: ParsedFile, packageFiles: readonly ParsedFile[]): string {
  const ids = [file, ...packageFiles].map((f) => treeId(f));
  return [...new Set(ids)].sort((a, b) => a - b).join(',');
}

function perView<T>(key: string, name: string, compute: () => T): T {
  let memo = views.get(key);
  if (memo) {
    views.delete(key); // most recently used last
  } else {
    memo = new Map();
    if (views.size >= VIEWS_KEPT) views.delete(views.keys().next().value!);
  }
  views.set(key, memo);
  if (!memo.has(name)) memo.set(name, compute());
  return memo.get(name) as T;
}

function newPass(file: ParsedFile, context: AnalysisContext, indexed: ParsedFile): Pass {
  const packageFiles = context.packageFiles ?? [];
  // Indexing the package costs more than most rules: only once a rule asks.
  let resolver: TypeResolver | undefined;
  let key: string | undefined;
  const perPackage = <T>(name: string, compute: () => T): T => perView(key ??= viewKey(indexed, packageFiles), name, compute);
  const packageResolver = () => {
    const r = perPackage('resolver', () => new TypeResolver(new PackageIndex(indexed, packageFiles), context.foreign));
    if (indexed !== file) r.index.reparsed(file, indexed);
    return r;
  };
  const goVersion = fileGoVersion(file.text, context.goVersion);
  // The runtime is at least the language version the file builds with.
  const rt = context.runtimeVersion;
  const runtimeVersion = rt && goVersion && compareGoVersions(rt, goVersion) < 0 ? goVersion : rt ?? goVersion;
  return {
    file,
    goVersion,
    runtimeVersion,
    packageFiles,
    indexed,
    resolver: () => (resolver ??= packageResolver()),
    perPackage,
    ...(context.steadyEntries !== undefined ? { steadyEntries: context.steadyEntries } : {}),
  };
}

export interface AnalysisResult {
  findings: Finding[];
  /** Findings the compiler could confirm (compiler sites), confirmed or not: is a build worth it? */
  compilerCandidates: number;
  /** Where each of those findings starts (before the compiler's evidence drops any): an incremental run keeps the others'. */
  compilerCandidateStarts: Position[];
  /** Set when the file was not analyzed (then no findings): why, for the CLI's and the server's notice. */
  skipped?: string;
  /** The file says it is generated (`// Code generated ... DO NOT EDIT.`): not reported, as golangci-lint does. */
  generated?: boolean;
  /** The file is outside the build target (AnalysisContext.excluded): not analyzed, and why. */
  excluded?: string;
  /** Rules that threw on this file: their findings are missing, so the result is incomplete (an internal error to report). */
  failures?: { rule: string; message: string }[];
}

/** The order of analyze()'s findings: by where they start (a stable sort keeps the rules' order at one place). */
export function byStart(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function analyze(file: ParsedFile, context: AnalysisContext = {}, rules: readonly Rule[] = RULES): Finding[] {
  return analyzeFile(file, context, rules).findings;
}

/**
 * analyze() and how many of its findings a compiler build could confirm or bring in. With
 * `regions` (top-level declarations of the file), only findings inside those are looked for:
 * the rules still see the whole package (lsp/incremental.ts re-analyzes one edited function,
 * parsed alone: then `indexed` is the file's last whole parse, see passFor).
 */
export function analyzeFile(file: ParsedFile, context: AnalysisContext = {}, rules: readonly Rule[] = RULES, regions?: readonly SyntaxNode[], indexed?: ParsedFile): AnalysisResult {
  if (context.excluded !== undefined) return { findings: [], compilerCandidates: 0, compilerCandidateStarts: [], excluded: context.excluded };
  // A generated file's declarations still count for its package (views read them); its findings are nobody's to fix.
  if (isGenerated(file.text)) return { findings: [], compilerCandidates: 0, compilerCandidateStarts: [], generated: true };
  // Nesting thousands deep makes scope lookups quadratic in the depth (syntax/depth.ts): no findings rather than minutes.
  // Regions are top-level declarations, so their own text nests as deep as they do in the file.
  const depth = regions ? Math.max(0, ...regions.map((r) => scopeDepth(file.text.slice(r.startIndex, r.endIndex)))) : scopeDepth(file.text);
  if (depth > MAX_SCOPE_DEPTH) return { findings: [], compilerCandidates: 0, compilerCandidateStarts: [], skipped: `not analyzed: scopes nest ${depth} deep, more than ${MAX_SCOPE_DEPTH}` };
  const whole = passFor(file, context, indexed);
  const pass = regions ? { ...whole, regions } : whole;
  const test = isTestFile(file.path);
  const found: Finding[] = [];
  const failures: { rule: string; message: string }[] = [];
  for (const rule of rules) {
    if (test && !rule.inTests && !context.tests) continue;
    // A rule that throws on odd input loses its own findings, never the others'; the failure is reported.
    try {
      let own = rule.run(pass);
      if (context.example) own = own.map((f) => withImpact(f, rule, capImpact(f.impact, 'low', 'in an example program')));
      if (context.testSupport && !rule.inTests) own = own.map((f) => withImpact(f, rule, capImpact(f.impact, 'low', `in ${context.testSupport}, a package that supports tests`)));
      found.push(...own);
    } catch (err) {
      // Never silent: the adapters report it as an internal error (the CLI exits 2, the editor shows it).
      if (process.env.GO_MAPLEAK_DEBUG) console.error(`rule ${rule.name} failed on ${file.path}:`, err);
      failures.push({ rule: rule.name, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  }
  for (const f of found) f.explanation += `\n\n**Impact: ${f.impact.level}** (${f.severity}) — ${f.impact.evidence.join('; ')}.`;
  addNumbers(found, pass.runtimeVersion, pass.goVersion); // once here, so hovers, fix previews and the CLI agree
  found.sort(byStart);
  const kept = removeSuppressed(file.text, found);
  const candidates = kept.filter((f) => f.compiler).map((f) => f.range.start);
  return {
    findings: applyCompilerEvidence(kept, context.escapes), compilerCandidates: candidates.length, compilerCandidateStarts: candidates,
    ...(failures.length ? { failures } : {}),
  };
}
