// The analysis of any file of the workspace on demand, with its package view: what the profile's
// attribution reads of the lines a profile names, outside the lint's directory-by-directory walk.
import * as path from 'path';
import { passFor } from '../analysis/analyze';
import type { GoVersion } from '../analysis/goversion';
import type { Pass } from '../analysis/types';
import type { Parser } from '../parse/parser';
import { SourceCache } from '../cli/source';
import { contextFor, ParsedFileCache } from './context';
import { ForeignPackages } from './foreign';
import type { GoModule } from './module';
import { PackageViews } from './packages';
import { BuildTargets } from './target';

export class FilePasses {
  private trees: ParsedFileCache;
  private sources = new SourceCache();
  private views: PackageViews;
  private targets: BuildTargets;
  private foreign: ForeignPackages;
  private modules = new Map<string, GoModule | null>();
  private memo = new Map<string, Pass | null>();

  constructor(parser: Parser, private opts: { goVersion?: GoVersion; tags?: string[]; tests?: boolean } = {}) {
    this.trees = new ParsedFileCache(parser);
    this.targets = new BuildTargets({ tags: opts.tags });
    this.foreign = new ForeignPackages(this.trees.parse, undefined, (p, text) => this.targets.excluded(p, text) === undefined);
    this.views = new PackageViews(this.trees, this.sources.readText);
    this.views.targets = this.targets;
  }

  /** The pass of `file` (absolute), or undefined when it cannot be read or decoded. */
  passOf = (file: string): Pass | undefined => {
    const abs = path.resolve(file);
    let hit = this.memo.get(abs);
    if (hit === undefined) {
      const src = this.sources.get(abs);
      if (!src.ok) hit = null;
      else {
        const ctx = contextFor(abs, src.text, this.views, { goVersion: this.opts.goVersion, modules: this.modules, tests: this.opts.tests, foreign: this.foreign, targets: this.targets });
        hit = passFor(this.trees.get(abs, src.text), ctx);
      }
      this.memo.set(abs, hit);
    }
    return hit ?? undefined;
  };
}
