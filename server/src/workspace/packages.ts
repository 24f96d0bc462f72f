// The package views of the directories being analyzed, kept between analyses. Per directory:
// its .go file names (listed once) and each file's text and view facts (read once), with the
// trees of files on disk in a ParsedFileCache; an open document that has its own tree (the
// server's, OpenBuffers.parsed) is seen through that tree, never parsed a second time. What
// changes them, and nothing else:
//   - open buffers, which win over the disk (asked for on every view, so an edit is seen at once);
//   - fileChanged(): the editor's watched-file events, or the CLI after --fix writes a file;
//   - forgetDir(): the last open document of a directory closed, or the CLI is done with it.
// No directory is listed again per keystroke.
import * as fs from 'fs';
import { readGoText } from './source';
import * as path from 'path';
import type { ParsedFile } from '../analysis/types';
import { factsOf, isGoFileName, viewOf, type FileFacts } from './package';
import type { ParsedFileCache } from './trees';
import type { BuildTargets } from './target';
import { declarationsOf, declarationsOnly, identifiersOf, neededTexts, type Declarations } from './declarations';

/** The editor's open documents, by absolute path. */
export interface OpenBuffers {
  text(filePath: string): string | undefined;
  /** Open documents in dir: a new file may be open before it is on disk. */
  pathsIn(dir: string): string[];
  /**
   * The open document's own parsed file, when it keeps one: views hand out that tree (owned by
   * the document) instead of a copy parsed into the cache.
   */
  parsed?(filePath: string): ParsedFile | undefined;
}

export type FileChange = 'created' | 'changed' | 'deleted';

interface Known {
  text: string;
  facts: FileFacts;
  /** Its declarations, when it is seen by them only (declarations.ts declarationsOnly); false: seen whole; unset: not decided yet. */
  declarations?: Declarations | false;
  /** Whether it builds for `target` (memo of inTarget). */
  included?: boolean;
  target?: BuildTargets;
}

/** A directory's listed files; `undefined` = not read yet, `null` = cannot be read. */
type Listing = Map<string, Known | null | undefined>;

export class PackageViews {
  /** The build target; files outside it are in no view (buildtags.ts). Set by the adapters; none: every file. */
  targets: BuildTargets | undefined;
  private dirs = new Map<string, Listing>();
  /** Facts of open buffers, recomputed only when the buffer's text changed. */
  private buffers = new Map<string, Known>();
  /** Directory listings made so far (tests check that edits do not list again). */
  listings = 0;
  /** Siblings handed out by their declarations only so far (tests check that a large generated one is never whole). */
  declarationViews = 0;
  private neededMemo = new Map<string, { texts: string[]; large: string[]; needed: string[] }>();

  constructor(
    private trees: ParsedFileCache,
    private readDisk: (p: string) => string = readGoText,
    private open?: OpenBuffers,
  ) {}

  /** The parsed files that `filePath` (whose text is `text`) sees as its package, itself excluded. */
  filesFor(filePath: string, text: string): ParsedFile[] {
    const self = path.resolve(filePath);
    const dir = path.dirname(self);
    const listing = this.listing(dir);
    const paths = new Set(listing.keys());
    for (const p of this.open?.pathsIn(dir) ?? []) if (isGoFileName(path.basename(p))) paths.add(path.resolve(p));
    paths.delete(self);
    const known = new Map<string, Known>();
    for (const p of paths) {
      const k = this.known(p, listing);
      if (k) known.set(p, k);
    }
    const targets = this.targets;
    // Outside the target, a file is in no package view (go vet never sees it), and sees none.
    if (targets?.excluded(self, text) !== undefined) return [];
    const inTarget = [...known.values()].filter((k) => !targets || this.inTarget(k, targets));
    const view = viewOf(factsOf(self, text), inTarget.map((k) => k.facts));
    // A tree parsed from disk before the file opened is a duplicate once the document has its own.
    if (this.open?.parsed && this.open.text(self) !== undefined) this.trees.forget(self);
    // A large generated sibling counts by the declarations the others name (declarations.ts): never its whole tree.
    const partial = new Map<string, string>();
    const large = view.filter((f) => {
      const k = known.get(f.path)!;
      k.declarations ??= declarationsOnly(k.text) ? declarationsOf(k.text) : false;
      return k.declarations !== false;
    });
    if (large.length) {
      const seen = new Set(large);
      const whole = view.filter((f) => !seen.has(f)).map((f) => known.get(f.path)!);
      const texts = this.needed(self, text, whole, large.map((f) => known.get(f.path)!));
      large.forEach((f, i) => partial.set(f.path, texts[i]));
    }
    return view.map((f) => {
      const k = known.get(f.path)!;
      const declarations = partial.get(f.path);
      if (declarations !== undefined) {
        this.declarationViews++;
        return this.trees.get(f.path, declarations, true);
      }
      const own = this.open?.parsed?.(f.path);
      if (own === undefined || own.text !== k.text) return this.trees.get(f.path, k.text);
      this.trees.forget(f.path);
      return own;
    });
  }

