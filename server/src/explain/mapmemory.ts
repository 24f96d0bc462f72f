// What a map of given key and value types holds at a few sizes, for hovers and fix previews:
// a thin layer over the simulation's fast estimate (sim/index.ts estimate, < 1 ms per call) and
// its layouts. Every number comes from sim/; nothing here re-derives a runtime rule.
import { estimate, layoutOf } from '../sim';
import { runtimeOf } from '../sim/alloc';
import { classicShape } from '../sim/classic';
import { groupLayout } from '../sim/swiss-rules';
import type { Runtime, SimConfig, TypeLayout } from '../sim/model';

/**
 * The newest Go release the simulation is validated against (docs/sim-accuracy.md: go1.26.8),
 * used when the module's version is not known.
 */
export const NEWEST_MODELLED_GO = '1.26';

export interface MapMemoryInput {
  /** Key and value types in Go syntax that sim/layout reads (analysis/syntax/typetext.ts layoutText). */
  keyType: string;
  valueType: string;
  /** "1.22", "1.24.3"...: the runtime's Go release; NEWEST_MODELLED_GO when absent. */
  runtimeVersion?: string;
  /** make(map[K]V, hint). */
  hint?: number;
}

export interface MapAtSize {
  entries: number;
  /** Heap bytes of the map's own allocations holding `entries` entries (expected value, rounded). */
  bytes: number;
  /** What stays after clear(m) or the range-delete loop. */
  afterClear: number;
  /** What stays after deleting every key one by one. */
  afterDeleteAll: number;
  /** The estimate's structure summary (B and buckets, or tables and dirLen; expected values). */
  structure: Record<string, number>;
}

export interface MapMemory {
  runtime: Runtime;
  /** The Go version the numbers are for (NEWEST_MODELLED_GO when none was given). */
  goVersion: string;
  /** True when no version was given and goVersion is NEWEST_MODELLED_GO. */
  assumedVersion: boolean;
  key: TypeLayout;
  value: TypeLayout;
  /**
   * classic: bucket size in bytes (tophash, 8 key slots, 8 value slots, overflow pointer);
   * swiss: group size in bytes (8 control bytes + 8 slots). From sim/classic.ts and sim/swiss-rules.ts.
   */
  bucketOrGroupBytes: number;
  /** Keys and values over 128 bytes are stored through a pointer to a separate object. */
  indirectKey: boolean;
  indirectValue: boolean;
  hint?: number;
  sizes: MapAtSize[];
}

/** Why there are no numbers: a type whose layout is unknown, or a version the sim cannot read. */
export interface UnknownMemory { unknown: string }

export function mapMemory(input: MapMemoryInput, entries: readonly number[]): MapMemory | UnknownMemory {
  const key = layoutOf(input.keyType);
  if ('unknown' in key) return { unknown: `the key type ${key.text} has no known layout (${key.reason})` };
  const value = layoutOf(input.valueType);
  if ('unknown' in value) return { unknown: `the value type ${value.text} has no known layout (${value.reason})` };
  const goVersion = (input.runtimeVersion ?? NEWEST_MODELLED_GO).replace(/^go/, '');
  let runtime: Runtime;
  try {
    runtime = runtimeOf(goVersion);
  } catch {
    return { unknown: `not a Go version: ${goVersion}` };
  }
  const cfg: SimConfig = { key, value, goVersion, hint: input.hint };
  let bucketOrGroupBytes: number, indirectKey: boolean, indirectValue: boolean;
  if (runtime === 'classic') {
    const shape = classicShape(key, value, goVersion);
    bucketOrGroupBytes = shape.bucketSize;
    indirectKey = shape.indirectKey > 0;
    indirectValue = shape.indirectElem > 0;
  } else {
    const g = groupLayout(key, value);
    bucketOrGroupBytes = g.groupSize;
    indirectKey = g.indirectKey;
    indirectValue = g.indirectElem;
  }
  const sizes = entries.map((n): MapAtSize => {
    // The estimate caps n at the key type's distinct values (keyDomain); e.entries is what is held.
    const e = estimate(cfg, n);
    // The estimate gives expected values; a byte count is shown whole.
    return { entries: e.entries, bytes: Math.round(e.bytes), afterClear: Math.round(e.afterClear), afterDeleteAll: Math.round(e.afterDeleteAll), structure: e.structure };
  });
  return {
    runtime, goVersion, assumedVersion: input.runtimeVersion === undefined, key, value,
    bucketOrGroupBytes, indirectKey, indirectValue, hint: input.hint, sizes,
  };
}

export function isUnknownMemory(m: MapMemory | UnknownMemory): m is UnknownMemory {
  return 'unknown' in m;
}

/** 1,234,567 (en-US grouping, whole numbers). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes with their exact count: "832 B", "9.3 KiB (9,512 B)", "2.4 MiB (2,506,824 B)": integers or one decimal. */
export function formatBytes(n: number): string {
  const b = Math.round(n);
  const exact = `${formatCount(b)} B`;
  if (b < 1024) return exact;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = b / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  // One decimal at most: enough to compare, the exact count follows.
  const shown = v >= 100 ? v.toFixed(0) : v.toFixed(1);
  return `${shown} ${units[u]} (${exact})`;
}

/**
 * Runs one throwaway estimate per runtime so the first hover does not pay the JIT and the
 * tables (~15 ms); call it off the request path, e.g. when the server is initialized.
 */
export function warmMapMemory(): void {
  for (const v of ['1.22', NEWEST_MODELLED_GO]) mapMemory({ keyType: 'string', valueType: 'int', runtimeVersion: v, hint: 100 }, [1000, 1e6]);
}
