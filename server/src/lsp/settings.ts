// The `goMapleak` settings per document scope: pulled with workspace/configuration when the
// client can, else pushed; with the keys of the .go-mapleak.yaml that applies to the document on
// top (config/file.ts), read again when a config file changes.
import * as fs from 'fs';
import * as path from 'path';
import { BuildTargets } from '../workspace/target';
import { readSettings, sectionOf, type Settings } from '../config/settings';
import { CONFIG_NAMES, ConfigError, ConfigFinder } from '../config/file';
import { uriToPath } from './documents';

/** Pulls the section for one scope; resolves to the client's answer (possibly null). */
export type PullSettings = (scopeUri: string) => Promise<unknown>;

/**
 * Settings per document scope. With a pull function (the client supports workspace/configuration)
 * they are asked for on first use and after every didChangeConfiguration; otherwise, or when the
 * client answers nothing, the settings pushed in initializationOptions/didChangeConfiguration are used.
 */
export class SettingsSource {
  private byScope = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  private warned = new Set<string>();
  private configs = new ConfigFinder();

  constructor(private pull: PullSettings | undefined, private warn: (message: string) => void, initializationOptions?: unknown) {
    this.pushed = sectionOf(initializationOptions) ?? initializationOptions;
  }

  get(scopeUri: string): Promise<Settings> {
    let s = this.byScope.get(scopeUri);
    if (!s) {
      s = this.load(scopeUri);
      this.byScope.set(scopeUri, s);
    }
    return s;
  }

  /** After workspace/didChangeConfiguration: forget what was pulled; keep pushed values if any came. */
  changed(pushedSettings: unknown): void {
    const section = sectionOf(pushedSettings);
    if (section !== undefined) this.pushed = section;
    this.byScope.clear();
  }

  /** After a .go-mapleak.yaml was created, changed or deleted: every scope reads its config again. */
  configChanged(): void {
    this.configs.clear();
    this.warned.clear(); // a config broken again the same way is said again
    this.byScope.clear();
  }

  /** Whether a path is a config file this source reads (its changes call configChanged). */
  static isConfigFile(file: string): boolean {
    return (CONFIG_NAMES as readonly string[]).includes(path.basename(file));
  }

  forget(scopeUri: string): void {
    this.byScope.delete(scopeUri);
  }

  private async load(scopeUri: string): Promise<Settings> {
    let section: unknown;
    if (this.pull) {
      try {
        section = await this.pull(scopeUri);
      } catch {
        section = undefined; // the client refused: fall back to what it pushed
      }
    }
    if (section === null || typeof section !== 'object') section = this.pushed;
    // A document's config: walking up from its directory; a folder's: from the folder.
    const file = uriToPath(scopeUri);
    let config;
    let configError: ConfigError | undefined;
    try {
      config = file ? this.configs.for(isDirectory(file) ? file : path.dirname(file)) : undefined;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      configError = err;
    }
    const { settings, warnings } = readSettings(section, config);
    for (const w of configError ? [...warnings, `go-mapleak: ${configError.message}`] : warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.warn(w);
    }
    return configError ? { ...settings, configError } : settings;
  }
}

/** One BuildTargets per goMapleak.build value: the target files are judged against (workspace/target.ts). */
export class TargetsBySettings {
  private byKey = new Map<string, BuildTargets>();
  /** The targets asked for last. */
  last: BuildTargets | undefined;

  for(settings: Settings): BuildTargets {
    const key = JSON.stringify(settings.build);
    let t = this.byKey.get(key);
    if (!t) this.byKey.set(key, (t = new BuildTargets(settings.build)));
    return (this.last = t);
  }
}

function isDirectory(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}
