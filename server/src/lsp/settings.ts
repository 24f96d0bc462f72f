// The `goMapleak` settings per document scope: pulled with workspace/configuration when the
// client can, else pushed; with the keys of the .go-mapleak.yaml that applies to the document on
// top (config/file.ts), read again when a config file changes.
import * as fs from 'fs';
import * as path from 'path';
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
  /** The editor's section per scope, as pulled (or pushed). */
  private sections = new Map<string, Promise<unknown>>();
  /** Settings per scope and config file: the section with the file's keys on top. */
  private byScope = new Map<string, Promise<Settings>>();
  private pushed: unknown;
  private warned = new Set<string>();
  private configs = new ConfigFinder();

  constructor(private pull: PullSettings | undefined, private warn: (message: string) => void, initializationOptions?: unknown) {
    this.pushed = sectionOf(initializationOptions) ?? initializationOptions;
  }

  /** A document's or folder's settings: its scope's section, and the config file that applies to it. */
  get(scopeUri: string): Promise<Settings> {
    const file = uriToPath(scopeUri);
    return this.forDir(scopeUri, file && (isDirectory(file) ? file : path.dirname(file)));
  }

  /**
   * A file's settings under a folder's scope: the folder's section (one pull for all its files)
   * with the config file of the file's directory. The workspace scan reads files this way.
   */
  forFile(folderUri: string, file: string): Promise<Settings> {
    return this.forDir(folderUri, path.dirname(file));
  }

  /** After workspace/didChangeConfiguration: forget what was pulled; keep pushed values if any came. */
  changed(pushedSettings: unknown): void {
    const section = sectionOf(pushedSettings);
    if (section !== undefined) this.pushed = section;
    this.sections.clear();
    this.byScope.clear();
  }

  /** After a .go-mapleak.yaml was created, changed or deleted: every scope reads its config again. */
  configChanged(): void {
    this.configs.clear();
    this.warned.clear(); // a config broken again the same way is said again
    this.byScope.clear();
  }

  /** Whether a config file read has changed on disk (for clients that do not watch files). */
  configStale(): boolean {
    return this.configs.stale();
  }

  /** Whether a path is a config file this source reads (its changes call configChanged). */
  static isConfigFile(file: string): boolean {
    return (CONFIG_NAMES as readonly string[]).includes(path.basename(file));
  }

  forget(scopeUri: string): void {
    this.sections.delete(scopeUri);
    for (const k of this.byScope.keys()) if (k.startsWith(scopeUri + '\0')) this.byScope.delete(k);
  }

  private forDir(scopeUri: string, dir: string | undefined): Promise<Settings> {
    let configFile: string | undefined;
    try { configFile = dir === undefined ? undefined : this.configs.fileFor(dir); } catch { configFile = undefined; }
    const key = `${scopeUri}\0${configFile ?? ''}`;
    let s = this.byScope.get(key);
    if (!s) {
      s = this.load(scopeUri, dir);
      this.byScope.set(key, s);
    }
    return s;
  }

  private section(scopeUri: string): Promise<unknown> {
    let s = this.sections.get(scopeUri);
    if (!s) {
      s = (async () => {
        let section: unknown;
        if (this.pull) {
          try {
            section = await this.pull(scopeUri);
          } catch {
            section = undefined; // the client refused: fall back to what it pushed
          }
        }
        return section === null || typeof section !== 'object' ? this.pushed : section;
      })();
      this.sections.set(scopeUri, s);
    }
    return s;
  }

  private async load(scopeUri: string, dir: string | undefined): Promise<Settings> {
    const section = await this.section(scopeUri);
    let config;
    let configError: ConfigError | undefined;
    try {
      config = dir === undefined ? undefined : this.configs.for(dir);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      configError = err;
    }
    const { settings, warnings } = readSettings(section, config);
    for (const w of configError ? [...warnings, `go-mapleak: ${configError.message}; nothing is analyzed under it until it is mended`] : warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.warn(w);
    }
    return configError ? { ...settings, configError } : settings;
  }
}

function isDirectory(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}
