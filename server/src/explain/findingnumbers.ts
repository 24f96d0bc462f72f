// The numbers of a finding: what the map holds at one size before and after the flagged code and
// after each fix, from the simulation's estimate (explain/mapmemory.ts over sim/). analyze() calls
// addNumbers once, so the hover, the code actions' change annotations and `--fix --diff` all show
// the same figures. Facts behind the sentences (DESIGN.md "What is true"): clear and the loop keep
// the map's storage; `m = make(...)` allocates a new map and the old one is freed at the next GC
// only once nothing else refers to it.
import { compareGoVersions, formatGoVersion, type GoVersion } from '../analysis/goversion';
import type { Finding, Fix, MapSubject, NarrowFacts } from '../analysis/types';
import { atLeastGo } from '../sim/alloc';
import { formatBytes as formatBytesUncached, formatCount, isUnknownMemory, mapMemory, type MapMemory } from './mapmemory';

/** The size used when the code shows no `make` hint: large enough for retention to matter. */
export const TYPICAL_ENTRIES = 100_000;

/** The figures of one map at one size, for the sentences and the annotations. */
interface Figures {
  mem: MapMemory;
  entries: number;
  /** Why this size: the hint, or the assumed typical size. */
  sizeNote: string;
  held: number;
  afterClear: number;
  afterDeleteAll: number;
  /** The new map of `m = make(map[K]V)` (no hint, as the fixes write it) before anything is stored. */
  fresh: number;
  /** mapretain's bounded release (MapSubject.limit): at the steady size and after a spike to ten times it. */
  steady?: { entries: number; held: number; afterClear: number };
  spike?: { entries: number; held: number; afterClear: number };
  /**
   * mapshrink (MapSubject.burst): at the peak; kept after deletes down to `rest` (deletes free no
   * storage: the peak's, as after deleting every key); a rebuild `make(T, rest)` + copy holding
   * `rest`; what `m = maps.Clone(m)` leaves (Go >= 1.25: the same storage; Go 1.21-1.24: mapclone2
   * sizes it for the count, as the rebuild). Indirect keys or values add one object per live entry.
   */
  burst?: { peak: number; rest: number; held: number; kept: number; rebuilt: number; cloneKeeps: boolean };
}

const code = (s: string) => '`' + s + '`';

type Cache = Map<string, Figures | string>;

/**
 * Figures by map type, version and hint, kept across analyses: a file is analyzed again on every
 * edit, with the same maps, and one estimate costs ~0.2 ms (sim/classic.ts at 100,000 entries).
 */
const FIGURES: Cache = new Map();
const FIGURES_MAX = 512;

/** formatBytes, memoized: Intl number formatting costs more than the rest of the text. */
const BYTES_TEXT = new Map<number, string>();
function formatBytes(n: number): string {
  let t = BYTES_TEXT.get(n);
  if (t === undefined) {
    if (BYTES_TEXT.size >= FIGURES_MAX * 4) BYTES_TEXT.clear();
    BYTES_TEXT.set(n, (t = formatBytesUncached(n)));
  }
  return t;
}

