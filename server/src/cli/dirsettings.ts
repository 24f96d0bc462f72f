// The lint's settings per directory: the .go-mapleak.yaml that applies there (config/file.ts), with
// the flags given on the command line on top. A flag given wins over the file, as golangci-lint's
// do; a flag not given leaves the file's value.
import * as path from 'path';
import type { GoVersion } from '../analysis/goversion';
import type { Finding, Rule, Severity } from '../analysis/types';
import { ConfigError, ConfigFinder, type ConfigProblem } from '../config/file';
import { analyzes, DEFAULT_SETTINGS, effectiveSeverity, readSettings, ruleOff, type Settings } from '../config/settings';
import { TargetsByOptions, type BuildTargets } from '../workspace/target';

/** What the command line says, where it says it. */
export interface ConfigFlags {
  /** --config PATH; null: --no-config; undefined: the file found walking up from each directory. */
  config?: string | null;
  /** --enable: rules run even where a config file turns them off. */
  enable?: readonly string[];
  tests?: boolean;
  tags?: readonly string[];
  goVersion?: GoVersion;
  /** --compiler given: it wins over compiler.confirm. */
  compilerGiven?: boolean;
}

export interface DirSettings {
  settings: Settings;
  rules: readonly Rule[];
  tests: boolean;
  goVersion?: GoVersion;
  targets: BuildTargets;
  /** Whether the Go compiler may confirm this directory's findings. */
  compiler: boolean;
  /** A finding's severity after the config's rules.<rule>.severity; undefined: the setting is off. */
  severity(f: Finding): Severity | undefined;
}

export class DirConfigs {
  private finder: ConfigFinder;
  private byConfig = new Map<string, DirSettings>();
  private targets = new TargetsByOptions();

  constructor(private flags: ConfigFlags, private rules: readonly Rule[]) {
    this.finder = new ConfigFinder(flags.config === undefined || flags.config === null ? flags.config : path.resolve(flags.config));
  }

  /** The settings for the files of `dir`; throws the applying file's ConfigError. */
  for(dir: string): DirSettings {
    const config = this.finder.for(dir);
    const key = config?.file ?? '';
    let d = this.byConfig.get(key);
    if (!d) this.byConfig.set(key, (d = this.settle(config ? readSettings(undefined, config).settings : DEFAULT_SETTINGS)));
    return d;
  }

  /** Every problem of the config files that apply to these directories, each file's once. */
  problems(dirs: Iterable<string>): ConfigProblem[] {
    const seen = new Set<string>();
    const out: ConfigProblem[] = [];
    for (const dir of new Set([...dirs].map((d) => path.resolve(d)))) {
      try { this.for(dir); } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        if (seen.has(err.problems[0].file)) continue;
        seen.add(err.problems[0].file);
        out.push(...err.problems);
      }
    }
    return out;
  }

  /** The files their config does not exclude (its exclude globs, enable: false). */
  included(files: readonly string[], cwd: string): string[] {
    return files.filter((f) => analyzes(this.for(path.dirname(path.resolve(cwd, f))).settings, path.resolve(cwd, f), cwd));
  }

  private settle(settings: Settings): DirSettings {
    const enabled = new Set(this.flags.enable ?? []);
    return {
      settings,
      rules: this.rules.filter((r) => enabled.has(r.name) || !ruleOff(settings, r.name)),
      tests: this.flags.tests ?? settings.tests,
      goVersion: this.flags.goVersion ?? settings.goVersion,
      targets: this.targets.for({ ...settings.build, tags: this.flags.tags ?? settings.build.tags }),
      compiler: this.flags.compilerGiven === true || settings.compilerConfirm !== 'off',
      severity: settings.severities.size === 0 ? (f) => f.severity : (f) => {
        const s = effectiveSeverity(f, settings);
        // --enable turns a rule on at its own judgement where the file turned it off.
        if (s === 'off') return enabled.has(f.rule) ? f.severity : undefined;
        return s;
      },
    };
  }
}
