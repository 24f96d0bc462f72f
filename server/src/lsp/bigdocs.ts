// Big documents are analyzed in a worker thread (issue 16: a 5 MB file held the server for seconds,
// and a hover on any other document waited the whole time). A document of BIG_DOCUMENT_CHARS or
// more lives a second life in the worker (lsp/docworker.ts, run by the server's own bundle: server-entry.ts): its
// text and content changes are forwarded, and the worker keeps its tree, its incremental state
// (lsp/incremental.ts) and its package view (its open neighbours' texts are sent along), runs its
// analysis and answers the map hover and the panel's mapAt from its run. The main thread keeps the
// findings only, so requests on other documents are answered while the worker works.
// Memory: the worker is started for the first big document and ended when the last one closes:
// its V8 heap and its WebAssembly memory (tree-sitter's, which never shrinks while it lives) go
// with it, so repeated open/close cycles of a big file do not add up.
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { EscapeRecord, Finding, Position } from '../analysis/types';
import type { Settings } from '../config/settings';
import type { FileChange } from '../workspace/packages';
import type { MapHoverPart } from './hover';
import type { PanelMap } from '../protocol/panel';

/**
 * Documents of at least this many characters are analyzed in the worker: about 100 KB of Go
 * takes 0.2–0.5 s to analyze (docs/performance.md), which a hover on another file would wait.
 */
export const BIG_DOCUMENT_CHARS = 128 * 1024;

/** An object sent by reference: its value only the first time, so the worker keeps one object per id (Analyzer compares settings by identity). */
export interface Ref<T> { id: number; value?: T }

/**
 * A finding of a run as sent: `f` when the main thread does not have it, else only its id. Findings
 * an edit left alone are the same objects from run to run (lsp/incremental.ts), and so stay the same
 * objects here: diagnostics are made (lsp/diagnostics.ts) and encoded (lsp/encoder.ts) once per finding.
 */
export interface SentFinding { id: number; f?: Finding }

/** What the worker's run found: the plain-data part of an lsp/analyzer.ts Analysis. */
export interface RemoteResult<F = Finding> {
  version: number;
  findings: F[];
  compilerCandidates: number;
  compilerCandidateStarts: Position[];
  clean: boolean;
  how: 'comment' | 'function' | 'full';
  skipped?: string;
  failures?: { rule: string; message: string }[];
}

/** An open document of the big document's directory, as the worker should see it (text when it has not got that version). */
export interface Neighbour { uri: string; version: number; text?: string }

export type ToWorker =
  | { kind: 'open'; uri: string; languageId: string; version: number; text: string }
  | { kind: 'change'; uri: string; edits: { version: number; changes: TextDocumentContentChangeEvent[] }[] }
  | { kind: 'close'; uri: string }
  | { kind: 'files'; changes: { path: string; change: FileChange }[] }
  | { kind: 'rescan'; uri: string }
  | { kind: 'analyze'; id: number; uri: string; version: number; settings: Ref<Settings>; escapes?: Ref<readonly EscapeRecord[]>; neighbours: Neighbour[] }
  | { kind: 'hover'; id: number; uri: string; settings: Ref<Settings>; escapes?: Ref<readonly EscapeRecord[]>; position: Position }
  | { kind: 'mapAt'; id: number; uri: string; settings: Ref<Settings>; escapes?: Ref<readonly EscapeRecord[]>; position: Position; shown: Finding[] };

export type FromWorker = { id: number; result?: unknown; error?: string };

/** workerData.role of the big-document worker: dist/server.js runs lsp/docworker.ts when started with it (server-entry.ts). */
export const DOC_WORKER_ROLE = 'go-mapleak-bigdocs';

let workerEntry: string | undefined;
/** The bundle that runs as the worker (dist/server.js itself); unset when running from the sources. */
export function setDocWorkerEntry(file: string): void { workerEntry = file; }
export function docWorkerEntry(): string | undefined { return workerEntry; }

