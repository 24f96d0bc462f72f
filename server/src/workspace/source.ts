// Reading Go source files once each, and deciding which ones cannot be analyzed:
// unreadable files are I/O errors; binary (NUL byte) or non-UTF-8 files are skipped.
import * as fs from 'fs';
import { resolvedPath } from './trees';

export interface SourceText {
  ok: true;
  text: string;
  /** The file starts with a UTF-8 byte order mark, which the text does not hold. */
  bom: boolean;
}

export type SkipKind = 'unreadable' | 'binary' | 'encoding';

export interface SourceSkip {
  ok: false;
  kind: SkipKind;
  message: string;
}

export type Source = SourceText | SourceSkip;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BOM = [0xef, 0xbb, 0xbf];

export function decodeSource(bytes: Uint8Array): Source {
  if (bytes.includes(0)) return { ok: false, kind: 'binary', message: 'binary file (contains a NUL byte)' };
  let text: string;
  try { text = utf8.decode(bytes); } catch { return { ok: false, kind: 'encoding', message: 'not valid UTF-8' }; }
  // TextDecoder drops a leading BOM; remember it so columns and --fix stay byte-exact.
  const bom = BOM.every((b, i) => bytes[i] === b);
  return { ok: true, text, bom };
}

export function readSource(file: string): Source {
  let bytes: Buffer;
  try { bytes = fs.readFileSync(file); } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { ok: false, kind: 'unreadable', message: `cannot read: ${e.code === 'ENOENT' ? 'no such file (dangling symlink?)' : e.message}` };
  }
  return decodeSource(bytes);
}

/**
 * Sources read at most once while their package is being analyzed: the files named on the
 * command line and their package siblings (read by contextFor) share one read.
 */
export class SourceCache {
  private sources = new Map<string, Source>();

  get(file: string): Source {
    const key = resolvedPath(file);
    let s = this.sources.get(key);
    if (!s) { s = readSource(key); this.sources.set(key, s); }
    return s;
  }

  /** A reader for contextFor: throws for files that cannot be analyzed, so they are left out. */
  readonly readText = (file: string): string => {
    const s = this.get(file);
    if (!s.ok) throw new Error(s.message);
    return s.text;
  };

  /** Replaces a file's text after --fix wrote it, so its siblings see the new text. */
  set(file: string, source: Source): void { this.sources.set(resolvedPath(file), source); }

  clear(): void { this.sources.clear(); }
}