/** The figures for a subject, or why there are none. */
function figures(s: MapSubject, runtimeVersion: string | undefined, cache: Cache = FIGURES): Figures | string {
  if (s.keyType === undefined || s.valueType === undefined) return 'the map\'s key or value type is not known here';
  const id = [s.keyType, s.valueType, runtimeVersion ?? '', s.hint ?? '', s.limit ?? '', s.burst?.peak ?? '', s.burst?.rest ?? ''].join('\u0000');
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const entries = s.hint ?? TYPICAL_ENTRIES;
  const input = { keyType: s.keyType, valueType: s.valueType, runtimeVersion };
  const mem = mapMemory({ ...input, hint: s.hint }, [entries]);
  const empty = mapMemory(input, [0]);
  let out: Figures | string;
  if (isUnknownMemory(mem)) out = mem.unknown;
  else if (isUnknownMemory(empty)) out = empty.unknown;
  else {
    const at = mem.sizes[0];
    out = {
      mem, entries,
      sizeNote: s.hint !== undefined ? `${formatCount(entries)} entries (its ${code('make')} hint)` : `${formatCount(entries)} entries (a typical size assumed here: the code shows no ${code('make')} hint)`,
      held: at.bytes, afterClear: at.afterClear, afterDeleteAll: at.afterDeleteAll, fresh: empty.sizes[0].bytes,
    };
    if (s.limit !== undefined) {
      const sizes = mapMemory({ ...input, hint: s.hint }, [s.limit, s.limit * 10]);
      if (!isUnknownMemory(sizes)) {
        const [a, b] = sizes.sizes;
        out.steady = { entries: a.entries, held: a.bytes, afterClear: a.afterClear };
        out.spike = { entries: b.entries, held: b.bytes, afterClear: b.afterClear };
      }
    }
  }
  if (typeof out !== 'string' && s.burst) {
    const peak = mapMemory(input, [s.burst.peak]);
    const rebuilt = mapMemory({ ...input, hint: s.burst.rest }, [s.burst.rest]);
    if (!isUnknownMemory(peak) && !isUnknownMemory(rebuilt)) {
      const at = peak.sizes[0];
      out.burst = { peak: at.entries, rest: s.burst.rest, held: at.bytes, kept: at.afterDeleteAll, rebuilt: rebuilt.sizes[0].bytes, cloneKeeps: atLeastGo(peak.goVersion, 25) };
    }
  }
  if (cache.size >= FIGURES_MAX) cache.clear(); // bounded; refilled from what is in use
  cache.set(id, out);
  return out;
}

/** "Go 1.22 (classic hmap, B=14)" / "Go 1.26 (Swiss tables: about 128 tables), assumed: no Go version known". */
function runtimeNote(f: Figures): string {
  const st = f.mem.sizes[0].structure;
  const shape = f.mem.runtime === 'classic'
    ? `classic hmap, B=${st.B}`
    : st.small ? 'Swiss table, one group' : `Swiss tables, ${Number.isInteger(st.tables) ? '' : 'about '}${Math.round(st.tables)} table${Math.round(st.tables) === 1 ? '' : 's'}`;
  const assumed = f.mem.assumedVersion ? ' assumed (no Go version known)' : '';
  return `Go ${f.mem.goVersion}${assumed} (${shape})`;
}

/** What the flagged code leaves: the loop deleting key by key, or one runtime clear. */
function keptByCode(s: MapSubject, f: Figures): number {
  return s.emptiedBy === 'deletes' ? f.afterDeleteAll : f.afterClear;
}

function mapType(f: Figures, s: MapSubject): string {
  return s.typeText ?? `map[${f.mem.key.text}]${f.mem.value.text}`;
}

