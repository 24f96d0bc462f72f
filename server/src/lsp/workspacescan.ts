// The workspace scan: every Go file of the workspace folders linted in the background, so the
// Problems view lists findings of files that are not open. It runs in slices of one file per
// event-loop turn (setImmediate): a file's analysis, or the parse of one file of the package the
// next file needs (parseAhead), so requests are read between slices. Before each slice it waits
// while the open documents' work (a request, an analysis due after an edit: lsp/foreground.ts)
// is in flight, up to MAX_DEFER_MS. A slice itself is synchronous and holds everything until it
// ends (slow files are logged: SLOW_FILE_MS), so a big file (lsp/bigdocs.ts BIG_DOCUMENT_CHARS) is
// analyzed in the big-document worker instead, as an open big document is. LSP work done progress, which the user can cancel;
// results kept current on watched-file events. Open documents always win: their diagnostics come
// from the editor's buffer (server.ts), never from the disk here.
import { readFile } from 'fs/promises';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { analyzeFile } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import { discoverFiles, skippedDir } from '../workspace/discover';
import type { Parser } from '../parse/parser';
import { contextFor, ParsedFileCache } from '../workspace/context';
import { ForeignPackages } from '../workspace/foreign';
import type { GoModule } from '../workspace/module';
import { isGoFileName } from '../workspace/package';
import { PackageViews, type OpenBuffers } from '../workspace/packages';
import { uriToPath } from './analyzer';
import type { DocumentStore } from './documents';
import { diagnosticsOf } from './diagnostics';
import type { SettingsSource } from './settings';
import { analyzes, ruleOff, type Settings } from '../config/settings';
import { TargetsByOptions } from '../workspace/target';
import type { Finding } from '../analysis/types';
import { BIG_DOCUMENT_CHARS, type BigDocuments } from './bigdocs';

/** What the scan needs from the server (server.ts passes the connection's parts). */
export interface ScanHost {
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** window/workDoneProgress/create + $/progress; cancelled is set by the client's cancel. */
  progress(): Promise<ScanProgress>;
  /**
   * The settings of a workspace folder (one scope for all its files: no request per file), with
   * the config file of `file`'s directory when one is given.
   */
  settings(folderUri: string, file?: string): Promise<Settings>;
  /** Open documents, whose buffers win over the disk. */
  open: OpenBuffers;
  docsDir: string;
  log(message: string): void;
  /** Resolves when no work for open documents is in flight or due: the scan analyzes a file only then. */
  idle?(): Promise<void>;
  /**
   * A big file's analysis off the server's thread (lsp/bigdocs.ts): undefined when the worker
   * ended meanwhile. Without it big files are analyzed here like the others.
   */
  analyzeBig?(file: string, text: string, settings: Settings): Promise<{ findings: Finding[]; skipped?: string } | undefined>;
}

export interface ScanProgress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  readonly cancelled: boolean;
}

/** The go command's rules for `./...`, and JavaScript dependencies (which may vendor Go code). */
export function scannedDir(name: string): boolean {
  return !skippedDir(name) && name !== 'node_modules';
}

/** The Go files below a folder the scan lints (the CLI's discovery, without node_modules). */
export function workspaceFiles(folder: string): string[] {
  let files: string[];
  try { files = discoverFiles([path.join(folder, '...')], folder); } catch { return []; }
  return files.filter((f) => inScannedDir(folder, f));
}

/** Whether every directory between the folder and the file is one the scan enters. */
function inScannedDir(folder: string, file: string): boolean {
  const rel = path.relative(folder, path.dirname(file));
  if (rel === '') return true;
  if (rel.startsWith('..') || path.isAbsolute(rel)) return false;
  return rel.split(path.sep).every(scannedDir);
}

/** A file whose analysis delays the server's answers noticeably (logged). */
const SLOW_FILE_MS = 500;

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The longest the scan defers a file to the open documents' work: a request that never ends must not stop it. */
const MAX_DEFER_MS = 2000;

