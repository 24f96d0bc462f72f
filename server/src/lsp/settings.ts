// The `goMapleak` settings: reading whatever shape an editor sends (VS Code's nested objects,
// flat dotted keys from other editors, or nothing at all) into one checked Settings value,
// and keeping them per document scope, pulled with workspace/configuration when the client can.
import { parseGoVersion, type GoVersion } from '../analysis/goversion';
import { SEVERITIES, type Severity } from '../analysis/types';
import { RULES } from '../analysis/rules';
import { BuildTargets } from '../workspace/target';
import { MEMORY_SAMPLES, type MemorySample } from '../profile/decode';
import { DEFAULT_THRESHOLD, parseSize } from '../profile/evidence';
import type { ProfileSettings } from './profile';

export const SECTION = 'goMapleak';

export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', ...SEVERITIES];

export interface Settings {
  enable: boolean;
  /** An explicit Go version; undefined means the nearest go.mod. */
  goVersion?: GoVersion;
  /**
   * Only the severities the user set to a valid value, keyed `<rule>.<setting>` (`rangeclear.severity`,
   * `ifacebox.loopSeverity`); the others keep the finding's own severity.
   */
  severities: ReadonlyMap<string, SeveritySetting>;
  /** goMapleak.compiler.confirm: build the package with the Go compiler on save to confirm findings. */
  compilerConfirm: 'onSave' | 'off';
  /** goMapleak.workspaceScan: lint every Go file of the workspace in the background (lsp/workspacescan.ts). */
  workspaceScan: boolean;
  /** goMapleak.tests: report the allocation and retention rules in _test.go files too. */
  tests: boolean;
  /** goMapleak.build.{tags,goos,goarch}: the build target files are judged against (workspace/target.ts). */
  build: { tags: string[]; goos?: string; goarch?: string };
  /** goMapleak.profile.*: how a loaded heap profile is read (lsp/profile.ts). */
  profile: ProfileSettings;
}

export const DEFAULT_PROFILE_SETTINGS: ProfileSettings = { sample: 'inuse_space', threshold: DEFAULT_THRESHOLD, allowRemote: false };

export const DEFAULT_SETTINGS: Settings = { enable: true, severities: new Map(), compilerConfirm: 'onSave', workspaceScan: true, tests: false, build: { tags: [] }, profile: DEFAULT_PROFILE_SETTINGS };

/** Every severity setting of the rules: `severity` plus the rule's extra ones. */
export function severitySettingKeys(): string[] {
  return RULES.flatMap((r) => [`${r.name}.severity`, ...Object.keys(r.extraSeverities ?? {}).map((k) => `${r.name}.${k}`)]);
}