/** Two or three sentences for the hover: the size, what stays after the code and after each remedy. */
function numbersText(finding: Finding, s: MapSubject, f: Figures, goLineOnly: boolean): string {
  const m = s.expr;
  const own = f.mem.key.hasPointers || f.mem.value.hasPointers ? ' (not counting what its keys and values point to)' : '';
  // The go line is a minimum: the runtime is the toolchain's (as the map hover says, maphover.ts).
  const minimum = goLineOnly && f.mem.runtime === 'classic' ? '; the go line is a minimum: a Go 1.24 or newer toolchain runs Swiss tables instead' : '';
  const parts = [`**Numbers** (simulation estimate for ${code(mapType(f, s))} on ${runtimeNote(f)}${minimum}; accuracy: docs/sim-accuracy.md): at ${f.sizeNote} the map's own storage is ${formatBytes(f.held)}${own}.`];
  if (f.burst) {
    const b = f.burst;
    parts.push(`After a burst to ${formatCount(b.peak)} entries (${formatBytes(b.held)}) and deletes down to ${formatCount(b.rest)} it still holds ${formatBytes(b.kept)}: deletes free no storage. ` +
      `Rebuilt with ${code(`make(..., ${formatCount(b.rest).replace(/,/g, '')})`)} and a copy loop it holds ${formatBytes(b.rebuilt)}. ` +
      (b.cloneKeeps ? `${code('maps.Clone')} keeps the ${formatBytes(b.kept)}: from Go 1.25 the clone copies every table at its capacity.` : `${code('maps.Clone')} would copy it at its current size on this runtime (runtime.mapclone2), but from Go 1.25 the clone keeps the capacity.`));
    return parts.join(' ');
  }
  if (s.emptiedBy === 'deletes') {
    const same = f.afterDeleteAll === f.afterClear;
    parts.push(`Emptied by this loop it still holds ${formatBytes(f.afterDeleteAll)}; ${code(`clear(${m})`)} ${same ? 'keeps the same' : `keeps ${formatBytes(f.afterClear)}`}.`);
  } else if (s.emptiedBy === 'clear') {
    parts.push(`Emptied here (one runtime map clear) it still holds ${formatBytes(f.afterClear)}.`);
  }
  if (f.steady && f.spike) {
    parts.push(`What decides it is its peak against its steady size: at a steady ${formatCount(f.steady.entries)} entries emptying keeps ${formatBytes(f.steady.afterClear)} for reuse, which is right; ` +
      `after a spike to ${formatCount(f.spike.entries)} it keeps ${formatBytes(f.spike.afterClear)} until the map is released. ` +
      `The bounded fix releases it once it holds more than ${formatCount(f.steady.entries)} entries, so it never keeps more than about ${formatBytes(f.steady.held)} for reuse.`);
  }
  if (finding.fixes.some((x) => x.effect === 'fresh')) {
    parts.push(`${code(`${m} = make(...)`)} instead leaves a new map of ${formatBytes(f.fresh)} and frees the old ${formatBytes(f.held)} at the next GC, once nothing else refers to the old map.`);
  }
  return parts.join(' ');
}

/** The change annotation of one fix: a short label and the before/after line. */
function annotation(fix: Fix, s: MapSubject, f: Figures | string): Fix['annotation'] {
  const m = s.expr;
  if (fix.effect === 'syncclear') {
    return { label: `${m}.Clear(): no size figures`, description: 'The simulation models Go\'s built-in map only, not sync.Map, so this preview has no numbers.' };
  }
  if (typeof f === 'string') {
    const what = fix.effect === 'fresh' ? `${m} = make(...) lets the GC free the old map` : fix.effect === 'clear' ? `clear(${m}) keeps the map's storage` : `${m} keeps its storage`;
    return { label: `${what} (no size figures)`, description: `No numbers: ${f}.` };
  }
  // Plain text: editors show a description as it is, without markdown.
  const at = `At ${f.sizeNote.replace(/`/g, '')}, ${mapType(f, s)} on ${runtimeNote(f)}: the map holds ${formatBytes(f.held)}`;
  const kept = keptByCode(s, f);
  const now = s.emptiedBy === 'deletes' ? `after this loop ${formatBytes(kept)}` : s.emptiedBy === 'clear' ? `after emptying it here ${formatBytes(kept)}` : '';
  const lead = now ? `${at}; ${now}` : at;
  switch (fix.effect) {
    case 'clear':
      return {
        label: `clear(${m}) keeps ${short(f.afterClear)}`,
        description: `${s.emptiedBy === 'deletes' ? lead : at}; after clear(${m}) ${formatBytes(f.afterClear)}${s.emptiedBy === 'clear' ? ', as after this loop' : ''} (clear keeps the map's storage). Source: the simulation's estimate.`,
      };
    case 'bounded':
      if (!f.steady || !f.spike) return undefined;
      return {
        label: `release past ${formatCount(f.steady.entries)} entries: frees ${short(f.spike.afterClear)} after a spike`,
        description: `${mapType(f, s)} on ${runtimeNote(f)}: at a steady ${formatCount(f.steady.entries)} entries emptying keeps ${formatBytes(f.steady.afterClear)} (kept for reuse, as before); ` +
          `after a spike to ${formatCount(f.spike.entries)} entries clear alone keeps ${formatBytes(f.spike.afterClear)}, and this fix replaces the map with a new one instead, ` +
          `freeing the old storage at the next GC once nothing else refers to it. Source: the simulation's estimate.`,
      };
    case 'fresh':
      return {
        label: `${m} = make(...) lets the GC free ${short(f.held)}`,
        description: `${lead}; after ${m} = make(...) a new map of ${formatBytes(f.fresh)}, and the old ${formatBytes(f.held)} freed at the next GC once nothing else refers to the old map. Source: the simulation's estimate.`,
      };
    case 'rebuild':
    case 'drained': {
      const b = f.burst;
      if (!b) return undefined;
      const when = fix.effect === 'rebuild' ? 'rebuilt once it holds a quarter of its peak or less' : 'replaced once it is empty';
      return {
        label: `${fix.effect === 'rebuild' ? 'rebuild' : 'release when empty'}: ${short(b.kept)} → ${short(b.rebuilt)} after a burst to ${formatCount(b.peak)}`,
        description: `${mapType(f, s)} on ${runtimeNote(f)}: after a burst to ${formatCount(b.peak)} entries and deletes down to ${formatCount(b.rest)} the map holds ${formatBytes(b.kept)}; ` +
          `${when}, a map sized for ${formatCount(b.rest)} entries holds ${formatBytes(b.rebuilt)}, and the old storage is freed at the next GC once nothing else refers to it. Source: the simulation's estimate.`,
      };
    }
    case 'suppress':
      if (f.burst) return { label: `keep ${m} as it is: ${short(f.burst.kept)} held after a burst to ${formatCount(f.burst.peak)}`, description: `${mapType(f, s)} on ${runtimeNote(f)}: after a burst to ${formatCount(f.burst.peak)} entries and deletes down to ${formatCount(f.burst.rest)} the map keeps ${formatBytes(f.burst.kept)} for as long as it lives. Source: the simulation's estimate.` };
      return {
        label: `keep reusing ${m}: it holds ${short(kept)} when empty`,
        description: `${lead}, kept for reuse for as long as the map lives. Source: the simulation's estimate.`,
      };
    default:
      return undefined;
  }
}

