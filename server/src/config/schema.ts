// The one table of go-mapleak's settings. Each key is checked here, whoever sets it: VS Code
// settings (goMapleak.<key>), another editor's settings, or a .go-mapleak.yaml file. The
// package.json contribution and the config file's JSON Schema are generated from it
// (config/generate.ts), so an editor, the file and the checks cannot disagree.
import { parseGoVersion } from '../analysis/goversion';
import { SEVERITIES } from '../analysis/types';
import { RULES } from '../analysis/rules';
import { MEMORY_SAMPLES } from '../profile/decode';
import { parseSize } from '../profile/evidence';
import { TYPICAL_ENTRIES } from '../explain/findingnumbers';

/** VS Code's scopes: `resource` settings may differ per folder, `window` ones are the window's. */
export type SettingScope = 'resource' | 'window';

interface SpecBase {
  /** The key below goMapleak (`rules.rangeclear.severity`); its dots are the config file's nesting. */
  key: string;
  markdownDescription: string;
  scope: SettingScope;
  /** Only an editor reads it (the CLI has no use for it); still accepted in a config file. */
  editorOnly?: boolean;
}

export type SettingSpec = SpecBase & (
  | { type: 'boolean'; default: boolean }
  | { type: 'enum'; values: readonly string[]; valueDescriptions?: readonly string[]; default: string }
  /** A string checked by `valid`; `pattern` is the same check for the JSON Schemas. */
  | { type: 'string'; default: ''; pattern: string; expected: string; valid: (s: string) => boolean }
  | { type: 'strings'; default: readonly string[] }
  /** A byte size: a number, or a string such as 1MiB (profile/evidence.ts parseSize). */
  | { type: 'size'; default: string }
  /** A whole number from min to max. */
  | { type: 'count'; default: number; min: number; max: number }
);

export type SettingValue = boolean | string | number | readonly string[];

export const SEVERITY_SETTING_VALUES = ['default', 'off', ...SEVERITIES] as const;

const GO_VERSION_PATTERN = '^$|^(go)?1\\.\\d+(\\.\\d+)?$';
const GO_VERSION = { type: 'string', default: '', pattern: GO_VERSION_PATTERN, expected: 'a Go version such as 1.22', valid: (s: string) => s === '' || parseGoVersion(s) !== undefined } as const;
const GO_ENV = { type: 'string', default: '', pattern: '^[a-z0-9]*$', expected: 'a lower-case word such as linux or amd64', valid: (s: string) => /^[a-z0-9]*$/.test(s) } as const;

const SEVERITY_CHOICES = [
  'Do not run the rule.',
  'Show findings as hints (faint dots under the code; not listed in the Problems panel).',
  'Show findings as information.',
  'Show findings as warnings.',
  'Show findings as errors.',
];

/** Per rule severity setting: what `default` means for it, and the setting's description. */
const SEVERITY_TEXTS: Record<string, { markdownDescription: string; byDefault: string; off?: string }> = {
  'rangeclear.severity': {
    markdownDescription: "Severity of `rangeclear` findings (range loops that only delete every key). `default` lets the rule decide from each finding's impact: information (hint in example programs). `off` disables the rule.",
    byDefault: "The rule decides, from each finding's impact (docs/rules/rangeclear.md).",
  },
  'mapretain.severity': {
    markdownDescription: "Severity of `mapretain` findings (a long-lived map emptied and never released). `default` lets the rule decide from each finding's impact: warning for a leak's evidence (a long-lived owner filled from input and only emptied), hint for reuse or what the code does not settle; none at the end of its owner's life. `off` disables the rule.",
    byDefault: "The rule decides, from each finding's impact (docs/rules/mapretain.md).",
  },
  'mapshrink.severity': {
    markdownDescription: "Severity of `mapshrink` findings (a long-lived map that gains a key per unit of work, loses it with `delete` and is never rebuilt; and `m = maps.Clone(m)` meant to shrink a map). `default` lets the rule decide from each finding's impact: warning for the shapes of the leaks projects fixed (a package-level store or an owner that serves others, keyed by units of work, emptied when the work ends), hint for the rest. `off` disables the rule.",
    byDefault: "The rule decides, from each finding's impact (docs/rules/mapshrink.md).",
  },
  'ifacebox.severity': {
    markdownDescription: 'Severity of `ifacebox` findings off a per-item path (a value stored in a map with an interface value type that the conversion heap-allocates, where the store runs once per call, on a failure branch or for a payload handed to an encoder). `default` is hint; `off` hides them. Stores on a per-item path follow `goMapleak.rules.ifacebox.loopSeverity`.',
    byDefault: 'The rule decides: hint.', off: 'Do not report these stores.',
  },
  'ifacebox.loopSeverity': {
    markdownDescription: 'Severity of `ifacebox` findings on a per-item path: in a loop (or a callback a walker calls per item), where the allocation repeats for every item. `default` is warning; `off` hides them.',
    byDefault: 'The rule decides: warning.', off: 'Do not report these stores.',
  },
};

