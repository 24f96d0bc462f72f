// Open documents: their text (LSP incremental sync) and a tree-sitter tree kept in step
// with it. Each content change becomes a tree.edit(); the re-parse with the edited old tree
// happens lazily, once per burst of keystrokes, when someone asks for the tree. The document's
// tree is the only tree of an open file: its own analysis and its package neighbours' views share
// it (parsedFile()), so an open file is parsed once and its per-tree analysis caches exist once.
import * as path from 'path';
import { fileURLToPath } from 'url';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { ParsedFile } from '../analysis/types';
import { parseGo, parseGoRange, type Parser, type Tree } from '../parse/parser';
import type { EditSpan } from './incremental';

/** Content changes kept per document for incremental analysis: more since the last run means a full one. */
const MAX_EDITS_KEPT = 256;

/** The file system path of a file: URI; other schemes (untitled:) have none. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

/** A tree-sitter point: rows split at '\n' only, columns in UTF-16 code units (what web-tree-sitter uses for JS strings). */
export interface Point { row: number; column: number }

export function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The point reached after inserting `inserted` at `start`. */
export function pointAfter(start: Point, inserted: string): Point {
  const lastNl = inserted.lastIndexOf('\n');
  if (lastNl === -1) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNl - 1 };
}

export class OpenDocument {
  private tree: Tree | undefined;
  /** True when the tree has been edited but not re-parsed. */
  private stale = true;
  /** parsedFile()'s answer for the current tree: one object, so caches keyed by file hit. */
  private file: ParsedFile | undefined;
  /** The file system path (file: URIs), resolved once: package views look documents up by path. */
  readonly path: string | undefined;

  constructor(public text: TextDocument, private parser: Parser) {
    const p = uriToPath(text.uri);
    this.path = p === undefined ? undefined : path.resolve(p);
  }

  get uri(): string { return this.text.uri; }
  get version(): number { return this.text.version; }
  get languageId(): string { return this.text.languageId; }

  /** Content changes not yet sent to the big-document worker, while it mirrors this document (lsp/bigdocs.ts). */
  private remoteEdits: { version: number; changes: TextDocumentContentChangeEvent[] }[] | undefined;

  /** Starts (or stops) recording content changes for the big-document worker. */
  mirror(on: boolean): void {
    this.remoteEdits = on ? [] : undefined;
  }

  /** The content changes since the last call, while mirrored. */
  takeRemoteEdits(): { version: number; changes: TextDocumentContentChangeEvent[] }[] {
    const e = this.remoteEdits ?? [];
    if (this.remoteEdits) this.remoteEdits = [];
    return e;
  }

