// The lint command's flags, parsed and validated. Bad usage is a UsageError (exit 2 with usage).
import { parseArgs } from 'util';
import { parseGoVersion, type GoVersion } from '../analysis/goversion';
import { SEVERITIES, type Severity } from '../analysis/types';
import { COMPILER_MODES, type CompilerMode } from './compiler';
import { RULES } from '../analysis/rules';
import type { Rule } from '../analysis/types';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'codeclimate', 'rdjson'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintOptions {
  format: Format;
  fix: boolean;
  /** Print the preferred fixes as a unified diff instead of writing them (implies fix). */
  diff: boolean;
  goVersion?: GoVersion;
  minSeverity: Severity;
  /** Exit code when findings remain (golangci-lint's --issues-exit-code). */
  issuesExitCode: number;
  /** auto: confirm findings with the Go compiler when go is on PATH (cli/compiler.ts). */
  compiler: CompilerMode;
  /** --compiler-timeout: the compiler pass's whole time budget in seconds; packages past it are skipped and said so. */
  compilerBudgetSeconds: number;
  /** --compiler-download: let the compiler pass download modules (GOPROXY as configured); off: GOPROXY=off. */
  compilerDownload: boolean;
  /** --tests: report the allocation and retention rules in _test.go files too; undefined: not given (the config file's, else off). */
  tests?: boolean;
  /** --tags: extra build tags (the go command's -tags), beside GOOS, GOARCH and GOFLAGS from the environment; undefined: not given. */
  tags?: string[];
  /** --jobs: worker threads for the analysis; undefined: the default (cli/workers.ts). */
  jobs?: number;
  /** The rules that run, by name: all but those --disable names (--enable names one back in). */
  rules: string[];
  /** --enable: these rules run even where a config file turns them off. */
  enable: string[];
  /** --config PATH: the one config file for every directory; null: --no-config; undefined: found by walking up. */
  config?: string | null;
  /** --compiler given on the command line: it wins over a config file's compiler.confirm. */
  compilerGiven: boolean;
  /** --exclude: globs of paths (relative to the working directory, `/`-separated) not linted. */
  exclude: string[];
  /** --new-from-rev, --new-from-patch, --baseline: report only new findings (cli/newonly.ts, cli/baseline.ts). */
  newFromRev?: string;
  newFromPatch?: string;
  baseline?: string;
  /** --write-baseline FILE: write the findings there as the baseline, print none, exit 0. */
  writeBaseline?: string;
  help: boolean;
  version: boolean;
  patterns: string[];
}

export class UsageError extends Error {}

/** The CLI's default --min-severity: hints are right but minor, and a CI run lists what to act on. */
export const DEFAULT_MIN_SEVERITY: Severity = 'information';
/** The compiler pass's default time budget, all packages together (per package: compiler/run.ts's timeout). */
export const DEFAULT_COMPILER_BUDGET_SECONDS = 120;