/** The sizes the narrowing's preview compares the map's storage at. */
export const NARROW_SIZES = [1_000, 100_000, 1_000_000];

/**
 * ifacebox's narrowing (analysis/narrow.ts): the box each store no longer makes, the map's storage
 * with two-word interface slots against T's slots at NARROW_SIZES (the simulation's estimate), and
 * what each read becomes.
 */
export function narrowAnnotation(n: NarrowFacts, runtimeVersion?: string): Fix['annotation'] {
  const before = n.keyLayout ? mapMemory({ keyType: n.keyLayout, valueType: 'interface{}', runtimeVersion }, NARROW_SIZES) : undefined;
  const after = n.keyLayout && n.valueLayout ? mapMemory({ keyType: n.keyLayout, valueType: n.valueLayout, runtimeVersion }, NARROW_SIZES) : undefined;
  const boxes = `${n.stores === 1 ? 'its store' : `each of its ${n.stores} stores`} no longer boxes (runtime.${n.runtimeFunc}, ${Number.isInteger(n.bytesPerStore) ? n.bytesPerStore : n.bytesPerStore.toFixed(1)} B per store by the allocator model)`;
  let storage = '';
  let label = `${n.from} -> ${n.to}: no runtime.${n.runtimeFunc} per store`;
  if (before && after && !isUnknownMemory(before) && !isUnknownMemory(after)) {
    const at = NARROW_SIZES.map((e, i) => `at ${formatCount(e)} entries ${formatBytes(before.sizes[i].bytes)} -> ${formatBytes(after.sizes[i].bytes)}`);
    storage = ` The map's own storage on Go ${after.goVersion}${after.assumedVersion ? ' (the newest the simulation models; the module names none)' : ''}, ${n.from} against ${n.to}: ${at.join('; ')} (the simulation's estimate; the boxes come on top of the first).`;
    label += `; storage at ${formatCount(NARROW_SIZES[1])} entries ${short(before.sizes[1].bytes)} -> ${short(after.sizes[1].bytes)}`;
  } else if (before && isUnknownMemory(before)) storage = ` No storage figures: ${before.unknown}.`;
  else if (after && isUnknownMemory(after)) storage = ` No storage figures: ${after.unknown}.`;
  const reads = n.reads.map((r) => r.kind === 'assert'
    ? `${r.text} becomes ${withoutAssertion(r.text)}; a missing key now gives the zero value where the assertion panicked`
    : r.kind === 'typeswitch'
      ? `${r.text} becomes its ${n.to.replace(/^map\[[^\]]*\]/, '')} case alone (the key ranges over ${n.name}: the entry is there, and every value is one)`
    : r.kind === 'commaok'
      ? `v, ok := ${r.text} becomes v, ok := ${withoutAssertion(r.text)}, the same for a missing key (the zero value, ok false)`
      : `${r.text} handed to fmt or json stays as it is and boxes once per read; for a missing key it now writes the zero value where it wrote <nil> (fmt) or null (json)`);
  return {
    label,
    description: `Narrowing ${n.name} from ${n.from} to ${n.to}: ${boxes}.${storage}${reads.length ? ` Reads: ${reads.join('; ')}.` : ''}`,
  };
}

