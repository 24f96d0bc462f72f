// The checked Settings value, from whatever shape the settings come in: VS Code's nested objects,
// flat dotted keys from other editors, nothing at all, or a .go-mapleak.yaml (config/file.ts).
// Every key is checked by the one table (config/schema.ts); the server and the CLI read this.
import { parseGoVersion, type GoVersion } from '../analysis/goversion';
import type { Finding, Severity } from '../analysis/types';
import type { MemorySample } from '../profile/decode';
import { parseSize } from '../profile/evidence';
import { checkValue, expectedOf, SETTINGS, severitySettingKeys, SPEC_BY_KEY, type SettingValue } from './schema';
import type { Config, ConfigError } from './file';
import { excludeGlobs } from '../workspace/glob';

export const SECTION = 'goMapleak';

export type SeveritySetting = Severity | 'off';

/** How a loaded heap profile is read (lsp/profile.ts, cli/profile.ts). */
export interface ProfileSettings {
  sample: MemorySample;
  /** Bytes from which an emptied map is a warning. */
  threshold: number;
  allowRemote: boolean;
  /** The runtime the program ran on; undefined: the module's. */
  goVersion?: GoVersion;
}

export interface Settings {
  enable: boolean;
  /** An explicit Go version; undefined means the nearest go.mod. */
  goVersion?: GoVersion;
  /**
   * Only the severities set to something other than `default`, keyed `<rule>.<setting>`
   * (`rangeclear.severity`, `ifacebox.loopSeverity`); the others keep the finding's own severity.
   */
  severities: ReadonlyMap<string, SeveritySetting>;
  /** compiler.confirm: build the package with the Go compiler (on save, in the editor) to confirm findings. */
  compilerConfirm: 'onSave' | 'off';
  /** workspaceScan: lint every Go file of the workspace in the background (lsp/workspacescan.ts). */
  workspaceScan: boolean;
  /** tests: report the allocation and retention rules in _test.go files too. */
  tests: boolean;
  /** rules.mapretain.steadyEntries: the steady size mapretain assumes without a make hint. */
  steadyEntries: number;
  /** exclude: globs of paths not linted, relative to `config`'s directory when it set them. */
  exclude: readonly string[];
  /** build.{tags,goos,goarch}: the build target files are judged against (workspace/target.ts). */
  build: { tags: string[]; goos?: string; goarch?: string };
  /** profile.*: how a loaded heap profile is read. */
  profile: ProfileSettings;
  /** The .go-mapleak.yaml whose keys these include, if any. */
  config?: Config;
  /** The .go-mapleak.yaml that applies could not be used: nothing is linted under it until it is mended. */
  configError?: ConfigError;
}

/** Every key's value: the given ones, the others at their defaults. */
function settingsFrom(values: ReadonlyMap<string, SettingValue>, config?: Config): Settings {
  const get = <T extends SettingValue>(key: string): T => (values.get(key) ?? SPEC_BY_KEY.get(key)!.default) as T;
  const version = (key: string) => { const v = get<string>(key); return v ? parseGoVersion(v) : undefined; };
  const threshold = get<string | number>('profile.threshold');
  const severities = new Map<string, SeveritySetting>();
  for (const k of severitySettingKeys()) {
    const v = get<string>(`rules.${k}`);
    if (v !== 'default') severities.set(k, v as SeveritySetting);
  }
  const settings: Settings = {
    enable: get('enable'),
    severities,
    compilerConfirm: get('compiler.confirm'),
    workspaceScan: get('workspaceScan'),
    tests: get('tests'),
    exclude: get('exclude'),
    steadyEntries: get('rules.mapretain.steadyEntries'),
    build: { tags: get<readonly string[]>('build.tags').flatMap((t) => t.split(/[,\s]+/)).filter(Boolean) },
    profile: { sample: get('profile.sample'), threshold: typeof threshold === 'number' ? threshold : parseSize(threshold)!, allowRemote: get('profile.allowRemote') },
  };
  const goVersion = version('goVersion');
  if (goVersion) settings.goVersion = goVersion;
  const profileGo = version('profile.goVersion');
  if (profileGo) settings.profile.goVersion = profileGo;
  for (const k of ['goos', 'goarch'] as const) { const v = get<string>(`build.${k}`); if (v) settings.build[k] = v; }
  if (config) settings.config = config;
  return settings;
}

