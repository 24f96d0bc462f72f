// Parsed files keyed by path, reused while their text is unchanged: the one owner of the trees
// that package views hand to the analysis (trees are WASM memory and must be deleted).
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
  constructor(private parser: Parser) {}

  get(filePath: string, text: string): ParsedFile {
    const key = keyOf(filePath);
    const hit = this.files.get(key);
    if (hit && hit.text === text) return hit;
    hit?.tree.delete();
    const file = { path: filePath, text, tree: parseGo(this.parser, text) };
    this.files.set(key, file);
    return file;
  }

  /** Stores a file parsed elsewhere (the server's incremental parse of an open document). */
  set(file: ParsedFile): void {
    const key = keyOf(file.path);
    const old = this.files.get(key);
    if (old && old.tree !== file.tree) old.tree.delete();
    this.files.set(key, file);
  }

  forget(filePath: string): void {
    const key = keyOf(filePath);
    this.files.get(key)?.tree.delete();
    this.files.delete(key);
  }

  /** How many trees are held (tests check that forgetting a directory frees them). */
  get size(): number { return this.files.size; }
}
