// Runs the analysis on open documents: the document's incremental tree, its package view (open
// buffers before the disk, kept in workspace/packages.ts between runs) and the Go version from
// settings or go.mod. Results are kept per document version and settings, so diagnostics, code
// actions and hover share one run; edits of open siblings (touched) and watched-file events
// (filesChanged) drop the results they affect.
// Memory: an open file has one tree, the document's, which its neighbours' views share; trees
// (WASM memory, which never shrinks, so the peak number of live trees sets it) are kept for the
// most recently analyzed packages within a budget, and a package beyond it loses its trees and
// results (parsed and analyzed again when asked for, with the same findings); the package
// resolver a run builds (analysis/analyze.ts passFor, keyed by the run's context) is kept only for
// the most recently used results, since it holds the whole package's declarations.
import { TargetsByOptions } from '../workspace/target';
import * as path from 'path';
import { analyzeFile, type AnalysisResult } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import type { AnalysisContext, EscapeRecord, Finding, ParsedFile, Position, Rule } from '../analysis/types';
import { contextFor, type ParsedFileCache } from '../workspace/context';
import { ForeignPackages } from '../workspace/foreign';
import { resolvedPath } from '../workspace/trees';
import { PackageViews, type FileChange } from '../workspace/packages';
import { uriToPath, type DocumentStore, type OpenDocument } from './documents';
import { ruleOff, type Settings } from '../config/settings';
import { composeEdits, editedFunction, findingsAfterCommentEdit, functionEdit, mergeFindings, mergePositions, type EditSpan } from './incremental';
import { compareGoVersions, type GoVersion } from '../analysis/goversion';
import { BIG_DOCUMENT_CHARS, type BigDocuments } from './bigdocs';
import { mapHoverAt, type MapHoverPart } from './hover';
import { panelMapAt, type PanelMap } from './panel';

export { uriToPath };

/**
 * How many results keep their run's package resolver (the rest keep their findings): a hover or
 * code action on one of them answers from the resolver the run built; on an older one the
 * resolver is built again. Enough for a file being typed into and its open package neighbours.
 */
export const RESOLVERS_KEPT = 8;

/**
 * The Go source, in characters, whose trees stay parsed between analyses: the most recently
 * analyzed packages up to this size (a tree takes about 20 times its text), the package being
 * analyzed always, however large. 256 KB is about 7,500 lines: the packages being worked in.
 */
export const TREE_BUDGET_CHARS = 256 * 1024;

export interface Analysis {
  version: number;
  settings: Settings;
  findings: Finding[];
  /** Findings a compiler build could confirm or bring in (analysis/analyze.ts analyzeFile). */
  compilerCandidates: number;
  compilerCandidateStarts: Position[];
  /** The compiler's records the run saw (compiler/); a new build means a new run. */
  escapes?: readonly EscapeRecord[];
  /** What the run analyzed, so the map hover resolves names against the same package view. */
  file: ParsedFile;
  context: AnalysisContext;
  /** The text parsed without a syntax error (incremental.ts trusts its own lexer then). */
  clean: boolean;
  /** How the findings were had: the previous run's moved (comment), one function again, or the whole file. */
  how: 'comment' | 'function' | 'full';
  /** Why the file was not analyzed (analyzeFile's `skipped`: nested too deep), if it was not. */
  skipped?: string;
  /** Rules that threw on this text (analyzeFile's `failures`): shown as an error, never silent. */
  failures?: { rule: string; message: string }[];
  /**
   * Analyzed in the big-document worker (lsp/bigdocs.ts): the findings are the worker's; `file`
   * parses on this thread only if read (map hovers and the panel ask the worker instead).
   */
  remote?: boolean;
}

/**
 * The previous run's findings moved, when every change since it was inside one comment
 * (lsp/incremental.ts): no parse, no rules. Its package context still holds: another file's
 * change drops this result (touched, filesChanged), and a comment changes neither the package
 * clause nor, being no directive, the build constraints.
 */
function afterCommentEdit(hit: Analysis, doc: OpenDocument, settings: Settings, escapes: readonly EscapeRecord[] | undefined): Analysis | undefined {
  const edit = changeSince(hit, doc, settings, escapes);
  const text = doc.text.getText();
  const moved = edit && findingsAfterCommentEdit({ text: hit.file.text, findings: hit.findings, clean: hit.clean, positions: hit.compilerCandidateStarts }, text, edit);
  if (!moved) return undefined;
  return { ...hit, version: doc.version, findings: moved.findings, compilerCandidateStarts: moved.positions, file: unparsed(hit.file.path, doc), how: 'comment' };
}

