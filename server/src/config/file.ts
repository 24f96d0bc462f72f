// .go-mapleak.yaml (.yml, .json): found by walking up from a linted directory, as golangci-lint
// finds .golangci.yml, and checked against the settings table (config/schema.ts) with the line
// and column of every problem. A file with any problem is not used at all: the lint does not run
// on a half-read config.
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { checkValue, expectedOf, SETTINGS, SPEC_BY_KEY, type SettingValue } from './schema';
import { readRegularFile } from '../workspace/source';

export const CONFIG_NAMES = ['.go-mapleak.yaml', '.go-mapleak.yml', '.go-mapleak.json'] as const;
/** A config file is a page of settings; anything larger is not one. */
const MAX_CONFIG_BYTES = 1 << 20;

export interface ConfigProblem {
  file: string;
  /** 1-based, as editors and compilers print them. */
  line: number;
  column: number;
  /** The setting's key (`rules.rangeclear.severity`), when the problem is one key's. */
  key?: string;
  message: string;
}

export interface Config {
  file: string;
  /** The file's directory: its exclude globs are relative to it. */
  dir: string;
  /** The keys the file sets, checked. */
  values: ReadonlyMap<string, SettingValue>;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(problemText).join('\n'));
  }
}

export function problemText(p: ConfigProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.key ? `${p.key}: ` : ''}${p.message}`;
}

/** The keys a user may write at some nesting, for "did you mean". */
const PREFIXES = new Set(SETTINGS.flatMap((s) => s.key.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))));

/** Parses and checks a config file's text; throws ConfigError naming every problem. */
export function parseConfig(file: string, text: string): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const problems: ConfigProblem[] = [];
  const at = (offset: number | undefined, message: string, key?: string) => {
    const pos = lines.linePos(offset ?? 0);
    problems.push({ file, line: pos.line, column: pos.col, key, message });
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push({ file, line: pos.line, column: pos.col, message: e.message.split('\n')[0] });
  }
  const values = new Map<string, SettingValue>();
  if (!problems.length && doc.contents !== null) {
    const walk = (node: Node, prefix: string) => {
      if (!isMap(node)) return at(node.range?.[0], prefix ? 'want a mapping of settings' : 'a config file is a mapping of settings (key: value)', prefix || undefined);
      for (const pair of node.items as Pair<Node, Node | null>[]) {
        const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const offset = pair.key?.range?.[0];
        if (name === undefined) { at(offset, 'a key must be a plain name'); continue; }
        const key = prefix ? `${prefix}.${name}` : name;
        const spec = SPEC_BY_KEY.get(key);
        if (spec) {
          const raw = pair.value === null ? null : pair.value.toJSON();
          const value = raw === null ? undefined : checkValue(spec, raw);
          if (value === undefined) at(pair.value?.range?.[0] ?? offset, `${raw === null ? 'no value' : JSON.stringify(raw)}: want ${expectedOf(spec)}`, key);
          else values.set(key, value);
        } else if (PREFIXES.has(key)) {
          if (pair.value === null) at(offset, 'want a mapping of settings', key);
          else walk(pair.value, key);
        } else {
          at(offset, `unknown key${suggestion(key)}`, key);
        }
      }
    };
    walk(doc.contents as Node, '');
  }
  if (problems.length) throw new ConfigError(problems);
  return { file, dir: path.dirname(file), values };
}

/** ", did you mean K?" for the known key nearest to a mistyped one (a typo, not a guess). */
function suggestion(key: string): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of PREFIXES) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? `; did you mean ${best}?` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Reads and checks a config file; unreadable is a ConfigError too (line 1). */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 1, column: 1, message: (err as Error).message }]);
  }
  return parseConfig(file, text);
}

/**
 * The config file that applies to a directory: the first of CONFIG_NAMES in it or an ancestor.
 * The walk stops after a repository's root (the directory holding .git), so a checkout never picks
 * up a file from the directory it sits in.
 */
export function findConfigFile(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const found = CONFIG_NAMES.map((n) => path.join(d, n)).find((p) => isFile(p));
    if (found) return found;
    if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) return undefined;
  }
}

function mtimeOf(p: string): number | undefined {
  try { return fs.statSync(p).mtimeMs; } catch { return undefined; }
}

function isFile(p: string): boolean {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

/** Config files by directory, each read once; `explicit` (--config) applies to every directory. */
export class ConfigFinder {
  private byDir = new Map<string, string | undefined>();
  private byFile = new Map<string, Config | ConfigError>();
  private mtimes = new Map<string, number | undefined>();

  constructor(private readonly explicit?: string | null) {}

  /** The config for a directory; undefined when none applies. Throws the file's ConfigError. */
  for(dir: string): Config | undefined {
    const file = this.fileFor(dir);
    if (file === undefined) return undefined;
    let loaded = this.byFile.get(file);
    if (!loaded) {
      this.mtimes.set(file, mtimeOf(file));
      try { loaded = loadConfig(file); } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        loaded = err;
      }
      this.byFile.set(file, loaded);
    }
    if (loaded instanceof ConfigError) throw loaded;
    return loaded;
  }

  fileFor(dir: string): string | undefined {
    if (this.explicit === null) return undefined; // --no-config
    if (this.explicit !== undefined) return this.explicit;
    if (!this.byDir.has(dir)) this.byDir.set(dir, findConfigFile(dir));
    return this.byDir.get(dir);
  }

  /**
   * Whether what was read is out of date: a directory's config file is another now, or one read
   * has changed or gone. For clients that do not watch files for the server.
   */
  stale(): boolean {
    for (const [dir, file] of this.byDir) if (findConfigFile(dir) !== file) return true;
    for (const [file, when] of this.mtimes) if (mtimeOf(file) !== when) return true;
    return false;
  }

  /** After a config file changed on disk: read them all again. */
  clear(): void {
    this.byDir.clear();
    this.byFile.clear();
    this.mtimes.clear();
  }
}
