// Hover text for rangeclear findings: what the loop (or Range/Delete) does to the map's memory.
// Every sentence follows DESIGN.md "What is true" and the runtime fact sheet. The numbers (bytes
// held before and after) are appended by explain/findingnumbers.ts, once for every rule.
import type { GoVersion } from '../analysis/goversion';
import type { GoType, Reflexivity } from '../analysis/syntax/gotypes';
import type { Storage } from '../analysis/syntax/storage';

export type RangeClearForm = 'define' | 'define-blank' | 'assign' | 'sync.Map';

export interface RangeClearFacts {
  form: RangeClearForm;
  /** The map expression as the fix spells it (`m`, `s.cache`). */
  mapText: string;
  keyType: GoType;
  valueType: GoType;
  /** The key type as written, when known (`float64`, `Key`). */
  keyTypeText?: string;
  reflexivity: Reflexivity;
  storage: Storage;
  goVersion?: GoVersion;
  /** Whether the compiler turns this loop into one runtime map clear (isMapClear). */
  compilerClears: boolean;
}

const code = (s: string) => '`' + s + '`';

function storageSentence(f: RangeClearFacts): string {
  const m = code(f.mapText);
  const release = `Only dropping every reference to it (${code(`${f.mapText} = nil`)}, ${code(`${f.mapText} = make(...)`)}, ${code(`${f.mapText} = map[K]V{}`)}) lets the GC free the old storage.`;
  switch (f.storage) {
    case 'local':
      return `${m} is a local variable: once the function no longer uses it, the GC frees the map and all its storage (a dead local is not kept alive), so no reassignment is needed.`;
    case 'parameter':
      return `${m} belongs to the caller: its storage stays as long as the caller keeps the map. Reassigning the parameter would not empty the caller's map.`;
    case 'package':
      return `${m} is a package-level variable: the emptied map keeps its storage for as long as the variable holds it, the life of the program unless it is reassigned. ${release}`;
    case 'field':
      return `${m} is a struct field: the emptied map keeps its storage as long as the struct is reachable. ${release}`;
    default:
      return release;
  }
}

function compilerSentence(f: RangeClearFacts): string {
  const src = '(cmd/compile/internal/walk/range.go, isMapClear)';
  if (f.compilerClears) {
    return `The compiler already turns this exact loop into one runtime map clear ${src}, the same call ${code(`clear(${f.mapText})`)} makes: replacing it is for clarity, not speed.`;
  }
  const key = f.keyTypeText ? code(f.keyTypeText) : 'its key type';
  if (f.reflexivity === 'nonreflexive') {
    return `The loop deletes key by key and cannot delete NaN keys: with ${key} keys, NaN != NaN, so ${code('delete')} never finds them. ${code('clear')} removes them too. For the same reason the compiler does not turn this loop into a map clear ${src}.`;
  }
  if (f.reflexivity === 'unknown') {
    return `The key type is not known here. If it holds floats, complex numbers or interfaces, NaN keys survive the loop (but not ${code('clear')}), and the compiler keeps the key-by-key loop ${src}.`;
  }
  return `The compiler turns only ${code('for k := range m { delete(m, k) }')} (key declared by the loop, no value variable, not even ${code('_')}) into one map clear ${src}; this form deletes key by key.`;
}

function syncMapText(f: RangeClearFacts): string {
  return [
    `**${code(`${f.mapText}.Range`)} with ${code('Delete')} of every key**`,
    '',
    `${code('Range')} calls ${code('Delete')} once per entry; ${code(`${f.mapText}.Clear()`)} (Go 1.23) empties the map in one call.`,
    `In Go 1.26's sources ${code('sync.Map')} is a hash trie (internal/sync/hashtriemap.go) and ${code('Clear')} replaces its root, so the old nodes become garbage once nothing iterates over them.`,
  ].join('\n');
}

/** Markdown for the hover on a rangeclear finding. */
export function explainRangeClear(f: RangeClearFacts): string {
  if (f.form === 'sync.Map') return syncMapText(f);
  const parts = [
    '**What this loop does to memory**',
    '',
    `It removes every entry of ${code(f.mapText)}, but the map keeps its storage: the bucket array (Go ≤ 1.23) or its groups, tables and directory (Go ≥ 1.24, Swiss tables). ${code('clear')} keeps it too (before Go 1.24 it drops only the overflow buckets allocated apart from the array and the old array of an unfinished grow): neither shrinks the map.`,
    '',
    storageSentence(f),
    '',
    compilerSentence(f),
  ];
  return parts.join('\n');
}