/** `m[k].(T)` without its assertion. */
function withoutAssertion(read: string): string {
  return read.replace(/\s*\.\s*\([^()]*(\([^()]*\)[^()]*)*\)$/, '');
}

/** "2.39 MiB", "832 B": the rounded figure for a label (the description has the exact count). */
function short(n: number): string {
  return formatBytes(n).replace(/ \(.*\)$/, '');
}

/**
 * Completes each finding about a map's memory (a subject, fixes with an effect) with its numbers:
 * a paragraph appended to the explanation and an annotation on each fix. Findings without a
 * subject are left as they are. Mutates and returns the findings (analyze() made them).
 */
export function addNumbers(findings: Finding[], runtimeVersion?: GoVersion, goVersion?: GoVersion): Finding[] {
  const version = runtimeVersion && formatGoVersion(runtimeVersion);
  // A runtime above the language version comes from a toolchain line; otherwise it is the go line's.
  const goLineOnly = !!runtimeVersion && !(goVersion && compareGoVersions(runtimeVersion, goVersion) > 0);
  for (const finding of findings) {
    for (const fix of finding.fixes) if (fix.narrow) fix.annotation = narrowAnnotation(fix.narrow, version);
    const s = finding.subject;
    if (!s || !finding.fixes.some((x) => x.effect)) continue;
    const sync = finding.fixes.some((x) => x.effect === 'syncclear');
    const f = sync ? 'sync.Map has no simulation model' : figures(s, version);
    if (typeof f !== 'string') {
      finding.explanation += '\n\n' + numbersText(finding, s, f, goLineOnly);
      // mapretain: the message itself says what decides it, with both figures.
      if (f.burst) finding.message += s.cloned
        ? (f.burst.cloneKeeps ? ` (after a burst to ${formatCount(f.burst.peak)} entries deleted down to ${formatCount(f.burst.rest)}, the clone is ${short(f.burst.kept)} again; a rebuild is ${short(f.burst.rebuilt)})` : '')
        : ` (after a burst to ${formatCount(f.burst.peak)} entries it holds ${short(f.burst.kept)} until rebuilt; a rebuild at ${formatCount(f.burst.rest)} entries holds ${short(f.burst.rebuilt)}${f.burst.cloneKeeps ? '; maps.Clone keeps the capacity' : ''})`;
      if (f.steady && f.spike) finding.message += ` (at a steady ${formatCount(f.steady.entries)} entries it keeps ${short(f.steady.afterClear)} for reuse; after a spike to ${formatCount(f.spike.entries)} it keeps ${short(f.spike.afterClear)} until released)`;
    } else if (sync) finding.explanation += '\n\nNo numbers: the simulation models Go\'s built-in map only, not `sync.Map`.';
    else finding.explanation += `\n\nNo numbers: ${f}.`;
    for (const fix of finding.fixes) {
      const a = fix.effect && annotation(fix, s, f);
      if (a) fix.annotation = a;
    }
  }
  return findings;
}