/** Resolves when `idle` does or after MAX_DEFER_MS. */
async function deferTo(idle: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([idle, new Promise<void>((resolve) => { timer = setTimeout(resolve, MAX_DEFER_MS); })]);
  clearTimeout(timer);
}

export class WorkspaceScan {
  private folders = new Map<string, string>(); // path → uri
  /** Files with diagnostics published by the scan (to clear them when deleted or the scan stops). */
  private published = new Set<string>();
  /** Bumped to stop the running scan (a new one, cancel, setting off, shutdown). */
  private generation = 0;
  private trees: ParsedFileCache;
  private foreign: ForeignPackages;
  private targets = new TargetsByOptions();
  private views: PackageViews;
  private modules = new Map<string, GoModule | null>();
  /** Whether the last scan ran (the setting was on): watched-file events re-lint only then. */
  private active = false;
  /** Finished when the running scan ends (tests and shutdown wait for it). */
  running: Promise<void> = Promise.resolve();

  constructor(parser: Parser, private host: ScanHost) {
    this.trees = new ParsedFileCache(parser);
    this.foreign = new ForeignPackages(this.trees.parse, undefined, (p, text) => this.targets.last?.excluded(p, text) === undefined);
    this.views = new PackageViews(this.trees, undefined, host.open);
  }

  /** Replaces the folders (initialized) or adds and removes some (didChangeWorkspaceFolders); scans again. */
  setFolders(added: readonly string[], removed: readonly string[] = []): void {
    for (const uri of removed) {
      const p = uriToPath(uri);
      if (!p) continue;
      this.folders.delete(p);
      for (const f of [...this.published]) if (this.folderOf(f) === undefined) this.clear(f); // in no remaining folder
    }
    for (const uri of added) {
      const p = uriToPath(uri);
      if (p) this.folders.set(path.resolve(p), uri);
    }
    this.start();
  }

  /** Starts a scan of every folder, stopping the one running. */
  start(): void {
    const gen = ++this.generation;
    const previous = this.running;
    this.running = previous.then(() => this.scan(gen)).catch((err) => this.host.log(`workspace scan failed: ${String(err)}`));
  }

  /** Stops the running scan (shutdown); published diagnostics stay. */
  stop(): void {
    this.generation++;
  }

  /**
   * Files changed on disk: a deleted file's diagnostics go, and the closed files of each changed
   * directory are linted again (their package view changed). A go.mod change rescans everything.
   */
  async filesChanged(changes: readonly { path: string; change: 'created' | 'changed' | 'deleted' }[]): Promise<void> {
    if (!this.active) return;
    if (changes.some((c) => path.basename(c.path) === 'go.mod')) {
      this.modules.clear();
      this.start();
      return;
    }
    const dirs = new Set<string>();
    for (const c of changes) {
      const p = path.resolve(c.path);
      if (!isGoFileName(path.basename(p))) continue;
      if (c.change === 'deleted' && this.published.has(p)) this.clear(p);
      if (this.folderOf(p) !== undefined) dirs.add(path.dirname(p));
    }
    for (const dir of dirs) {
      this.views.forgetDir(dir);
      let files: string[] = [];
      try { files = discoverFiles([dir], dir); } catch { /* the directory is gone */ }
      for (const gone of [...this.published]) if (path.dirname(gone) === dir && !files.includes(gone)) this.clear(gone);
      for (const f of files) {
        await this.lintFile(f);
        await yieldTurn();
      }
      this.views.forgetDir(dir);
    }
  }

  /** A document closed: the disk's version is what the Problems view shows for it now. */
  async closed(uri: string): Promise<void> {
    const p = uriToPath(uri);
    if (!this.active || !p || this.folderOf(p) === undefined) return;
    this.views.forgetDir(path.dirname(p));
    await this.lintFile(path.resolve(p));
    this.views.forgetDir(path.dirname(p));
  }

