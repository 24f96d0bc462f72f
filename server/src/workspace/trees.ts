// Parsed files keyed by path, reused while their text is unchanged: the one owner of the trees
// of files on disk that package views hand to the analysis (trees are WASM memory and must be
// deleted). Open documents own their trees (lsp/documents.ts); the views use those directly.
import * as path from 'path';
import type { ParsedFile } from '../analysis/types';
import { parseGo, type Parser, type Tree } from '../parse/parser';

/**
 * `filePath` made absolute, for a key or a lookup by path. Paths from discovery and the views are
 * already absolute and normalized; resolving each again on every analysis showed up in profiles
 * of large packages (the Go runtime's 346 files).
 */
export function resolvedPath(filePath: string): string {
  return path.isAbsolute(filePath) ? filePath : path.resolve(filePath);
}

/**
 * A file on disk whose tree is parsed when first asked for: the rules find their candidates in
 * the text (analysis/syntax/candidates.ts), so a file none of them has, in a package whose
 * resolver no rule needs, is never parsed (most of the Go standard library: issue 6).
 */
class CachedFile implements ParsedFile {
  private parsed: Tree | undefined;
  constructor(readonly path: string, readonly text: string, private parse: (text: string) => Tree) {}

  get tree(): Tree {
    return (this.parsed ??= this.parse(this.text));
  }

  /** Deletes the tree if one was parsed; returns the length of its text (0: none was). */
  release(): number {
    if (!this.parsed) return 0;
    this.parsed.delete();
    this.parsed = undefined;
    return this.text.length;
  }
}

/** The key suffix of a file's declarations-only tree (no path holds a NUL). */
const DECLARATIONS = '\u0000declarations';

export class ParsedFileCache {
  private files = new Map<string, CachedFile>();
  /** The text length of the files whose trees are held: trees take memory in proportion (the server's tree budget). */
  private held = 0;
  constructor(private parser: Parser) {}

  /**
   * The file parsed from `text`. `declarations`: `text` is the file's declarations only
   * (workspace/declarations.ts), held beside the whole file's tree, which the file's own analysis
   * may hold at the same time.
   */
  get(filePath: string, text: string, declarations = false): ParsedFile {
    const key = declarations ? resolvedPath(filePath) + DECLARATIONS : resolvedPath(filePath);
    const hit = this.files.get(key);
    if (hit && hit.text === text) return hit;
    if (hit) this.held -= hit.release();
    const file = new CachedFile(filePath, text, (t) => {
      this.held += t.length;
      return parseGo(this.parser, t);
    });
    this.files.set(key, file);
    return file;
  }

  /** Deletes the file's tree; returns the length of the text it was parsed from (0: none held). */
  forget(filePath: string): number {
    const key = resolvedPath(filePath);
    let freed = 0;
    for (const k of [key, key + DECLARATIONS]) {
      const hit = this.files.get(k);
      if (!hit) continue;
      this.files.delete(k);
      freed += hit.release();
    }
    this.held -= freed;
    return freed;
  }

  /** A tree of `text` that the cache does not keep: the caller deletes it. */
  readonly parse = (text: string): Tree => parseGo(this.parser, text);

  /** The total length of the texts whose trees are held. */
  get chars(): number { return this.held; }

  /** How many files are held, parsed or not (tests check that forgetting a directory frees them). */
  get size(): number { return this.files.size; }

  /** Whether a file of this path is held (tests check that an open file has no second tree). */
  has(filePath: string): boolean { const key = resolvedPath(filePath); return this.files.has(key) || this.files.has(key + DECLARATIONS); }
}
