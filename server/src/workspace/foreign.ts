// Declarations of other packages, read from disk when the analysis asks for one name: is
// `pkg.Name` a constant, a type with a basic underlying type, or something else? The package's
// directory comes from workspace/imports.ts (GOROOT, the module, the module cache; never the
// network). Only the files that build for the target and mention the name are parsed, the answer
// is kept as plain data, and the trees are deleted at once: the analysis holds no tree of another
// package. Shared by the CLI and the server.
import * as fs from 'fs';
import { readGoText } from './source';
import * as path from 'path';
import type { ForeignDecl, ParsedFile } from '../analysis/types';
import { PackageIndex } from '../analysis/syntax/scope';
import { TypeResolver } from '../analysis/syntax/resolve';
import { underlying } from '../analysis/syntax/gotypes';
import type { Tree } from '../parse/parser';
import { goEnv, ImportLocator } from './imports';
import { isGoFileName, isTestFileName } from './package';

/** Packages whose file lists are kept, and answers kept (both bounded: a long server session). */
const DIRS_KEPT = 64;
const ANSWERS_KEPT = 4096;
/** A file larger than this is not parsed for a lookup (generated tables): the answer stays unknown. */
const MAX_FILE_CHARS = 2_000_000;

interface Source { path: string; text: string }

export class ForeignPackages {
  private dirs = new Map<string, Source[] | null>();
  private answers = new Map<string, ForeignDecl | null>();

  /**
   * @param inBuild whether a file of another package builds for the target (workspace/target.ts);
   * every non-test file when absent.
   */
  constructor(
    /** Parses a text into a tree the caller deletes (ParsedFileCache.parse). */
    private parse: (text: string) => Tree,
    private locator = new ImportLocator(goEnv()),
    private inBuild: (filePath: string, text: string) => boolean = () => true,
    private read: (p: string) => string = readGoText,
  ) {}

  /** `name` of the package `importPath` imported from a file in `fromDir`; undefined when it cannot be read. */
  lookup(fromDir: string, importPath: string, name: string): ForeignDecl | undefined {
    const loc = this.locator.locate(fromDir, importPath);
    if (!loc) return undefined;
    const key = `${loc.dir}\u0000${name}`;
    if (this.answers.has(key)) return this.answers.get(key) ?? undefined;
    const sources = this.sources(loc.dir);
    const answer = sources ? this.answer(sources, name) : undefined;
    if (this.answers.size >= ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer ?? null);
    return answer;
  }

  private sources(dir: string): Source[] | undefined {
    if (this.dirs.has(dir)) {
      const hit = this.dirs.get(dir)!;
      this.dirs.delete(dir); // most recently used last
      this.dirs.set(dir, hit);
      return hit ?? undefined;
    }
    let list: Source[] | null = null;
    try {
      list = [];
      for (const n of fs.readdirSync(dir)) {
        if (!isGoFileName(n) || isTestFileName(n)) continue;
        const p = path.join(dir, n);
        let text: string;
        try { text = this.read(p); } catch { continue; }
        if (this.inBuild(p, text)) list.push({ path: p, text });
      }
    } catch {
      list = null;
    }
    if (this.dirs.size >= DIRS_KEPT) this.dirs.delete(this.dirs.keys().next().value!);
    this.dirs.set(dir, list);
    return list ?? undefined;
  }

  /** Parses the files that mention the name, answers, and deletes the trees. */
  private answer(sources: readonly Source[], name: string): ForeignDecl {
    const word = new RegExp(`\\b${name.replace(/[^\w]/g, '')}\\b`);
    const parsed: ParsedFile[] = sources.filter((s) => s.text.length <= MAX_FILE_CHARS && word.test(s.text))
      .map((s) => ({ path: s.path, text: s.text, tree: this.parse(s.text) }));
    try {
      if (!parsed.length) return { kind: 'none' };
      const index = new PackageIndex(parsed[0], parsed.slice(1));
      const d = index.packageDecl(name);
      if (!d || (d.kind !== 'const' && d.kind !== 'var' && d.kind !== 'type' && d.kind !== 'func')) return { kind: 'none' };
      if (d.kind !== 'type' || !d.typeNode) return { kind: d.kind };
      // Its underlying type, when the files read hold it (`type Kind int`); else not known.
      const t = underlying(new TypeResolver(index).typeOf(d.typeNode));
      return t.kind === 'unknown' ? { kind: 'type' } : { kind: 'type', basic: t.kind === 'basic' };
    } finally {
      for (const f of parsed) f.tree.delete();
    }
  }
}
