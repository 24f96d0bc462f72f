// Parsed files keyed by path, reused while their text is unchanged: the one owner of the trees
// of files on disk that package views hand to the analysis (trees are WASM memory and must be
// deleted). Open documents own their trees (lsp/documents.ts); the views use those directly.
import * as path from 'path';
import type { ParsedFile } from '../analysis/types';
import { parseGo, type Parser } from '../parse/parser';

// Paths from the views are already absolute and normalized; resolving each again on every
// analysis showed up in profiles of large packages (the Go runtime's 346 files).
function keyOf(filePath: string): string {
  return path.isAbsolute(filePath) ? filePath : path.resolve(filePath);
}

export class ParsedFileCache {
  private files = new Map<string, ParsedFile>();
  /** The text length of the files held: trees take memory in proportion (the server's tree budget). */
  private held = 0;
  constructor(private parser: Parser) {}

  get(filePath: string, text: string): ParsedFile {
    const key = keyOf(filePath);
    const hit = this.files.get(key);
    if (hit && hit.text === text) return hit;
    if (hit) this.drop(hit);
    const file = { path: filePath, text, tree: parseGo(this.parser, text) };
    this.files.set(key, file);
    this.held += text.length;
    return file;
  }

  /** Deletes the file's tree; returns the length of the text it was parsed from (0: none held). */
  forget(filePath: string): number {
    const key = keyOf(filePath);
    const hit = this.files.get(key);
    if (!hit) return 0;
    this.files.delete(key);
    this.drop(hit);
    return hit.text.length;
  }

  /** The total length of the texts whose trees are held. */
  get chars(): number { return this.held; }

  private drop(file: ParsedFile): void {
    file.tree.delete();
    this.held -= file.text.length;
  }

  /** How many trees are held (tests check that forgetting a directory frees them). */
  get size(): number { return this.files.size; }

  /** Whether a tree of this path is held (tests check that an open file has no second tree). */
  has(filePath: string): boolean { return this.files.has(keyOf(filePath)); }
}