export const DEFAULT_SETTINGS: Settings = settingsFrom(new Map());

/**
 * Whether a file is analyzed under these settings: go-mapleak enabled, the config file usable, and
 * the file not excluded. Exclude globs are relative to the config file that set them, else to the
 * workspace folder (`folder`).
 */
export function analyzes(settings: Settings, file: string, folder?: string): boolean {
  if (!settings.enable || settings.configError) return false;
  if (!settings.exclude.length) return true;
  const base = settings.config?.values.has('exclude') ? settings.config.dir : folder;
  return base === undefined || excludeGlobs([file], settings.exclude, base).length === 1;
}

/** Whether every severity of a rule is off (then it does not run at all). */
export function ruleOff(settings: Settings, rule: string): boolean {
  const keys = severitySettingKeys().filter((k) => k.startsWith(rule + '.'));
  return keys.length > 0 && keys.every((k) => settings.severities.get(k) === 'off');
}

/** The setting wins when one is set; otherwise the rule's own judgement of this finding. */
export function effectiveSeverity(finding: Finding, settings: Settings): Severity | 'off' {
  return settings.severities.get(`${finding.rule}.${finding.severitySetting ?? 'severity'}`) ?? finding.severity;
}

/**
 * obj[a][b][c], also found when the editor sent dotted keys: obj['a.b.c'] or obj.a['b.c'].
 * VS Code nests; Neovim and eglot users often write the keys as they read them in the docs.
 */
function lookup(obj: unknown, parts: readonly string[]): unknown {
  if (!parts.length) return obj;
  if (obj === null || typeof obj !== 'object') return undefined;
  const rec = obj as Record<string, unknown>;
  for (let i = parts.length; i > 0; i--) {
    const key = parts.slice(0, i).join('.');
    if (Object.prototype.hasOwnProperty.call(rec, key)) {
      const found = lookup(rec[key], parts.slice(i));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The goMapleak section of a settings object that may or may not be wrapped in `{ goMapleak: ... }`. */
export function sectionOf(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return undefined;
  const rec = raw as Record<string, unknown>;
  if (SECTION in rec) return rec[SECTION];
  // Flat keys such as "goMapleak.enable" at the top level.
  const prefix = SECTION + '.';
  const flat = Object.keys(rec).filter((k) => k.startsWith(prefix));
  if (flat.length) return Object.fromEntries(flat.map((k) => [k.slice(prefix.length), rec[k]]));
  return undefined;
}

/** The valid values of an editor's goMapleak section; each invalid one is ignored and described in `warnings`. */
export function sectionValues(section: unknown, warnings: string[]): Map<string, SettingValue> {
  const values = new Map<string, SettingValue>();
  for (const spec of SETTINGS) {
    const raw = lookup(section, spec.key.split('.'));
    if (raw === undefined || raw === null) continue;
    const value = checkValue(spec, raw, true);
    if (value !== undefined) values.set(spec.key, value);
    else warnings.push(`go-mapleak: ${SECTION}.${spec.key} ${JSON.stringify(raw)} is not ${expectedOf(spec)}; using the default${defaultText(spec.default)}.`);
  }
  return values;
}

function defaultText(value: SettingValue): string {
  return value === '' || (Array.isArray(value) && !value.length) ? '' : ` ${JSON.stringify(value)}`;
}

/**
 * An editor's goMapleak section, with the keys a config file sets on top: the file is the
 * repository's, checked in and shared, so it wins, as .golangci.yml does over an editor's flags.
 */
export function readSettings(section: unknown, config?: Config): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const values = sectionValues(section, warnings);
  if (config) for (const [k, v] of config.values) values.set(k, v);
  return { settings: settingsFrom(values, config), warnings };
}