  /** Applies LSP content changes in order, editing the tree to match each one. */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    this.remoteEdits?.push({ version, changes: [...changes] });
    for (const change of changes) {
      const before = this.text.getText();
      if ('range' in change) {
        // offsetAt clamps out-of-range positions to the document, so the edit is always valid.
        // A reversed range is taken as its swap, as TextDocument.update does.
        const a = this.text.offsetAt(change.range.start);
        const b = this.text.offsetAt(change.range.end);
        const startIndex = Math.min(a, b);
        const oldEndIndex = Math.max(a, b);
        this.log({ version, start: startIndex, oldEnd: oldEndIndex, newEnd: startIndex + change.text.length });
        if (this.tree) {
          // Points cost a scan of the text up to them: only a tree needs them.
          const startPosition = pointAt(before, startIndex);
          this.tree.edit({
            startIndex,
            oldEndIndex,
            newEndIndex: startIndex + change.text.length,
            startPosition,
            oldEndPosition: pointAt(before, oldEndIndex),
            newEndPosition: pointAfter(startPosition, change.text),
          });
        }
      } else {
        // A full-text change: no edit describes it, start over.
        this.log({ version, start: 0, oldEnd: before.length, newEnd: change.text.length, full: true });
        this.tree?.delete();
        this.tree = undefined;
      }
      TextDocument.update(this.text, [change], version);
    }
    this.stale = true;
  }

  /** The content changes received, newest last, with the version each came with (lsp/incremental.ts reads them). */
  private edits: (EditSpan & { version: number; full?: boolean })[] = [];

  private log(e: EditSpan & { version: number; full?: boolean }): void {
    this.edits.push(e);
    if (this.edits.length > MAX_EDITS_KEPT) this.edits.splice(0, this.edits.length - MAX_EDITS_KEPT);
  }

  /**
   * The changes from the text of `version` to the current one, in order; undefined when not known
   * (a full-text change, or older than the log keeps).
   */
  editsSince(version: number): EditSpan[] | undefined {
    const i = this.edits.findIndex((e) => e.version > version);
    if (i < 0) return version === this.version ? [] : undefined;
    // The log must reach back to the first change after `version`.
    if (i === 0 && this.edits.length === MAX_EDITS_KEPT) return undefined;
    const after = this.edits.slice(i);
    return after.some((e) => e.full) ? undefined : after.map(({ start, oldEnd, newEnd }) => ({ start, oldEnd, newEnd }));
  }

  /** The tree for the current text, re-parsed incrementally from the edited old tree if needed. */
  parsed(): Tree {
    if (!this.stale && this.tree) return this.tree;
    const old = this.tree;
    this.tree = parseGo(this.parser, this.text.getText(), old);
    this.stale = false;
    this.file = undefined;
    old?.delete();
    return this.tree;
  }

  /**
   * The current text's [start, end) parsed alone, with tree-sitter's included ranges (so node
   * positions are the document's): a new tree, which the caller deletes. The document's own tree
   * is left as it was.
   */
  parseRange(start: number, end: number): Tree {
    const text = this.text.getText();
    const startPosition = pointAt(text, start);
    return parseGoRange(this.parser, text, start, end, startPosition, pointAfter(startPosition, text.slice(start, end)));
  }

  /**
   * The current text and tree as one ParsedFile, the same object until the next re-parse: the
   * analysis of this document and the package views of its neighbours use it. The tree stays
   * the document's: nobody else deletes it.
   */
  parsedFile(): ParsedFile {
    const tree = this.parsed(); // a re-parse clears this.file
    this.file ??= { path: this.path ?? this.uri, text: this.text.getText(), tree };
    return this.file;
  }

  /** Whether a tree is held (parsed and not released). */
  get hasTree(): boolean { return this.tree !== undefined; }

  /**
   * Deletes the tree to free its memory; the next parsed() parses the whole text again. Returns
   * the length of the text (0 when no tree was held). Whoever holds the old tree or parsedFile()
   * must drop it.
   */
  releaseTree(): number {
    if (!this.tree) return 0;
    this.dispose();
    this.stale = true;
    return this.text.getText().length;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.file = undefined;
  }
}

export class DocumentStore {
  private docs = new Map<string, OpenDocument>();
  /** Documents by directory and path: package views ask for them on every analysis, ten per file. */
  private dirs = new Map<string, Map<string, OpenDocument>>();
  constructor(private parser: Parser) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const doc = new OpenDocument(TextDocument.create(uri, languageId, version, text), this.parser);
    this.docs.set(uri, doc);
    if (doc.path !== undefined) {
      const dir = path.dirname(doc.path);
      let byPath = this.dirs.get(dir);
      if (!byPath) this.dirs.set(dir, (byPath = new Map()));
      byPath.set(doc.path, doc);
    }
    return doc;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    doc?.applyChanges(changes, version);
    return doc;
  }

  close(uri: string): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    doc.dispose();
    this.docs.delete(uri);
    if (doc.path === undefined) return;
    const dir = path.dirname(doc.path);
    const byPath = this.dirs.get(dir);
    // Two URIs can name one path (percent-encoding): only this document's entry goes.
    if (byPath?.get(doc.path) === doc) byPath.delete(doc.path);
    if (byPath?.size === 0) this.dirs.delete(dir);
  }

  get(uri: string): OpenDocument | undefined { return this.docs.get(uri); }
  all(): OpenDocument[] { return [...this.docs.values()]; }

  /** The open document of an absolute, resolved file path. */
  byPath(filePath: string): OpenDocument | undefined {
    return this.dirs.get(path.dirname(filePath))?.get(filePath);
  }

  /** The open documents of a directory (absolute, resolved), by path. */
  inDir(dir: string): OpenDocument[] {
    return [...(this.dirs.get(dir)?.values() ?? [])];
  }
}