  /**
   * The texts of the large siblings for a view of `self` and the `whole` siblings: the
   * declarations any of those name. The same for every file of the package (self is one of the
   * package's whole files either way), so its files share one set of trees and one resolver; kept
   * for the last few views.
   */
  private needed(self: string, text: string, whole: readonly Known[], large: readonly Known[]): string[] {
    const named = [{ path: self, text }, ...whole.map((k) => ({ path: k.facts.path, text: k.text }))].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const key = [...named.map((f) => f.path), '', ...large.map((k) => k.facts.path)].join('\u0000');
    const hit = this.neededMemo.get(key);
    if (hit && hit.texts.every((t, i) => t === named[i].text) && hit.large.every((t, i) => t === large[i].text)) return hit.needed;
    const roots = new Set<string>();
    for (const f of named) identifiersOf(f.text, roots);
    const needed = neededTexts(large.map((k) => k.declarations as Declarations), roots);
    if (this.neededMemo.size >= 8) this.neededMemo.delete(this.neededMemo.keys().next().value!);
    this.neededMemo.set(key, { texts: named.map((f) => f.text), large: large.map((k) => k.text), needed });
    return needed;
  }

  /**
   * A file of a listed directory was created, changed or deleted on disk. Returns whether a
   * cached directory was affected (its open documents need a new analysis).
   */
  fileChanged(filePath: string, change: FileChange): boolean {
    const p = path.resolve(filePath);
    const listing = this.dirs.get(path.dirname(p));
    if (!listing || !isGoFileName(path.basename(p))) return false;
    if (change === 'deleted') {
      listing.delete(p);
      this.trees.forget(p);
    } else {
      listing.set(p, undefined); // read again when a view needs it
    }
    return true;
  }

  /** Drops a directory's listing, texts and trees; the next view lists and reads it again. */
  forgetDir(dir: string): void {
    const d = path.resolve(dir);
    const listing = this.dirs.get(d);
    if (!listing) return;
    for (const p of listing.keys()) this.trees.forget(p);
    this.dirs.delete(d);
    for (const p of this.buffers.keys()) if (path.dirname(p) === d) this.buffers.delete(p);
    for (const k of this.neededMemo.keys()) if (path.dirname(k.slice(0, k.indexOf('\u0000'))) === d) this.neededMemo.delete(k);
  }

  /**
   * Deletes the trees of a directory's files but keeps its listing and texts: the next view parses
   * them again. Returns the length of the texts whose trees went.
   */
  releaseTrees(dir: string): number {
    let chars = 0;
    for (const p of this.dirs.get(path.resolve(dir))?.keys() ?? []) chars += this.trees.forget(p);
    return chars;
  }

  /** Directories with a cached listing. */
  cachedDirs(): string[] {
    return [...this.dirs.keys()];
  }

  private listing(dir: string): Listing {
    let listing = this.dirs.get(dir);
    if (listing) return listing;
    listing = new Map();
    this.listings++;
    let names: string[] = [];
    try { names = fs.readdirSync(dir); } catch { /* gone or unreadable: an empty package */ }
    for (const n of names) if (isGoFileName(n)) listing.set(path.join(dir, n), undefined);
    this.dirs.set(dir, listing);
    return listing;
  }

  /** Whether a known file builds for the target (decided once per text and target). */
  private inTarget(k: Known, targets: BuildTargets): boolean {
    if (k.target !== targets) k.included = targets.excluded(k.facts.path, k.text) === undefined;
    k.target = targets;
    return k.included!;
  }

  /** A file's text and facts: the open buffer's, else the disk's (read once). */
  private known(p: string, listing: Listing): Known | undefined {
    const buffer = this.open?.text(p);
    if (buffer !== undefined) {
      let k = this.buffers.get(p);
      if (!k || k.text !== buffer) this.buffers.set(p, (k = { text: buffer, facts: factsOf(p, buffer) }));
      // The disk's text read before the file opened: not used while it is open, and read again
      // when it closes (fileChanged), so not kept twice.
      if (listing.get(p)) listing.set(p, undefined);
      return k;
    }
    this.buffers.delete(p);
    if (!listing.has(p)) return undefined; // open once, closed, never on disk
    let k = listing.get(p);
    if (k === undefined) {
      try {
        const text = this.readDisk(p);
        k = { text, facts: factsOf(p, text) };
      } catch {
        k = null; // a directory named x.go, a dangling link, a binary file: not part of any view
      }
      listing.set(p, k);
    }
    return k ?? undefined;
  }
}
