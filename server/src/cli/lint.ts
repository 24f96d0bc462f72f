// The lint command: find the files, analyze each once, optionally fix, print, and pick the exit code.
import * as path from 'path';
import { analyze, analyzeFile } from '../analysis/analyze';
import { RULES } from '../analysis/rules';
import { SEVERITIES, type Finding, type Rule } from '../analysis/types';
import { createGoParser } from '../parse/parser';
import { contextFor, ParsedFileCache } from '../workspace/context';
import { PackageViews } from '../workspace/packages';
import { ForeignPackages } from '../workspace/foreign';
import { BuildTargets } from '../workspace/target';
import type { GoModule } from '../workspace/module';
import { ColumnMap } from './columns';
import { CliCompiler } from './compiler';
import { discoverFiles, displayPath, PathError, type WalkProblem } from '../workspace/discover';
import { ConflictError, planFixes, writeFixed } from './fix';
import { fixDiff } from './diff';
import { writeReport } from './format';
import { EXIT_CLEAN, EXIT_ERROR, type CliIo } from './io';
import { rulesNamed, type LintOptions } from './options';
import { DirConfigs, type DirSettings } from './dirsettings';
import { ConfigError, problemText } from '../config/file';
import { excludeGlobs } from '../workspace/glob';
import { addNotShown, atOrAbove, configProblemLines, failed, findingCount, notShownLine, problemLine, type LintReport } from './report';
import { SourceCache } from '../workspace/source';
import { progressBar, wantsProgress } from './progress';
import { lintInWorkers, threadCount } from './workers';
import { newOnlyFilter, NewOnlyError, writeBaselineFile } from './newonly';

export async function runLint(opts: LintOptions, io: CliIo): Promise<number> {
  let files: string[];
  const unlisted: WalkProblem[] = [];
  try {
    files = excludeGlobs(discoverFiles(opts.patterns, io.cwd, unlisted), opts.exclude, io.cwd);
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    io.err(`go-mapleak: ${err.message}\n`);
    return EXIT_ERROR;
  }
  if (opts.config) opts = { ...opts, config: path.resolve(io.cwd, opts.config) };
  // Every config file that applies is checked first: nothing is linted on a half-read config.
  const configs = new DirConfigs(opts, rulesNamed(opts.rules));
  const dirs = new Set(files.map((f) => path.dirname(f)));
  if (opts.config) dirs.add(io.cwd);
  const bad = configs.problems(dirs);
  if (bad.length) {
    io.err(configProblemLines(bad, io.cwd));
    const n = new Set(bad.map((p) => p.file)).size;
    io.err(`go-mapleak: nothing linted: ${n === 1 ? 'the config file above has' : `the ${n} config files above have`} ${bad.length === 1 ? 'a problem' : 'problems'}\n`);
    return EXIT_ERROR;
  }
  files = configs.included(files, io.cwd);
  // --baseline, --new-from-rev, --new-from-patch: read before the analysis, applied to its report.
  let onlyNew: ReturnType<typeof newOnlyFilter>;
  try { onlyNew = newOnlyFilter(opts, io.cwd); } catch (err) {
    if (!(err instanceof NewOnlyError)) throw err;
    io.err(`go-mapleak: ${err.message}\n`);
    return EXIT_ERROR;
  }

  const status = io.errIsTTY === true && wantsProgress(Infinity, true, process.env)
    ? (line: string) => io.err(line ? `\r${line.slice(0, 100).padEnd(100)}` : `\r${' '.repeat(100)}\r`)
    : undefined;
  const compiler = opts.compiler === 'auto'
    ? new CliCompiler(io.err, { budgetSeconds: opts.compilerBudgetSeconds, download: opts.compilerDownload, status })
    : undefined;
  // A bar on a terminal for large trees (cli/progress.ts), erased before the report.
  const bar = progressBar(files.length, io.err, io.errIsTTY === true);
  const hooked = { ...opts, onFiles: (n: number) => bar.advance(n) };
  const jobs = threadCount(opts, files);
  const report = jobs > 1
    ? await lintInWorkers(files, hooked, io.cwd, jobs, compiler)
    : await lintFiles(files, hooked, io.cwd, rulesNamed(opts.rules), compiler);
  bar.done();
  // Directories the walk could not list: errors (exit 2), after the findings of the rest.
  report.problems.unshift(...unlisted.map((u) => ({ file: displayPath(u.dir, io.cwd), kind: 'unreadable' as const, message: u.message, fatal: true })));
  if (compiler?.active) report.compiler = compiler.summary;
  if (opts.writeBaseline !== undefined) {
    for (const p of report.problems) io.err(problemLine(p));
    const wrote = writeBaselineFile(report, opts.writeBaseline, io.cwd);
    io.err(wrote.message);
    return wrote.ok && !failed(report) ? EXIT_CLEAN : EXIT_ERROR;
  }
  const notNew = onlyNew?.(report) ?? '';
  // --diff: the diff is the output; nothing was written, so every finding still counts for the exit code.
  if (opts.diff) io.out(report.files.map((f) => f.diff ?? '').join(''));
  else writeReport(opts.format, report, io.out); // json and sarif a finding at a time
  for (const p of report.problems) io.err(problemLine(p));
  if (compiler) io.err(compiler.summaryLine());
  if (!opts.diff) io.err(notShownLine(report, opts.minSeverity));
  io.err(notNew);
  if (files.length && report.excluded === files.length) {
    io.err(`go-mapleak: build constraints exclude all ${files.length} file${files.length === 1 ? '' : 's'} for ${configs.for(path.dirname(files[0])).targets.describe(path.dirname(files[0]))} (--tags, GOOS and GOARCH choose another target)\n`);
  }
  const fixed = `${report.fixed.findings} finding${report.fixed.findings === 1 ? '' : 's'} in ${report.fixed.files} file${report.fixed.files === 1 ? '' : 's'}`;
  if (opts.diff) io.err(`go-mapleak: would fix ${fixed} (nothing written)\n`);
  else if (opts.fix) io.err(`go-mapleak: fixed ${fixed}\n`);

  if (failed(report)) return EXIT_ERROR;
  return findingCount(report) > 0 ? opts.issuesExitCode : EXIT_CLEAN;
}

