// Building the AnalysisContext of a file on disk or in an editor: its module's Go version and
// the parsed sibling files of its package. Shared by the server and the CLI.
import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisContext, ParsedFile } from '../analysis/types';
import type { GoVersion } from '../analysis/goversion';
import { parseGo, type Parser } from '../parse/parser';
import { findModule, type GoModule } from './module';
import { packageName, siblingFiles } from './package';

/** Parsed files keyed by path, reused while their text is unchanged. */
export class ParsedFileCache {
  private files = new Map<string, ParsedFile>();
  constructor(private parser: Parser) {}

  get(filePath: string, text: string): ParsedFile {
    const key = path.resolve(filePath);
    const hit = this.files.get(key);
    if (hit && hit.text === text) return hit;
    hit?.tree.delete();
    const file = { path: filePath, text, tree: parseGo(this.parser, text) };
    this.files.set(key, file);
    return file;
  }

  /** Stores a file parsed elsewhere (the server's incremental parse of an open document). */
  set(file: ParsedFile): void {
    const key = path.resolve(file.path);
    const old = this.files.get(key);
    if (old && old.tree !== file.tree) old.tree.delete();
    this.files.set(key, file);
  }

  forget(filePath: string): void {
    const key = path.resolve(filePath);
    this.files.get(key)?.tree.delete();
    this.files.delete(key);
  }
}

export interface ContextOptions {
  /** An explicit version (CLI flag or editor setting) wins over go.mod. */
  goVersion?: GoVersion;
  /** Reads a file's current text: the editor's buffer for open documents, else the disk. */
  read?: (p: string) => string;
  modules?: Map<string, GoModule | null>;
}

export function contextFor(filePath: string, text: string, cache: ParsedFileCache, opts: ContextOptions = {}): AnalysisContext {
  const dir = path.dirname(path.resolve(filePath));
  const mod = findModule(dir, opts.modules);
  const goVersion = opts.goVersion ?? mod?.goVersion;
  // The toolchain line names the release that builds the module, hence the runtime the numbers describe.
  const runtimeVersion = opts.goVersion ?? mod?.toolchain ?? mod?.goVersion;
  const read = opts.read ?? ((p: string) => fs.readFileSync(p, 'utf8'));
  const packageFiles = siblingFiles(filePath, packageName(text), read).map((f) => cache.get(f.path, f.text));
  return { goVersion, runtimeVersion, packageFiles };
}
