// Runs the analysis on open documents: the document's incremental tree, its package's other
// files (open buffers before the disk) and the Go version from settings or go.mod. Results are
// kept per document version and settings, so diagnostics, code actions and hover share one run.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { analyze } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import type { AnalysisContext, Finding, ParsedFile } from '../analysis/types';
import { contextFor, type ParsedFileCache } from '../workspace/context';
import type { DocumentStore, OpenDocument } from './documents';
import { ruleOff, type Settings } from './settings';

export interface Analysis {
  version: number;
  settings: Settings;
  findings: Finding[];
}

/** The file system path of a file: URI; other schemes (untitled:) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

export class Analyzer {
  private results = new Map<string, Analysis>();

  constructor(private store: DocumentStore, private cache: ParsedFileCache) {}

  /** Findings of the document's current version; throws if the parse or the analysis does. */
  analyze(doc: OpenDocument, settings: Settings): Analysis {
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === settings) return hit;
    const filePath = uriToPath(doc.uri);
    const file: ParsedFile = { path: filePath ?? doc.uri, text: doc.text.getText(), tree: doc.parsed() };
    // An unsaved buffer (untitled:) has no module or package on disk.
    const context = filePath ? this.contextOf(file, settings) : { goVersion: settings.goVersion };
    const rules = RULES.filter((r) => !ruleOff(settings, r.name));
    const findings = analyze(file, context, rules);
    const result = { version: doc.version, settings, findings };
    this.results.set(doc.uri, result);
    return result;
  }

  forget(uri: string): void {
    this.results.delete(uri);
    const p = uriToPath(uri);
    if (p) this.cache.forget(p);
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
    return contextFor(file.path, file.text, this.cache, { goVersion: settings.goVersion, read: (p) => this.read(p) });
  }

  /** An open buffer's text wins over the file on disk. */
  private read(p: string): string {
    const key = path.resolve(p);
    for (const d of this.store.all()) if (uriToPath(d.uri) === key) return d.text.getText();
    return fs.readFileSync(p, 'utf8');
  }
}