/** The document's current text, its tree parsed when a hover or code action asks for it, after the diagnostics are out. */
function unparsed(filePath: string, doc: OpenDocument): ParsedFile {
  const text = doc.text.getText();
  return { path: filePath, text, get tree() { return doc.parsed(); } };
}

/**
 * A whole parse without errors that the function path (afterFunctionEdit) starts from: the text
 * and a copy of the document's tree then (the document edits its own tree in place), kept until
 * the next whole analysis or until the result is dropped.
 */
interface Base { version: number; file: ParsedFile }

/** The base for a whole parse of the document's version, if it parsed without errors. */
function baseOf(version: number, file: ParsedFile): Base | undefined {
  return file.tree.rootNode.hasError ? undefined : { version, file: { path: file.path, text: file.text, tree: file.tree.copy() } };
}

/**
 * The previous run's findings with those of the one edited function found again, when every
 * change since the base was inside that function's body and left what other declarations depend
 * on as it was (lsp/incremental.ts); undefined when the whole file must be analyzed. Only the
 * function is parsed, on its own; the package's facts come from the base.
 */
function afterFunctionEdit(hit: Analysis, base: Base, doc: OpenDocument, context: AnalysisContext, settings: Settings, escapes: readonly EscapeRecord[] | undefined, rules: readonly Rule[]): (AnalysisResult & { how: 'function' }) | undefined {
  if (!samePackage(hit.context, context) || !sameInputs(hit, settings, escapes)) return undefined;
  // The base is never newer than `hit`: the edits since it cover those since `hit`.
  const sinceBase = doc.editsSince(base.version);
  const edit = sinceBase && composeEdits(sinceBase);
  const text = doc.text.getText();
  const span = edit && editedFunction(base.file, text, edit);
  if (!span) return undefined;
  const tree = doc.parseRange(span.start, span.end);
  try {
    const fn = tree.rootNode.namedChild(0);
    if (tree.rootNode.hasError || tree.rootNode.namedChildCount !== 1 || !fn || fn.startIndex !== span.start || fn.endIndex !== span.end) return undefined;
    const fresh = analyzeFile({ path: base.file.path, text, tree }, context, rules, [fn], base.file);
    if (fresh.skipped) return undefined;
    const e = functionEdit(fn, hit.file.text, text, span.end);
    const findings = mergeFindings(hit.findings, fresh.findings, e);
    const starts = mergePositions(hit.compilerCandidateStarts, fresh.compilerCandidateStarts, e);
    return findings && starts && { findings, compilerCandidates: starts.length, compilerCandidateStarts: starts, how: 'function' };
  } finally {
    tree.delete(); // the findings are plain data; nothing keeps the function's nodes
  }
}

/** The document's change since the run `hit` as one edit (lsp/incremental.ts), if that run saw the same settings and compiler records. */
function changeSince(hit: Analysis, doc: OpenDocument, settings: Settings, escapes: readonly EscapeRecord[] | undefined): EditSpan | undefined {
  const edits = sameInputs(hit, settings, escapes) ? doc.editsSince(hit.version) : undefined;
  return edits && composeEdits(edits);
}

/** The run `hit` saw these settings and compiler records. */
function sameInputs(hit: Analysis, settings: Settings, escapes: readonly EscapeRecord[] | undefined): boolean {
  return hit.settings === settings && hit.escapes === escapes;
}

/** The same package view (the same parsed files: a re-parsed file is a new object) and Go versions. */
function samePackage(a: AnalysisContext, b: AnalysisContext): boolean {
  const fa = a.packageFiles ?? [], fb = b.packageFiles ?? [];
  const v = (x?: GoVersion, y?: GoVersion) => x === y || (x !== undefined && y !== undefined && compareGoVersions(x, y) === 0);
  return v(a.goVersion, b.goVersion) && v(a.runtimeVersion, b.runtimeVersion) && fa.length === fb.length && fa.every((f, i) => f === fb[i]);
}