const FLAGS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  diff: { type: 'boolean' },
  'go-version': { type: 'string' },
  'min-severity': { type: 'string' },
  'issues-exit-code': { type: 'string' },
  compiler: { type: 'string' },
  'compiler-timeout': { type: 'string' },
  'compiler-download': { type: 'boolean' },
  tests: { type: 'boolean' },
  tags: { type: 'string', multiple: true },
  jobs: { type: 'string', short: 'j' },
  enable: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'new-from-rev': { type: 'string' },
  'new-from-patch': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** `value` when it is one of `allowed`, else a UsageError naming the flag and the choices. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid --${flag} ${JSON.stringify(value)}: want one of ${allowed.join(', ')}`);
}

export function parseLintOptions(argv: readonly string[]): LintOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (err) {
    // util.parseArgs words its errors for node scripts; keep its text (it names the flag)
    // except for unknown flags, where its advice about `--` would mislead.
    const e = err as NodeJS.ErrnoException;
    const flag = /'([^']+)'/.exec(e.message)?.[1];
    throw new UsageError(e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag ? `unknown flag ${flag}` : e.message);
  }
  const v = parsed.values;
  let goVersion: GoVersion | undefined;
  if (v['go-version'] !== undefined) {
    goVersion = parseGoVersion(v['go-version']);
    if (!goVersion) throw new UsageError(`invalid --go-version ${JSON.stringify(v['go-version'])}: want a Go version such as 1.22 or go1.22.3`);
  }
  let issuesExitCode = 1;
  if (v['issues-exit-code'] !== undefined) {
    const s = v['issues-exit-code'];
    if (!/^\d+$/.test(s) || Number(s) > 255) throw new UsageError(`invalid --issues-exit-code ${JSON.stringify(s)}: want an integer from 0 to 255`);
    issuesExitCode = Number(s);
  }
  let jobs: number | undefined;
  if (v.jobs !== undefined) {
    if (!/^\d+$/.test(v.jobs) || Number(v.jobs) < 1 || Number(v.jobs) > 256) throw new UsageError(`invalid --jobs ${JSON.stringify(v.jobs)}: want an integer from 1 to 256`);
    jobs = Number(v.jobs);
  }
  let compilerBudgetSeconds = DEFAULT_COMPILER_BUDGET_SECONDS;
  if (v['compiler-timeout'] !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(v['compiler-timeout']);
    if (!m || Number(m[1]) <= 0) throw new UsageError(`invalid --compiler-timeout ${JSON.stringify(v['compiler-timeout'])}: want a duration such as 120s or 5m`);
    compilerBudgetSeconds = Number(m[1]) * (m[2] === 'm' ? 60 : 1);
  }
  const names = RULES.map((r) => r.name);
  const listed = (flag: 'enable' | 'disable') => (v[flag] ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)
    .map((x) => { if (!names.includes(x)) throw new UsageError(`--${flag} ${JSON.stringify(x)}: no such rule (the rules: ${names.join(', ')})`); return x; });
  const enable = listed('enable');
  const disable = listed('disable');
  const both = enable.find((r) => disable.includes(r));
  if (both) throw new UsageError(`--enable and --disable both name ${both}`);
  const rules = names.filter((n) => !disable.includes(n) || enable.includes(n));
  if (v['no-config'] && v.config !== undefined) throw new UsageError('--config and --no-config cannot both be given');
  if (v.config === '') throw new UsageError('--config needs a file');
  const format = v.format === undefined ? 'text' : oneOf('format', v.format, FORMATS);
  // As ruff's --diff: it implies fixing, and prints what would change instead of writing it.
  const diff = v.diff ?? false;
  if (diff && format !== 'text') throw new UsageError(`--diff prints a unified diff; it cannot be combined with --format ${format}`);
  return {
    format,
    fix: (v.fix ?? false) || diff,
    diff,
    goVersion,
    // What a reviewer should act on: hints (right but minor) only when asked for.
    minSeverity: v['min-severity'] === undefined ? DEFAULT_MIN_SEVERITY : oneOf('min-severity', v['min-severity'], SEVERITIES),
    issuesExitCode,
    compiler: v.compiler === undefined ? 'auto' : oneOf('compiler', v.compiler, COMPILER_MODES),
    compilerBudgetSeconds,
    compilerDownload: v['compiler-download'] ?? false,
    tests: v.tests,
    tags: v.tags?.flatMap((t) => t.split(/[,\s]+/)).filter(Boolean),
    jobs,
    rules,
    enable,
    config: v['no-config'] ? null : v.config,
    compilerGiven: v.compiler !== undefined,
    exclude: v.exclude ?? [],
    ...newOnlyFlags(v, diff || (v.fix ?? false)),
    help: v.help ?? false,
    version: v.version ?? false,
    patterns: parsed.positionals.length ? parsed.positionals : ['.'],
  };
}

/** --new-from-rev, --new-from-patch, --baseline and --write-baseline, checked against each other. */
function newOnlyFlags(v: { [k in 'new-from-rev' | 'new-from-patch' | 'baseline' | 'write-baseline']?: string }, fix: boolean): Pick<LintOptions, 'newFromRev' | 'newFromPatch' | 'baseline' | 'writeBaseline'> {
  const given = (['new-from-rev', 'new-from-patch', 'baseline', 'write-baseline'] as const).filter((k) => v[k] !== undefined);
  const empty = given.find((k) => v[k] === '');
  if (empty) throw new UsageError(`--${empty} needs a value`);
  if (v['new-from-rev'] !== undefined && v['new-from-patch'] !== undefined) throw new UsageError('--new-from-rev and --new-from-patch cannot both be given');
  if (v['write-baseline'] !== undefined && given.length > 1) throw new UsageError(`--write-baseline writes every finding; it cannot be combined with --${given.find((k) => k !== 'write-baseline')}`);
  if (fix && given.length) throw new UsageError(`--${given[0]} cannot be combined with --fix or --diff`);
  return { newFromRev: v['new-from-rev'], newFromPatch: v['new-from-patch'], baseline: v.baseline, writeBaseline: v['write-baseline'] };
}

/** The Rule objects --enable and --disable leave on. */
export function rulesNamed(names: readonly string[]): Rule[] {
  return RULES.filter((r) => names.includes(r.name));
}