/** What the main thread needs of an open document to mirror it in the worker. */
export interface MirroredDocument {
  uri: string;
  version: number;
  languageId: string;
  text: { getText(): string };
  /** The content changes since the last take (recorded while the document is mirrored). */
  takeRemoteEdits(): { version: number; changes: TextDocumentContentChangeEvent[] }[];
  /** Starts or stops recording content changes for the worker. */
  mirror(on: boolean): void;
}

export class BigDocuments {
  private worker: Worker | undefined;
  /** The mirrored documents (open in the worker). */
  private docs = new Set<string>();
  /** Per mirrored document, the versions of its neighbours the worker has. */
  private neighbourVersions = new Map<string, Map<string, number>>();
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; decode?: (v: unknown) => unknown }>();
  /** Per mirrored document, the findings of the worker's last run by id (SentFinding). */
  private findings = new Map<string, Map<number, Finding>>();
  private nextId = 1;
  /** Ids of objects sent by reference, and which of them this worker has. */
  private ids = new WeakMap<object, number>();
  private sent = new Set<number>();

  constructor(private entry: string, private onError: (message: string) => void = () => undefined) {}

  /** Whether the document is open in the worker. */
  has(uri: string): boolean { return this.docs.has(uri); }

  /** Whether the worker thread is running (tests). */
  get running(): boolean { return this.worker !== undefined; }

  /** The worker's analysis of the document's current version; undefined when it closed or the worker ended meanwhile. */
  async analyze(doc: MirroredDocument, settings: Settings, escapes: readonly EscapeRecord[] | undefined, neighbours: { uri: string; version: number; text: { getText(): string } }[]): Promise<RemoteResult | undefined> {
    this.sync(doc);
    const known = this.neighbourVersions.get(doc.uri)!;
    const list: Neighbour[] = neighbours.filter((n) => !this.docs.has(n.uri)).map((n) => known.get(n.uri) === n.version ? { uri: n.uri, version: n.version } : { uri: n.uri, version: n.version, text: n.text.getText() });
    known.clear();
    for (const n of list) known.set(n.uri, n.version);
    const uri = doc.uri;
    // Decoded as the answer arrives (answers come in order): the ids refer to the previous answer's findings.
    const decode = (v: unknown): RemoteResult => {
      const r = v as RemoteResult<SentFinding>;
      const had = this.findings.get(uri) ?? new Map<number, Finding>();
      const now = new Map<number, Finding>();
      const findings = r.findings.map((s) => {
        const f = s.f ?? had.get(s.id);
        if (!f) throw new Error(`the big-document worker referred to finding ${s.id}, which it never sent`);
        now.set(s.id, f);
        return f;
      });
      if (this.docs.has(uri)) this.findings.set(uri, now);
      return { ...r, findings };
    };
    return this.request({ kind: 'analyze', id: 0, uri, version: doc.version, settings: this.ref(workerSettings(settings)), escapes: escapes && this.ref(escapes), neighbours: list }, decode) as Promise<RemoteResult | undefined>;
  }

  /**
   * A closed file's analysis in the worker (the workspace scan's big files): opened under its own
   * URI (a fragment, so an editor opening the file meanwhile is another document), analyzed, closed.
   */
  async analyzeClosed(file: string, text: string, settings: Settings): Promise<RemoteResult | undefined> {
    const doc: MirroredDocument = {
      uri: `${pathToFileURL(file).href}#go-mapleak-scan`, version: 0, languageId: 'go', text: { getText: () => text },
      takeRemoteEdits: () => [], mirror: () => undefined,
    };
    try {
      return await this.analyze(doc, settings, undefined, []);
    } finally {
      this.close(doc);
    }
  }

  /** The map hover at `position`, from the worker's run of the document's current version. */
  mapHover(doc: MirroredDocument, settings: Settings, escapes: readonly EscapeRecord[] | undefined, position: Position): Promise<MapHoverPart | undefined> {
    this.sync(doc);
    return this.request({ kind: 'hover', id: 0, uri: doc.uri, settings: this.ref(workerSettings(settings)), escapes: escapes && this.ref(escapes), position }) as Promise<MapHoverPart | undefined>;
  }

  /** The panel's map at `position` (lsp/panel.ts panelMapAt), from the worker's run. */
  async mapAt(doc: MirroredDocument, settings: Settings, escapes: readonly EscapeRecord[] | undefined, position: Position, shown: readonly Finding[]): Promise<PanelMap | null> {
    this.sync(doc);
    return (await this.request({ kind: 'mapAt', id: 0, uri: doc.uri, settings: this.ref(workerSettings(settings)), escapes: escapes && this.ref(escapes), position, shown: [...shown] }) as PanelMap | null | undefined) ?? null;
  }

  /** The document closed or became small: the worker forgets it, and ends when it holds no document. */
  close(doc: { uri: string; mirror?(on: boolean): void }): void {
    if (!this.docs.delete(doc.uri)) return;
    doc.mirror?.(false);
    this.neighbourVersions.delete(doc.uri);
    this.findings.delete(doc.uri);
    if (this.docs.size === 0) this.stop();
    else this.post({ kind: 'close', uri: doc.uri });
  }

  /** Files changed on disk: the worker's package views follow. */
  filesChanged(changes: { path: string; change: FileChange }[]): void {
    if (this.worker && changes.length) this.post({ kind: 'files', changes });
  }

  /** A directory is listed again (no watched-file events). */
  rescan(uri: string): void {
    if (this.worker) this.post({ kind: 'rescan', uri });
  }

  /** Ends the worker: everything it held is freed; pending requests answer undefined. */
  stop(): void {
    const w = this.worker;
    this.reset();
    void w?.terminate();
  }

  /** Opens the document in the worker, or sends the content changes it has not seen. */
  private sync(doc: MirroredDocument): void {
    this.start();
    if (!this.docs.has(doc.uri)) {
      doc.mirror(true);
      doc.takeRemoteEdits();
      this.docs.add(doc.uri);
      this.neighbourVersions.set(doc.uri, new Map());
      this.post({ kind: 'open', uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.text.getText() });
      return;
    }
    const edits = doc.takeRemoteEdits();
    if (edits.length) this.post({ kind: 'change', uri: doc.uri, edits });
  }

  private start(): void {
    if (this.worker) return;
    const w = new Worker(this.entry, { workerData: { role: DOC_WORKER_ROLE } });
    this.worker = w;
    w.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) return p.reject(new Error(m.error));
      try { p.resolve(p.decode ? p.decode(m.result) : m.result); } catch (err) { p.reject(err as Error); }
    });
    const ended = (why: string) => {
      if (this.worker !== w) return; // stopped on purpose
      this.onError(`the big-document worker ${why}; it is started again for the next analysis`);
      this.reset();
    };
    w.on('error', (err) => ended(`failed: ${err.stack ?? err.message}`));
    w.on('exit', (code) => ended(`exited with code ${code}`));
  }

  /** Forgets the worker and what it had: the next request starts a new one and opens its documents again. */
  private reset(): void {
    this.worker = undefined;
    this.docs.clear();
    this.neighbourVersions.clear();
    this.findings.clear();
    this.sent.clear();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.resolve(undefined);
  }

  private request(m: ToWorker & { id: number }, decode?: (v: unknown) => unknown): Promise<unknown> {
    m.id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(m.id, { resolve, reject, decode });
      this.post(m);
    });
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  private ref<T extends object>(value: T): Ref<T> {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.nextId++));
    if (this.sent.has(id)) return { id };
    this.sent.add(id);
    return { id, value };
  }
}

/** The settings without what the analysis does not read and a worker cannot receive intact (an Error subclass). */
const forWorker = new WeakMap<Settings, Settings>();
function workerSettings(s: Settings): Settings {
  let w = forWorker.get(s);
  if (!w) forWorker.set(s, (w = s.configError ? { ...s, configError: undefined } : s));
  return w;
}