export class Analyzer {
  private results = new Map<string, Analysis>();
  /** Per document, the whole parse the function path starts from (see Base). */
  private bases = new Map<string, Base>();
  /** The results whose context still keys their run's Pass, least recently used first. */
  private withResolver = new Map<string, Analysis>();
  /** Directories whose trees may be alive, least recently analyzed first. */
  private treeDirs = new Set<string>();
  readonly views: PackageViews;
  /** Compiler confirmation: a file's escape records while its text is the one last built. */
  escapesOf: (filePath: string, text: string) => readonly EscapeRecord[] | undefined = () => undefined;

  /** Declarations of other packages (constants, basic types), read from disk on demand. */
  private foreign: ForeignPackages;
  /** The build target of the settings in use (goMapleak.build). */
  private targets = new TargetsByOptions();

  /** Per document, bumped by drop(): a worker's result that comes back after a drop is not kept. */
  private generations = new Map<string, number>();
  /** The worker's run in flight per document, for its version and inputs: later asks share it. */
  private inFlight = new Map<string, { version: number; settings: Settings; escapes?: readonly EscapeRecord[]; run: Promise<Analysis | undefined> }>();

  /** `big`: the big-document worker (lsp/bigdocs.ts); without it every document is analyzed on this thread. */
  constructor(private store: DocumentStore, private cache: ParsedFileCache, private treeBudget = TREE_BUDGET_CHARS, private big?: BigDocuments) {
    this.foreign = new ForeignPackages(cache.parse, undefined, (p, text) => this.targets.last?.excluded(p, text) === undefined);
    this.views = new PackageViews(cache, undefined, {
      text: (p) => store.byPath(resolvedPath(p))?.text.getText(),
      pathsIn: (dir) => this.openPathsIn(resolvedPath(dir)),
      parsed: (p) => store.byPath(resolvedPath(p))?.parsedFile(),
    });
  }

  /** Findings of the document's current version; throws if the parse or the analysis does. */
  analyze(doc: OpenDocument, settings: Settings): Analysis {
    const hit = this.results.get(doc.uri);
    const filePath = uriToPath(doc.uri);
    const escapes = filePath ? this.escapesOf(filePath, doc.text.getText()) : undefined;
    if (hit && hit.version === doc.version && sameInputs(hit, settings, escapes)) return this.used(doc.uri, hit);
    const moved = hit && afterCommentEdit(hit, doc, settings, escapes);
    if (moved) {
      this.results.set(doc.uri, moved);
      return this.used(doc.uri, moved);
    }
    const filePathOrUri = doc.path ?? doc.uri;
    // An unsaved buffer (untitled:) has no module or package on disk.
    const context = filePath ? { ...this.contextOf(filePathOrUri, doc.text.getText(), settings), escapes } : { goVersion: settings.goVersion };
    const rules = RULES.filter((r) => !ruleOff(settings, r.name));
    const base = this.bases.get(doc.uri);
    const part = hit && base && afterFunctionEdit(hit, base, doc, context, settings, escapes, rules);
    let result: Analysis;
    if (part) {
      result = { version: doc.version, settings, ...part, escapes, file: unparsed(filePathOrUri, doc), context, clean: true };
    } else {
      const file: ParsedFile = doc.parsedFile();
      const clean = !file.tree.rootNode.hasError;
      result = { version: doc.version, settings, ...analyzeFile(file, context, rules), how: 'full', escapes, file, context, clean };
      this.setBase(doc.uri, baseOf(doc.version, file));
    }
    this.results.set(doc.uri, result);
    if (doc.path !== undefined) this.withinBudget(path.dirname(doc.path));
    return this.used(doc.uri, result);
  }

  /** Whether the big-document worker is running (it ends with the last big document). */
  get bigWorkerRunning(): boolean {
    return this.big?.running ?? false;
  }

  /** Whether the document is analyzed in the big-document worker. */
  isBig(doc: OpenDocument): boolean {
    return this.big !== undefined && doc.text.getText().length >= BIG_DOCUMENT_CHARS;
  }

