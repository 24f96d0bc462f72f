// Open documents: their text (LSP incremental sync) and a tree-sitter tree kept in step
// with it. Each content change becomes a tree.edit(); the re-parse with the edited old tree
// happens lazily, once per burst of keystrokes, when someone asks for the tree.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { parseGo, type Parser, type Tree } from '../parse/parser';

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

  constructor(public text: TextDocument, private parser: Parser) {}

  get uri(): string { return this.text.uri; }
  get version(): number { return this.text.version; }
  get languageId(): string { return this.text.languageId; }

  /** Applies LSP content changes in order, editing the tree to match each one. */
  applyChanges(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      const before = this.text.getText();
      if ('range' in change) {
        // offsetAt clamps out-of-range positions to the document, so the edit is always valid.
        // A reversed range is taken as its swap, as TextDocument.update does.
        const a = this.text.offsetAt(change.range.start);
        const b = this.text.offsetAt(change.range.end);
        const startIndex = Math.min(a, b);
        const oldEndIndex = Math.max(a, b);
        const startPosition = pointAt(before, startIndex);
        this.tree?.edit({
          startIndex,
          oldEndIndex,
          newEndIndex: startIndex + change.text.length,
          startPosition,
          oldEndPosition: pointAt(before, oldEndIndex),
          newEndPosition: pointAfter(startPosition, change.text),
        });
      } else {
        // A full-text change: no edit describes it, start over.
        this.tree?.delete();
        this.tree = undefined;
      }
      TextDocument.update(this.text, [change], version);
    }
    this.stale = true;
  }

  /** The tree for the current text, re-parsed incrementally from the edited old tree if needed. */
  parsed(): Tree {
    if (!this.stale && this.tree) return this.tree;
    const old = this.tree;
    this.tree = parseGo(this.parser, this.text.getText(), old);
    this.stale = false;
    old?.delete();
    return this.tree;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}

export class DocumentStore {
  private docs = new Map<string, OpenDocument>();
  constructor(private parser: Parser) {}

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.docs.get(uri)?.dispose();
    const doc = new OpenDocument(TextDocument.create(uri, languageId, version, text), this.parser);
    this.docs.set(uri, doc);
    return doc;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const doc = this.docs.get(uri);
    doc?.applyChanges(changes, version);
    return doc;
  }

  close(uri: string): void {
    this.docs.get(uri)?.dispose();
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined { return this.docs.get(uri); }
  all(): OpenDocument[] { return [...this.docs.values()]; }
}
