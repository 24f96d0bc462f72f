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

/** special: a FIFO, device or socket (reading one blocks or never ends); too-large: over MAX_SOURCE_BYTES. */
export type SkipKind = 'unreadable' | 'binary' | 'encoding' | 'special' | 'too-large';

/**
 * The largest Go file read (16 MiB): the largest generated files of real modules are a few MB, and
 * a file past this is not source anyone reviews. A bigger one is skipped and said so.
 */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export class SourceReadError extends Error {
  constructor(readonly kind: 'unreadable' | 'special' | 'too-large', message: string) { super(message); }
}

/**
 * A regular file's bytes, at most `max` of them. Opened non-blocking and checked on the open
 * descriptor, so a FIFO, a device (a symlink to /dev/zero) or a file swapped for one is never read.
 */
export function readRegularFile(file: string, max = MAX_SOURCE_BYTES): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new SourceReadError('unreadable', `cannot read: ${e.code === 'ENOENT' ? 'no such file (dangling symlink?)' : e.message}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new SourceReadError('special', `not a regular file (${st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'a directory'}): not read`);
    if (st.size > max) throw new SourceReadError('too-large', `${st.size} bytes, over the ${max / 1024 / 1024} MiB limit for a Go file: not read`);
    return fs.readFileSync(fd);
  } catch (err) {
    if (err instanceof SourceReadError) throw err;
    throw new SourceReadError('unreadable', `cannot read: ${(err as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** A Go file's text for the package views and imported packages: a regular file within the limit, else an error. */
export function readGoText(file: string): string {
  return readRegularFile(file).toString('utf8');
}

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
  try { bytes = readRegularFile(file); } catch (err) {
    const e = err as SourceReadError;
    return { ok: false, kind: e.kind, message: e.message };
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