/** Every severity setting of the rules: `severity` plus the rule's extra ones (`ifacebox.loopSeverity`). */
export function severitySettingKeys(): string[] {
  return RULES.flatMap((r) => [`${r.name}.severity`, ...Object.keys(r.extraSeverities ?? {}).map((k) => `${r.name}.${k}`)]);
}

function severitySpecs(): SettingSpec[] {
  return severitySettingKeys().map((k) => {
    const text = SEVERITY_TEXTS[k];
    if (!text) throw new Error(`config/schema.ts: no description for the severity setting rules.${k}`);
    return {
      key: `rules.${k}`, type: 'enum', values: SEVERITY_SETTING_VALUES, default: 'default', scope: 'resource', markdownDescription: text.markdownDescription,
      valueDescriptions: [text.byDefault, text.off ?? SEVERITY_CHOICES[0], ...SEVERITY_CHOICES.slice(1)],
    };
  });
}

/** Rule options other than severities, each listed after its rule's severities. */
const RULE_OPTIONS: readonly SettingSpec[] = [
  {
    key: 'rules.mapretain.steadyEntries', type: 'count', default: TYPICAL_ENTRIES, min: 1, max: 100_000_000, scope: 'resource',
    markdownDescription: "The entry count `mapretain` takes for a map's steady size where the code shows no `make` hint: its figures (what emptying keeps at that size, and after a spike to ten times it) and the limit of its bounded-release fix (`if len(m) > N { m = make(...) } else { clear(m) }`). Set it to the size your maps hold in production.",
  },
];

/** The rules' settings, grouped by rule (the config file nests them: one `mapretain:` block). */
function ruleSpecs(): SettingSpec[] {
  const rule = (spec: SettingSpec) => spec.key.split('.')[1];
  const out: SettingSpec[] = [];
  const severities = severitySpecs();
  severities.forEach((spec, i) => {
    out.push(spec);
    if (severities[i + 1] && rule(severities[i + 1]) === rule(spec)) return;
    out.push(...RULE_OPTIONS.filter((o) => rule(o) === rule(spec)));
  });
  return out;
}