  private folderOf(file: string): string | undefined {
    for (const folder of this.folders.keys()) if (inScannedDir(folder, file)) return folder;
    return undefined;
  }

  private clear(file: string): void {
    this.published.delete(file);
    if (this.host.open.text(file) === undefined) this.host.publish(pathToFileURL(file).href, []);
  }

  private async scan(gen: number): Promise<void> {
    if (gen !== this.generation) return;
    const folders = [...this.folders];
    const on = await Promise.all(folders.map(([, uri]) => this.host.settings(uri).then((s) => s.workspaceScan && s.enable)));
    this.active = on.some(Boolean);
    if (!this.active) {
      for (const f of [...this.published]) this.clear(f);
      this.host.log('workspace scan: off (goMapleak.workspaceScan or goMapleak.enable)');
      return;
    }
    const files = folders.filter((_, i) => on[i]).flatMap(([p]) => workspaceFiles(p));
    const progress = await this.host.progress();
    progress.begin('go-mapleak', 0, `0/${files.length} Go files`, true);
    let dir: string | undefined;
    let done = 0;
    try {
      const stopped = () => gen !== this.generation || progress.cancelled;
      for (const [i, file] of files.entries()) {
        await yieldTurn();
        if (stopped()) break;
        if (path.dirname(file) !== dir) {
          if (dir !== undefined) this.views.forgetDir(dir);
          dir = path.dirname(file);
          let j = i;
          while (j < files.length && path.dirname(files[j]) === dir) j++;
          await this.parseAhead(files.slice(i, j), stopped);
          if (stopped()) break;
        }
        const t0 = performance.now();
        await this.lintFile(file);
        const ms = performance.now() - t0;
        // One file holds every request for its whole analysis: name the slow ones.
        if (ms > SLOW_FILE_MS) this.host.log(`workspace scan: ${file} took ${Math.round(ms)} ms`);
        done++;
        // About a hundred reports for a large tree, each file for a small one.
        if (done === files.length || done % Math.max(1, Math.ceil(files.length / 100)) === 0) {
          progress.report(Math.floor((done * 100) / files.length), `${done}/${files.length} Go files`);
        }
      }
    } finally {
      if (dir !== undefined) this.views.forgetDir(dir);
      progress.done();
    }
    this.host.log(`workspace scan: ${done} of ${files.length} Go files linted${done < files.length ? ' (stopped)' : ''}`);
  }

  /**
   * Parses a directory's files one per turn before its first file is linted: that file's package
   * view needs them all, and parsing a large package in one go (the runtime's 580 files, cmd/compile's
   * ssa with its generated rewrite rules) held every request for seconds. The views find the trees
   * in the cache; the scan lints each of these files anyway, so none is parsed for nothing.
   */
  private async parseAhead(files: readonly string[], stopped: () => boolean): Promise<void> {
    for (const f of files) {
      if (this.host.open.text(f) !== undefined) continue; // the document's own tree is used
      const text = await readText(f);
      if (this.host.idle) await deferTo(this.host.idle());
      if (stopped()) return;
      if (text !== undefined) this.trees.get(f, text);
      await yieldTurn();
    }
  }

