// The analysis of any file of the workspace on demand, with its package view: what the profile's
// attribution reads of the lines a profile names, and the findings of their packages, outside the
// lint's directory-by-directory walk.
import * as path from 'path';
import { analyze, passFor } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import type { GoVersion } from '../analysis/goversion';
import type { AnalysisContext, Finding, ParsedFile, Pass } from '../analysis/types';
import type { Parser } from '../parse/parser';
import { SourceCache } from './source';
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
  private memo = new Map<string, { pass: Pass; file: ParsedFile; context: AnalysisContext } | null>();

  constructor(parser: Parser, private opts: { goVersion?: GoVersion; tags?: string[]; tests?: boolean } = {}) {
    this.trees = new ParsedFileCache(parser);
    this.targets = new BuildTargets({ tags: opts.tags });
    this.foreign = new ForeignPackages(this.trees.parse, undefined, (p, text) => this.targets.excluded(p, text) === undefined);
    this.views = new PackageViews(this.trees, this.sources.readText);
    this.views.targets = this.targets;
  }

  /** The pass of `file` (absolute), or undefined when it cannot be read or decoded. */
  passOf = (file: string): Pass | undefined => this.entry(file)?.pass;

  /** Every rule's findings in `file` (none outside the build target), as the lint finds them. */
  findingsOf(file: string): Finding[] {
    const e = this.entry(file);
    return e ? analyze(e.file, e.context, RULES) : [];
  }

  private entry(file: string) {
    const abs = path.resolve(file);
    let hit = this.memo.get(abs);
    if (hit === undefined) {
      const src = this.sources.get(abs);
      if (!src.ok) hit = null;
      else {
        const context = contextFor(abs, src.text, this.views, { goVersion: this.opts.goVersion, modules: this.modules, tests: this.opts.tests, foreign: this.foreign, targets: this.targets });
        const parsed = this.trees.get(abs, src.text);
        hit = { pass: passFor(parsed, context), file: parsed, context };
      }
      this.memo.set(abs, hit);
    }
    return hit ?? undefined;
  }
}