/** Whether the user turned every severity of a rule off (then it does not run at all). */
export function ruleOff(settings: Settings, rule: string): boolean {
  const keys = severitySettingKeys().filter((k) => k.startsWith(rule + '.'));
  return keys.length > 0 && keys.every((k) => settings.severities.get(k) === 'off');
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

/** Checks a goMapleak section. Invalid values are ignored and described in `warnings`. */
export function readSettings(section: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const enable = lookup(section, ['enable']);
  const scan = lookup(section, ['workspaceScan']);
  const tests = lookup(section, ['tests']);
  const settings: Settings = {
    enable: typeof enable === 'boolean' ? enable : true, severities: new Map(), compilerConfirm: 'onSave',
    workspaceScan: typeof scan === 'boolean' ? scan : true,
    tests: typeof tests === 'boolean' ? tests : false,
    build: { tags: [] },
    profile: { ...DEFAULT_PROFILE_SETTINGS },
  };
  readProfileSettings(section, settings.profile, warnings);
  const tags = lookup(section, ['build', 'tags']);
  if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) settings.build.tags = tags.flatMap((t) => t.split(/[,\s]+/)).filter(Boolean);
  else if (typeof tags === 'string') settings.build.tags = tags.split(/[,\s]+/).filter(Boolean);
  else if (tags !== undefined && tags !== null) warnings.push('go-mapleak: goMapleak.build.tags must be a list of build tags; using none.');
  for (const k of ['goos', 'goarch'] as const) {
    const v = lookup(section, ['build', k]);
    if (typeof v === 'string' && /^[a-z0-9]+$/.test(v)) settings.build[k] = v;
    else if (v !== undefined && v !== null && v !== '') warnings.push(`go-mapleak: goMapleak.build.${k} "${String(v)}" is not a GO${k.toUpperCase()} value; using the environment's.`);
  }
  if (tests !== undefined && tests !== null && typeof tests !== 'boolean') warnings.push(`go-mapleak: goMapleak.tests must be true or false; using false.`);

  const confirm = lookup(section, ['compiler', 'confirm']);
  if (confirm === 'onSave' || confirm === 'off') settings.compilerConfirm = confirm;
  else if (confirm !== undefined && confirm !== null) warnings.push(`go-mapleak: goMapleak.compiler.confirm "${String(confirm)}" is not one of onSave, off; using onSave.`);

  const version = lookup(section, ['goVersion']);
  if (typeof version === 'string' && version.trim() !== '') {
    settings.goVersion = parseGoVersion(version);
    if (!settings.goVersion) warnings.push(`go-mapleak: goMapleak.goVersion "${version}" is not a Go version such as 1.22; using go.mod instead.`);
  } else if (version !== undefined && version !== null && typeof version !== 'string') {
    warnings.push(`go-mapleak: goMapleak.goVersion must be a string such as "1.22"; using go.mod instead.`);
  }

  const severities = new Map<string, SeveritySetting>();
  for (const key of severitySettingKeys()) {
    const value = lookup(section, ['rules', ...key.split('.')]);
    // 'default' lets the rule decide, from each finding's impact.
    if (value === undefined || value === null || value === 'default') continue;
    if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
      severities.set(key, value as SeveritySetting);
    } else {
      warnings.push(`go-mapleak: goMapleak.rules.${key} "${String(value)}" is not one of ${SEVERITY_SETTINGS.join(', ')}; using the rule's default.`);
    }
  }
  settings.severities = severities;
  return { settings, warnings };
}

function readProfileSettings(section: unknown, into: ProfileSettings, warnings: string[]): void {
  const sample = lookup(section, ['profile', 'sample']);
  if (typeof sample === 'string' && (MEMORY_SAMPLES as readonly string[]).includes(sample)) into.sample = sample as MemorySample;
  else if (sample !== undefined && sample !== null) warnings.push(`go-mapleak: goMapleak.profile.sample "${String(sample)}" is not one of ${MEMORY_SAMPLES.join(', ')}; using inuse_space.`);
  const threshold = lookup(section, ['profile', 'threshold']);
  const bytes = typeof threshold === 'number' ? threshold : typeof threshold === 'string' ? parseSize(threshold) : undefined;
  if (bytes !== undefined && bytes >= 0) into.threshold = bytes;
  else if (threshold !== undefined && threshold !== null) warnings.push(`go-mapleak: goMapleak.profile.threshold "${String(threshold)}" is not a size such as 1MiB; using 1MiB.`);
  const remote = lookup(section, ['profile', 'allowRemote']);
  if (typeof remote === 'boolean') into.allowRemote = remote;
  else if (remote !== undefined && remote !== null) warnings.push('go-mapleak: goMapleak.profile.allowRemote must be true or false; using false.');
  const go = lookup(section, ['profile', 'goVersion']);
  if (typeof go === 'string' && go.trim()) {
    into.goVersion = parseGoVersion(go);
    if (!into.goVersion) warnings.push(`go-mapleak: goMapleak.profile.goVersion "${go}" is not a Go version such as 1.26; using go.mod's.`);
  }
}

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
    const { settings, warnings } = readSettings(section);
    for (const w of warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.warn(w);
    }
    return settings;
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