  /**
   * analyze(), off this thread for a big document (lsp/bigdocs.ts): its findings from the worker.
   * Undefined when the document closed, or the worker ended, before the worker answered.
   */
  async analyzeAsync(doc: OpenDocument, settings: Settings): Promise<Analysis | undefined> {
    const big = this.big;
    if (!big || !this.isBig(doc)) {
      if (big?.has(doc.uri)) this.leaveWorker(doc);
      return this.analyze(doc, settings);
    }
    const filePath = uriToPath(doc.uri);
    const text = doc.text.getText();
    const escapes = filePath ? this.escapesOf(filePath, text) : undefined;
    const hit = this.results.get(doc.uri);
    if (hit?.remote && hit.version === doc.version && sameInputs(hit, settings, escapes)) return this.used(doc.uri, hit);
    const flying = this.inFlight.get(doc.uri);
    if (flying && flying.version === doc.version && flying.settings === settings && flying.escapes === escapes) return flying.run;
    if (!big.has(doc.uri)) {
      // Entering the worker: this thread's tree and results of the document go.
      doc.releaseTree();
      this.drop(doc.uri);
    }
    const version = doc.version;
    const generation = this.generations.get(doc.uri) ?? 0;
    const run = (async (): Promise<Analysis | undefined> => {
      const r = await big.analyze(doc, settings, escapes, this.neighbours(doc.uri));
      if (!r || this.store.get(doc.uri) !== doc) return undefined;
      const filePathOrUri = doc.path ?? doc.uri;
      const context = filePath ? { ...this.contextOf(filePathOrUri, text, settings), escapes } : { goVersion: settings.goVersion };
      const result: Analysis = { ...r, settings, escapes, file: { path: filePathOrUri, text, get tree() { return doc.parsed(); } }, context, remote: true };
      if (doc.version === version && (this.generations.get(doc.uri) ?? 0) === generation) this.results.set(doc.uri, result);
      return this.used(doc.uri, result);
    })();
    const entry = { version, settings, escapes, run };
    this.inFlight.set(doc.uri, entry);
    void run.finally(() => { if (this.inFlight.get(doc.uri) === entry) this.inFlight.delete(doc.uri); }).catch(() => undefined);
    return run;
  }

  /** The map hover of a run (lsp/hover.ts mapHoverAt): the worker's for a big document. */
  async mapHover(doc: OpenDocument, run: Analysis, position: Position): Promise<MapHoverPart | undefined> {
    if (!run.remote || !this.big?.has(doc.uri)) return mapHoverAt(run, position);
    return this.big.mapHover(doc, run.settings, run.escapes, position);
  }

  /** The panel's map of a run (lsp/panel.ts panelMapAt): the worker's for a big document (without a profile's peak). */
  async panelMap(doc: OpenDocument, run: Analysis, shown: readonly Finding[], position: Position, profilePeak?: () => number | undefined): Promise<PanelMap | null> {
    if (!run.remote || !this.big?.has(doc.uri)) return panelMapAt(run, shown, position, profilePeak?.());
    return this.big.mapAt(doc, run.settings, run.escapes, position, shown);
  }

  /** A document the worker mirrors became small: analyzed here from now on. */
  private leaveWorker(doc: OpenDocument): void {
    this.big?.close(doc);
    this.drop(doc.uri);
  }

  /**
   * Parses the document whole, in idle time, to be the base the next function edit starts from
   * (afterFunctionEdit): when its latest result, for its current version, came without a whole
   * parse. Without it, the first keystroke in another function after typing elsewhere finds edits
   * in two places since the base and analyzes the whole file. False when there was nothing to do.
   */
  rebase(doc: OpenDocument): boolean {
    const hit = this.results.get(doc.uri);
    // A big document's base is the worker's (lsp/docworker.ts rebases it there).
    if (!hit || hit.remote || hit.version !== doc.version || hit.how === 'full' || this.bases.get(doc.uri)?.version === doc.version) return false;
    this.setBase(doc.uri, baseOf(doc.version, doc.parsedFile()));
    return true;
  }

  /**
   * `dir` was just analyzed: while the trees held exceed the budget, the least recently analyzed
   * other directories lose theirs, and the results that point at them.
   */
  private withinBudget(dir: string): void {
    this.treeDirs.delete(dir);
    this.treeDirs.add(dir);
    let held = this.cache.chars;
    for (const d of this.store.all()) if (d.hasTree) held += d.text.getText().length;
    for (const old of this.treeDirs) {
      if (held <= this.treeBudget || old === dir) break;
      for (const d of this.store.inDir(old)) {
        held -= d.releaseTree();
        this.drop(d.uri);
      }
      held -= this.views.releaseTrees(old);
      this.treeDirs.delete(old);
    }
  }