  /** Lints one closed file from disk and publishes; an open file is the editor's. */
  private async lintFile(file: string): Promise<void> {
    if (this.host.open.text(file) !== undefined) return;
    const folder = this.folderOf(file);
    if (folder === undefined) return;
    const settings = await this.host.settings(this.folders.get(folder)!, file);
    if (!settings.workspaceScan || !analyzes(settings, file, folder)) {
      if (this.published.has(file)) this.clear(file); // excluded, or its config broken, since it was published
      return;
    }
    let diagnostics: Diagnostic[] = [];
    try {
      const text = await readText(file);
      if (text === undefined) {
        if (this.published.has(file)) this.clear(file);
        return;
      }
      // Requests and edits of open documents first (they may have begun while the file was read).
      if (this.host.idle) await deferTo(this.host.idle());
      if (this.host.open.text(file) !== undefined) return; // opened meanwhile: the editor's
      if (text.length >= BIG_DOCUMENT_CHARS && this.host.analyzeBig) {
        // A big file would hold up every request for as long as its analysis: the worker's, as an open big document.
        const result = await this.host.analyzeBig(file, text, settings);
        if (!result || this.host.open.text(file) !== undefined) return;
        if (result.skipped) this.host.log(`workspace scan: ${file}: ${result.skipped}`);
        diagnostics = diagnosticsOf(result.findings, settings, this.host.docsDir).map((d) => d.diagnostic);
        this.show(file, diagnostics);
        return;
      }
      const targets = this.targets.for(settings.build);
      this.views.targets = targets;
      const ctx = contextFor(file, text, this.views, { goVersion: settings.goVersion, modules: this.modules, tests: settings.tests, steadyEntries: settings.steadyEntries, foreign: this.foreign, targets });
      const parsed = this.trees.get(file, text);
      const rules = RULES.filter((r) => !ruleOff(settings, r.name));
      const result = analyzeFile(parsed, ctx, rules);
      // Not analyzed (nested too deep): said in the log, else its lack of diagnostics looks like a clean file.
      if (result.skipped) this.host.log(`workspace scan: ${file}: ${result.skipped}`);
      diagnostics = diagnosticsOf(result.findings, settings, this.host.docsDir).map((d) => d.diagnostic);
    } catch (err) {
      this.host.log(`workspace scan: ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.show(file, diagnostics);
  }

  private show(file: string, diagnostics: Diagnostic[]): void {
    // It may have been opened while this ran: then the buffer's diagnostics stand.
    if (this.host.open.text(file) !== undefined) return;
    if (!diagnostics.length && !this.published.has(file)) return; // nothing shown, nothing to clear
    if (diagnostics.length) this.published.add(file);
    else this.published.delete(file);
    this.host.publish(pathToFileURL(file).href, diagnostics);
  }
}

async function readText(file: string): Promise<string | undefined> {
  try { return await readFile(file, 'utf8'); } catch { return undefined; }
}

/** The open documents as package views see them (by absolute path). */
export function openBuffers(store: DocumentStore): OpenBuffers {
  const byPath = () => {
    const out = new Map<string, string>();
    for (const d of store.all()) {
      const p = uriToPath(d.uri);
      if (p) out.set(path.resolve(p), d.text.getText());
    }
    return out;
  };
  return {
    text: (p) => byPath().get(path.resolve(p)),
    pathsIn: (dir) => [...byPath().keys()].filter((p) => path.dirname(p) === path.resolve(dir)),
  };
}

/** The scan's host over the server's connection. */
export function connectionHost(connection: Connection, store: DocumentStore, settings: SettingsSource, docsDir: string, idle?: () => Promise<void>, big?: BigDocuments): ScanHost {
  const none: ScanProgress = { begin() {}, report() {}, done() {}, cancelled: false };
  return {
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
    async progress() {
      // Without the client's window.workDoneProgress this is a reporter that sends nothing.
      const r = await connection.window.createWorkDoneProgress().catch(() => undefined);
      if (!r) return none;
      return {
        begin: (title, percentage, message, cancellable) => r.begin(title, percentage, message, cancellable),
        report: (percentage, message) => r.report(percentage, message),
        done: () => r.done(),
        get cancelled() { return r.token.isCancellationRequested; },
      };
    },
    settings: (uri, file) => (file ? settings.forFile(uri, file) : settings.get(uri)),
    open: openBuffers(store),
    docsDir,
    log: (m) => connection.console.info(m),
    idle,
    ...(big ? { analyzeBig: (file: string, text: string, s: Settings) => big.analyzeClosed(file, text, s) } : {}),
  };
}
