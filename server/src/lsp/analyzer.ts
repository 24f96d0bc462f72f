// Runs the analysis on open documents: the document's incremental tree, its package view (open
// buffers before the disk, kept in workspace/packages.ts between runs) and the Go version from
// settings or go.mod. Results are kept per document version and settings, so diagnostics, code
// actions and hover share one run; edits of open siblings (touched) and watched-file events
// (filesChanged) drop the results they affect.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { analyzeFile } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import type { AnalysisContext, EscapeRecord, Finding, ParsedFile } from '../analysis/types';
import { contextFor, type ParsedFileCache } from '../workspace/context';
import { PackageViews, type FileChange } from '../workspace/packages';
import type { DocumentStore, OpenDocument } from './documents';
import { ruleOff, type Settings } from './settings';

export interface Analysis {
  version: number;
  settings: Settings;
  findings: Finding[];
  /** Findings a compiler build could confirm or bring in (analysis/analyze.ts analyzeFile). */
  compilerCandidates: number;
  /** The compiler's records the run saw (compiler/); a new build means a new run. */
  escapes?: readonly EscapeRecord[];
  /** What the run analyzed, so the map hover resolves names against the same package view. */
  file: ParsedFile;
  context: AnalysisContext;
}

/** The file system path of a file: URI; other schemes (untitled:) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

export class Analyzer {
  private results = new Map<string, Analysis>();
  readonly views: PackageViews;
  /** Compiler confirmation: a file's escape records while its text is the one last built. */
  escapesOf: (filePath: string, text: string) => readonly EscapeRecord[] | undefined = () => undefined;

  constructor(private store: DocumentStore, private cache: ParsedFileCache) {
    this.views = new PackageViews(cache, undefined, { text: (p) => this.openText(p), pathsIn: (dir) => this.openPathsIn(dir) });
  }

  /** Findings of the document's current version; throws if the parse or the analysis does. */
  analyze(doc: OpenDocument, settings: Settings): Analysis {
    const hit = this.results.get(doc.uri);
    const filePath = uriToPath(doc.uri);
    const escapes = filePath ? this.escapesOf(filePath, doc.text.getText()) : undefined;
    if (hit && hit.version === doc.version && hit.settings === settings && hit.escapes === escapes) return hit;
    const file: ParsedFile = { path: filePath ?? doc.uri, text: doc.text.getText(), tree: doc.parsed() };
    // An unsaved buffer (untitled:) has no module or package on disk.
    const context = filePath ? { ...this.contextOf(file, settings), escapes } : { goVersion: settings.goVersion };
    const rules = RULES.filter((r) => !ruleOff(settings, r.name));
    const { findings, compilerCandidates } = analyzeFile(file, context, rules);
    const result = { version: doc.version, settings, findings, compilerCandidates, escapes, file, context };
    this.results.set(doc.uri, result);
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
    this.results.delete(uri);
    const p = uriToPath(uri);
    if (!p) return;
    this.cache.forget(p);
    const dir = path.dirname(p);
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
    const docs = this.store.all().filter((d) => {
      const q = uriToPath(d.uri);
      return modules || (q !== undefined && dirs.has(path.dirname(q)));
    });
    for (const d of docs) this.results.delete(d.uri);
    return docs;
  }

  /** Without watched-file events, a directory is listed again when a document opens in it. */
  rescan(uri: string): void {
    const p = uriToPath(uri);
    if (p) this.views.forgetDir(path.dirname(p));
  }


  /** A document changed or closed: its package neighbours' results no longer hold. */
  touched(uri: string): void {
    for (const n of this.neighbours(uri)) this.results.delete(n.uri);
  }

  /** Open documents in the same directory as `uri` (the candidates for its package). */
  neighbours(uri: string): OpenDocument[] {
    const p = uriToPath(uri);
    if (!p) return [];
    const dir = path.dirname(p);
    return this.store.all().filter((d) => {
      const q = uriToPath(d.uri);
      return d.uri !== uri && q !== undefined && path.dirname(q) === dir;
    });
  }

  private contextOf(file: ParsedFile, settings: Settings): AnalysisContext {
    // The cache owns its trees and deletes them when replaced, so it gets a copy of ours.
    this.cache.set({ ...file, tree: file.tree.copy() });
    return contextFor(file.path, file.text, this.views, { goVersion: settings.goVersion });
  }

  /** An open buffer's text wins over the file on disk. */
  private openText(p: string): string | undefined {
    const key = path.resolve(p);
    for (const d of this.store.all()) if (uriToPath(d.uri) === key) return d.text.getText();
    return undefined;
  }

  private openPathsIn(dir: string): string[] {
    const out: string[] = [];
    for (const d of this.store.all()) {
      const q = uriToPath(d.uri);
      if (q !== undefined && path.dirname(q) === dir) out.push(q);
    }
    return out;
  }
}