  /**
   * Marks a result as the most recently used, and lets the least recently used one beyond
   * RESOLVERS_KEPT drop its resolver: its context is replaced by a copy with the same contents,
   * which no Pass is keyed by, so a later hover on it builds one from the same package view.
   */
  private used(uri: string, result: Analysis): Analysis {
    this.withResolver.delete(uri);
    this.withResolver.set(uri, result);
    if (this.withResolver.size > RESOLVERS_KEPT) {
      const [oldest, old] = this.withResolver.entries().next().value!;
      this.withResolver.delete(oldest);
      old.context = { ...old.context };
    }
    return result;
  }

  /** Whether the open documents of uri's directory have findings a compiler build could confirm. */
  wantsCompiler(uri: string, settings: Settings): boolean {
    const doc = this.store.get(uri);
    const docs = doc ? [doc, ...this.neighbours(uri)] : this.neighbours(uri);
    return docs.some((d) => this.analyze(d, settings).compilerCandidates > 0);
  }

  /** A document closed (call after the store closed it). */
  forget(uri: string): void {
    this.drop(uri);
    this.generations.delete(uri);
    this.inFlight.delete(uri);
    this.big?.close({ uri });
    const p = uriToPath(uri);
    if (!p) return;
    this.cache.forget(p);
    const dir = path.dirname(path.resolve(p));
    if (!this.store.inDir(dir).length) this.treeDirs.delete(dir);
    // Its siblings read it from disk again, which may have been saved while it was open.
    if (this.openPathsIn(dir).length) this.views.fileChanged(p, 'changed');
    else this.views.forgetDir(dir); // nothing open there any more: free the package's trees
  }

  /**
   * Files changed on disk (the editor's watched-file events): the views follow, and the open
   * documents whose analysis may differ are returned for a new one: those of the affected
   * directories, or all of them when a go.mod changed (the Go version is read from it).
   */
  filesChanged(changes: readonly { path: string; change: FileChange }[]): OpenDocument[] {
    const dirs = new Set<string>();
    let modules = false;
    for (const c of changes) {
      if (path.basename(c.path) === 'go.mod') modules = true;
      else if (this.views.fileChanged(c.path, c.change)) dirs.add(path.dirname(path.resolve(c.path)));
    }
    const docs = this.store.all().filter((d) => modules || (d.path !== undefined && dirs.has(path.dirname(d.path))));
    for (const d of docs) this.drop(d.uri);
    this.big?.filesChanged([...changes]);
    return docs;
  }

  /** Without watched-file events, a directory is listed again when a document opens in it. */
  rescan(uri: string): void {
    const p = uriToPath(uri);
    if (!p) return;
    const dir = path.dirname(path.resolve(p));
    // The views' trees of the directory are deleted: no result may still point at them.
    for (const d of this.store.inDir(dir)) this.drop(d.uri);
    this.views.forgetDir(dir);
    this.big?.rescan(uri);
  }

  /** A document changed or closed: its package neighbours' results no longer hold. */
  touched(uri: string): void {
    for (const n of this.neighbours(uri)) this.drop(n.uri);
  }

  /** Open documents in the same directory as `uri` (the candidates for its package). */
  neighbours(uri: string): OpenDocument[] {
    const p = uriToPath(uri);
    if (!p) return [];
    return this.store.inDir(path.dirname(path.resolve(p))).filter((d) => d.uri !== uri);
  }

  private drop(uri: string): void {
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    this.results.delete(uri);
    this.withResolver.delete(uri);
    this.setBase(uri, undefined);
  }

  /** Replaces the document's base (its tree is ours: a copy), deleting the old one's tree. */
  private setBase(uri: string, base: Base | undefined): void {
    this.bases.get(uri)?.file.tree.delete();
    if (base) this.bases.set(uri, base);
    else this.bases.delete(uri);
  }

  private contextOf(filePath: string, text: string, settings: Settings): AnalysisContext {
    const targets = this.targets.for(settings.build);
    this.views.targets = targets;
    return contextFor(filePath, text, this.views, { goVersion: settings.goVersion, tests: settings.tests, steadyEntries: settings.steadyEntries, foreign: this.foreign, targets });
  }

  private openPathsIn(dir: string): string[] {
    return this.store.inDir(dir).map((d) => d.path!);
  }
}