/**
 * Analyzes files in order; the files of one directory share its package views: the directory is
 * listed and each sibling read and parsed once, however many of its files are analyzed.
 */
export async function lintFiles(
  files: readonly string[],
  opts: Pick<LintOptions, 'fix' | 'goVersion' | 'minSeverity'> & Partial<Pick<LintOptions, 'tests' | 'tags' | 'enable' | 'config' | 'compilerGiven'>> & {
    diff?: boolean;
    /** Called as files are done (the progress bar). */
    onFiles?: (n: number) => void;
    /** Without a compiler: the files whose findings a compiler build could confirm are added here. */
    candidates?: Set<string>;
  },
  cwd: string,
  rules: readonly Rule[] = RULES,
  compiler?: CliCompiler,
): Promise<LintReport> {
  const report: LintReport = { cwd, files: [], problems: [], fixed: { findings: 0, files: 0 }, notShown: {}, excluded: 0 };
  const parser = await createGoParser();
  const trees = new ParsedFileCache(parser);
  // Rules, severities, tests, target and Go version per directory: its config file and the flags.
  const configs = new DirConfigs(opts, rules);
  let here: DirSettings | undefined;
  let targets = new BuildTargets({ tags: opts.tags });
  const foreign = new ForeignPackages(trees.parse, undefined, (p, text) => targets.excluded(p, text) === undefined);
  const sources = new SourceCache();
  const modules = new Map<string, GoModule | null>();
  const minRank = SEVERITIES.indexOf(opts.minSeverity);
  const keep = (f: Finding) => SEVERITIES.indexOf(f.severity) >= minRank;
  /** The findings with the config's severities; those it turns off dropped. */
  const configured = (all: readonly Finding[], d: DirSettings): Finding[] => all.flatMap((f) => {
    const severity = d.severity(f);
    return severity === undefined ? [] : severity === f.severity ? [f] : [{ ...f, severity }];
  });
  /** The findings at or above --min-severity; the others counted (the summary line says how many). */
  const shown = (all: readonly Finding[], counted: Partial<Record<Finding['severity'], number>>): Finding[] => atOrAbove(all, opts.minSeverity, counted);

  const views = new PackageViews(trees, sources.readText);
  views.targets = targets;

  // Trees and texts are kept only while their directory is being analyzed (memory stays flat).
  let dir: string | undefined;
  const parsedHere = new Set<string>();
  const leaveDir = () => {
    if (dir !== undefined) views.forgetDir(dir);
    for (const p of parsedHere) trees.forget(p);
    parsedHere.clear();
    sources.clear();
  };

  for (const file of files) {
    opts.onFiles?.(1);
    const display = displayPath(file, cwd);
    if (path.dirname(file) !== dir) {
      leaveDir();
      dir = path.dirname(file);
      try {
        here = configs.for(dir);
        views.targets = targets = here.targets;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        here = undefined;
      }
    }
    if (!here) {
      report.problems.push({ file: display, kind: 'config', message: `not linted: ${configs.problems([dir]).map(problemText).join('; ')}`, fatal: true });
      continue;
    }
    const d = here;
    const src = sources.get(file);
    if (!src.ok) {
      report.problems.push({ file: display, kind: src.kind, message: src.message, fatal: src.kind === 'unreadable' });
      continue;
    }
    let compiled = false;
    let notShown: Partial<Record<Finding['severity'], number>> = {};
    try {
      const lintText = async (text: string): Promise<Finding[]> => {
        notShown = {};
        const ctx = contextFor(file, text, views, { goVersion: d.goVersion, modules, tests: d.tests, steadyEntries: d.settings.steadyEntries, foreign, targets });
        parsedHere.add(file); // a file named on the command line may be outside every view (_x.go)
        const parsed = trees.get(file, text);
        // With the compiler: a file with findings it can confirm is analyzed again with its package's records.
        const first = analyzeFile(parsed, ctx, d.rules);
        const firstFindings = configured(first.findings, d);
        // A rule that failed: the file's result is incomplete, an internal error (exit 2).
        if (first.failures && !report.problems.some((p) => p.file === display && p.kind === 'internal')) {
          report.problems.push({ file: display, kind: 'internal', message: `internal error: ${first.failures.map((f) => `rule ${f.rule} failed (${f.message})`).join('; ')}; its findings in this file are missing`, fatal: true });
        }
        // A file not analyzed (nested too deep) is reported like a skipped binary file: a warning, not a failure.
        if (first.skipped && !report.problems.some((p) => p.file === display && p.kind === 'nesting')) {
          report.problems.push({ file: display, kind: 'nesting', message: first.skipped, fatal: false });
        }
        // A build is worth it only for findings that are shown.
        const confirmable = d.compiler && firstFindings.some((f) => f.compiler && keep(f));
        if (confirmable) opts.candidates?.add(file);
        if (!compiler?.active || !confirmable) return shown(firstFindings, notShown);
        const escapes = await compiler.escapesFor(file, text);
        compiled = escapes !== undefined;
        const again = shown(configured(analyze(parsed, { ...ctx, escapes }, d.rules), d), notShown);
        compiler.summary.confirmed += again.filter((f) => f.confirmedBy).length;
        return again;
      };
      let text = src.text;
      // Outside the build target: not linted, as go vet does not see it.
      if (targets.excluded(file, text) !== undefined) { report.excluded++; continue; }
      let findings = await lintText(text);
      let diff: string | undefined;
      if (opts.fix && findings.length) {
        const plan = planFixes(text, findings);
        if (plan.fixed.length && opts.diff) {
          diff = fixDiff(text, plan.fixed, display);
          report.fixed.findings += plan.fixed.length;
          report.fixed.files++;
        } else if (plan.fixed.length) {
          try {
            writeFixed(file, text, src.bom, plan.text);
            report.fixed.findings += plan.fixed.length;
            report.fixed.files++;
            text = plan.text;
            sources.set(file, { ...src, text });
            views.fileChanged(file, 'changed'); // its siblings see the fixed text
            // What is left after fixing, at its positions in the new text.
            findings = await lintText(text);
          } catch (err) {
            const message = err instanceof ConflictError ? err.message : `cannot write fix: ${(err as Error).message}`;
            report.problems.push({ file: display, kind: 'write', message, fatal: true });
          }
        }
      }
      addNotShown(report.notShown, notShown);
      report.files.push({ file, display, columns: new ColumnMap(text, src.bom), findings, diff, ...(compiled ? { compiled } : {}) });
    } catch (err) {
      // Never let one file end the run: report it, go on, and fail at the end.
      report.problems.push({ file: display, kind: 'internal', message: `internal error: ${describe(err)}`, fatal: true });
    }
  }
  leaveDir();
  parser.delete();
  return report;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return process.env.GO_MAPLEAK_DEBUG ? err.stack ?? err.message : err.message;
}