/** In the order of VS Code's settings page and of `go-mapleak config init`. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: 'enable', type: 'boolean', default: true, scope: 'resource', markdownDescription: 'Analyze Go files with go-mapleak. In a `.go-mapleak.yaml`, `false` turns go-mapleak off below the file, in the editor and on the command line.' },
  { key: 'goVersion', ...GO_VERSION, scope: 'resource', markdownDescription: 'Go language version to assume (e.g. `1.22`). Empty: the nearest `go.mod` `go` line.' },
  {
    key: 'workspaceScan', type: 'boolean', default: true, scope: 'resource', editorOnly: true,
    markdownDescription: 'Lint every Go file of the workspace folders in the background when a folder opens (skipping `vendor`, `testdata`, `node_modules` and directories starting with `.` or `_`), so findings of closed files appear in the Problems panel, and keep them current as files change on disk.',
  },
  {
    key: 'tests', type: 'boolean', default: false, scope: 'resource',
    markdownDescription: 'Report `mapretain`, `mapshrink` and `ifacebox` in `_test.go` files too. Off by default: their findings there are almost never worth a change (test tables, expectation maps, benchmark setup). `rangeclear` reports in tests either way.',
  },
  {
    key: 'exclude', type: 'strings', default: [], scope: 'resource',
    markdownDescription: 'Paths not linted: globs, `/`-separated, relative to the `.go-mapleak.yaml` that sets them (in editor settings: to the workspace folder). `*` matches within a path segment, `**` across segments; a directory excludes everything below it.',
  },
  {
    key: 'build.tags', type: 'strings', default: [], scope: 'resource',
    markdownDescription: "Build tags files are judged against, as `go build -tags` takes them (beside `GOFLAGS`'s `-tags`). A file whose `//go:build` line or `_GOOS`/`_GOARCH` name excludes it from this build is not analyzed and is in no package view, as `go vet` does not see it. Release tags follow the module's toolchain or go line.",
  },
  { key: 'build.goos', ...GO_ENV, scope: 'resource', markdownDescription: "The GOOS files are judged against; empty: the `GOOS` environment variable, else this machine's." },
  { key: 'build.goarch', ...GO_ENV, scope: 'resource', markdownDescription: "The GOARCH files are judged against; empty: the `GOARCH` environment variable, else this machine's." },
  ...ruleSpecs(),
  {
    key: 'compiler.confirm', type: 'enum', values: ['onSave', 'off'], default: 'onSave', scope: 'resource',
    valueDescriptions: ['Build the package after each save (the CLI: build the packages with findings it can confirm, `--compiler auto`).', 'Never run the Go compiler.'],
    markdownDescription: 'Confirm findings with the Go compiler when a file is saved: its package is compiled (`go test -c -gcflags=-json=0,DIR`, the log in a temporary directory, the binary discarded, `GOTOOLCHAIN=local`, `-mod=readonly`, no module downloads), never writing to the workspace. Needs `go` on PATH and a trusted workspace. `off` never runs the compiler.',
  },
  { key: 'profile.sample', type: 'enum', values: MEMORY_SAMPLES, default: 'inuse_space', scope: 'window', markdownDescription: 'Which sample type of a loaded heap profile to read (as `go tool pprof -sample_index`).' },
  {
    key: 'profile.threshold', type: 'size', default: '1MiB', scope: 'window',
    markdownDescription: 'With a heap profile loaded, a map the code empties that holds at least this much in use is raised to a warning; one that holds less is lowered to a hint. A size (`1MiB`, `512KiB`) or bytes.',
  },
  {
    key: 'profile.allowRemote', type: 'boolean', default: false, scope: 'window',
    markdownDescription: "Allow loading a heap profile from a URL of another host (by default only this machine's: a profile names every function and file of a program).",
  },
  {
    key: 'profile.goVersion', ...GO_VERSION, scope: 'window',
    markdownDescription: "The Go release the profiled program ran on (e.g. `1.26`), for the entry counts its maps' storage is sized for. Empty: the module's toolchain or go line.",
  },
];

export const SPEC_BY_KEY: ReadonlyMap<string, SettingSpec> = new Map(SETTINGS.map((s) => [s.key, s]));

/** What a setting must be, in words, for a message. */
export function expectedOf(spec: SettingSpec): string {
  switch (spec.type) {
    case 'boolean': return 'true or false';
    case 'enum': return `one of ${spec.values.join(', ')}`;
    case 'string': return spec.expected;
    case 'strings': return 'a list of strings';
    case 'size': return 'a size such as 1MiB or 512KiB, or a number of bytes';
    case 'count': return `a whole number from ${spec.min} to ${spec.max.toLocaleString('en-US')}`;
  }
}

/**
 * The value when it is valid for the spec, else undefined. `lenient` (editor settings) also takes a
 * comma- or space-separated string for a list, as users of other editors often write build tags.
 */
export function checkValue(spec: SettingSpec, value: unknown, lenient = false): SettingValue | undefined {
  switch (spec.type) {
    case 'boolean': return typeof value === 'boolean' ? value : undefined;
    case 'enum': return typeof value === 'string' && spec.values.includes(value) ? value : undefined;
    case 'string': return typeof value === 'string' && spec.valid(value.trim()) ? value.trim() : undefined;
    case 'strings':
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
      if (lenient && typeof value === 'string') return value.split(/[,\s]+/).filter(Boolean);
      return undefined;
    case 'size':
      if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
      return typeof value === 'string' && parseSize(value) !== undefined ? value : undefined;
    case 'count': {
      const n = lenient && typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n >= spec.min && n <= spec.max ? n : undefined;
    }
  }
}
