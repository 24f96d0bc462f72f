// The inverse simulation: from the storage bytes a profile shows for one map, the entry counts its
// storage is sized for. The simulation's expected bytes grow with the count in steps (tables or
// bucket arrays double), so a byte figure names a range of counts, widened by the sampling error
// of a figure that pprof scaled up from a few sampled objects.
import { estimate, layoutOf } from '../sim';
import { isUnknown } from '../sim/layout';
import type { SimConfig } from '../sim/model';

export interface EntryRange {
  low: number;
  high: number;
  /** The relative error allowed on the bytes (sampling, and 2% for the model). */
  tolerance: number;
}

const MAX_ENTRIES = 2 ** 31;

/**
 * The relative error of a scaled heap figure: `objects` (scaled) of `meanSize` bytes were sampled
 * with probability 1-exp(-size/rate) (runtime/mprof.go, MemProfileRate), so about objects·p were
 * seen; three standard errors of that count (a figure of 40 sampled tables was 36% off in one
 * run of test/profile-fixture.test.ts, 2.3 of them), plus the model's 2%.
 */
export function samplingTolerance(objects: number, meanSize: number, rate: number): number {
  if (rate <= 1 || objects <= 0) return 0.02;
  const seen = objects * (1 - Math.exp(-meanSize / rate));
  return Math.min(0.9, 0.02 + 3 / Math.sqrt(Math.max(seen, 1)));
}

/**
 * The counts n whose expected storage is within `tolerance` of `bytes` for map[key]value on the
 * runtime of `goVersion`; `emptied`: what the map keeps once emptied (no out-of-line keys and values).
 * Undefined when the types have no layout or no count fits.
 */
export function entriesFor(bytes: number, cfg: { key: string; value: string; goVersion: string; hint?: number }, tolerance: number, emptied: boolean): EntryRange | undefined {
  const key = layoutOf(cfg.key, 64);
  const value = layoutOf(cfg.value, 64);
  if (isUnknown(key) || isUnknown(value) || bytes <= 0) return undefined;
  const sim: SimConfig = { key, value, goVersion: cfg.goVersion, hint: cfg.hint };
  const at = (n: number) => { const e = estimate(sim, n); return emptied ? e.afterDeleteAll : e.bytes; };
  const lo = bytes * (1 - tolerance);
  const hi = bytes * (1 + tolerance);
  // The smallest n reaching lo, and the largest n not past hi (the estimate never falls as n grows).
  const first = (pred: (n: number) => boolean): number => {
    let a = 0, b = MAX_ENTRIES;
    if (!pred(b)) return MAX_ENTRIES + 1;
    while (a < b) { const m = Math.floor((a + b) / 2); if (pred(m)) b = m; else a = m + 1; }
    return a;
  };
  const low = first((n) => at(n) >= lo);
  const high = first((n) => at(n) > hi) - 1;
  if (low > high || low > MAX_ENTRIES) return undefined;
  return { low: Math.max(low, 1), high, tolerance };
}
