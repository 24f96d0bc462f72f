// Expected bytes of a Swiss-table map holding n keys, without simulating keys (hovers: < 1 ms for
// any n up to 1e9). Also the allocation charges and make(map, hint) sizing shared with swiss.ts.
//
// Growth without deletes is extendible hashing with tables that split at their 897th key:
// up to 896 keys a table's capacity follows its count exactly (maxGrowthLeft), and a table of
// 1024 slots splits into two 1024-slot tables one level deeper, by the next hash bit. So the
// table covering a hash prefix of length d exists and is split iff at least 897 of the n keys
// have that prefix (Bin(n, 2^-d)), and, as every split adds one table,
//   E[tables] = roots + Σ_d (nodes at depth d) · P(Bin(n, 2^-d) >= 897),
// while globalDepth <= D iff no depth-D prefix holds 897 keys (prefixes taken as independent).
import type { Estimate, SimConfig } from './model';
import { allocCharge } from './alloc';
import { keyDomain } from './layout';
import {
  GROUP_SLOTS, MAP_HEADER_BYTES, MAX_TABLE_CAPACITY, TABLE_HEADER_BYTES,
  alignUpPow2, groupLayout, maxGrowthLeft, type GroupLayout,
} from './swiss-rules';

/** The heap charge of each allocation the map makes, for one config. */
export interface SwissCharges {
  layout: GroupLayout;
  header: number;
  /** The small map's single group (newGroups(typ, 1)). */
  smallGroup: number;
  /** &table{} plus its groups array (newarray(typ.Group, capacity/8)). */
  table(capacity: number): number;
  /** The directory, make([]*table, dirLen). */
  directory(dirLen: number): number;
  /** Indirect key and elem objects (newobject in PutSlot) of one entry, 0 if stored inline. */
  perEntry: number;
}

export function swissCharges(cfg: SimConfig, layout: GroupLayout = groupLayout(cfg.key, cfg.value)): SwissCharges {
  const v = cfg.goVersion;
  const G = layout.groupSize, scan = layout.groupHasPointers;
  const tables = new Map<number, number>();
  return {
    layout,
    header: allocCharge(MAP_HEADER_BYTES, true, v),
    smallGroup: allocCharge(G, scan, v),
    table(capacity) {
      let c = tables.get(capacity);
      if (c === undefined) {
        c = allocCharge(TABLE_HEADER_BYTES, true, v) + allocCharge((capacity / GROUP_SLOTS) * G, scan, v);
        tables.set(capacity, c);
      }
      return c;
    },
    directory: (dirLen) => allocCharge(8 * dirLen, true, v),
    perEntry:
      (layout.indirectKey ? allocCharge(cfg.key.size, cfg.key.hasPointers, v) : 0) +
      (layout.indirectElem ? allocCharge(cfg.value.size, cfg.value.hasPointers, v) : 0),
  };
}

/** maxAlloc on 64-bit Linux: 1 << heapAddrBits (48), runtime/malloc.go. */
const MAX_ALLOC = 2 ** 48;

/** What NewMap (maps/map.go) allocates for make(map[K]V, hint); undefined: nothing up front. */
export interface NewMapPlan { dirSize: number; globalDepth: number; tableCapacity: number; targetCapacity: number }

export function newMapPlan(hint: number, groupSize: number): NewMapPlan | undefined {
  if (hint <= GROUP_SLOTS) return undefined; // the group comes with the first insert
  const targetCapacity = Math.floor((hint * GROUP_SLOTS) / 7);
  const dirSize = alignUpPow2(Math.ceil(targetCapacity / MAX_TABLE_CAPACITY));
  if (dirSize * MAX_TABLE_CAPACITY * groupSize > MAX_ALLOC) return undefined; // "an empty map"
  return {
    dirSize,
    globalDepth: Math.log2(dirSize),
    tableCapacity: alignUpPow2(Math.max(GROUP_SLOTS, Math.floor(targetCapacity / dirSize))),
    targetCapacity,
  };
}

/** Keys a table holds before its next insert splits it: maxGrowthLeft(1024). */
const SPLIT_AT = maxGrowthLeft(MAX_TABLE_CAPACITY) + 1; // 897

/** Capacity of a table that started at `c0` slots and received k keys (k < SPLIT_AT). */
export function tableCapacityFor(k: number, c0: number): number {
  let c = c0;
  while (k > maxGrowthLeft(c)) c *= 2;
  return c;
}

/**
 * Expected bytes holding `entries` inserts of distinct keys, or as many as the key type has
 * (keyDomain: a map[bool]T holds at most 2). With a hint, NewMap's tables are there from make;
 * filling up to the hint adds nothing unless a table's share of the keys passes 896 and it splits,
 * which random hashes make likely when the hint leaves tables nearly full (measured on go1.26.8:
 * make(map[int64]int64, 114000) filled to 114,000 keys went from 128 tables to 178-191).
 */
export function estimateSwiss(cfg: SimConfig, entries: number): Estimate {
  if ((cfg.arch ?? 64) !== 64) throw new RangeError('the Swiss-table model is for 64-bit platforms only');
  const n = Math.min(entries, keyDomain(cfg.key));
  const c = swissCharges(cfg);
  const plan = newMapPlan(cfg.hint ?? 0, c.layout.groupSize);
  const indirect = n * c.perEntry;
  const base = { groupSize: c.layout.groupSize, slotSize: c.layout.slotSize };
  let held: number;
  let structure: Record<string, number>;
  if (!plan && n <= GROUP_SLOTS) {
    held = c.header + (n > 0 ? c.smallGroup : 0);
    structure = { ...base, small: 1, tables: 0, dirLen: 0, globalDepth: 0, slots: n > 0 ? GROUP_SLOTS : 0 };
  } else {
    const roots = plan ? plan.dirSize : 1;
    const d0 = plan ? plan.globalDepth : 0;
    const c0 = plan ? plan.tableCapacity : 2 * GROUP_SLOTS; // growToTable makes 16 slots
    const t = expectedTables(n, roots, d0, c0, c);
    const dir = expectedDirectory(n, d0, c);
    held = c.header + dir.bytes + t.bytes;
    structure = { ...base, small: 0, tables: t.tables, dirLen: dir.dirLen, globalDepth: dir.globalDepth, slots: t.slots };
  }
  return { runtime: 'swiss', entries: n, bytes: held + indirect, afterClear: held, afterDeleteAll: held, structure };
}

/** Expected tables, their slots and bytes: `roots` tables at depth d0 of c0 slots each. */
function expectedTables(n: number, roots: number, d0: number, c0: number, c: SwissCharges) {
  const p = 2 ** -d0;
  // A root that never split: its capacity follows its own count.
  let bytes = 0, slots = 0, below = 0;
  for (let cap = c0; cap <= MAX_TABLE_CAPACITY; cap *= 2) {
    const upTo = binomialCdf(n, p, maxGrowthLeft(cap));
    bytes += (upTo - below) * c.table(cap);
    slots += (upTo - below) * cap;
    below = upTo;
  }
  // A split root: its leaves are 1024-slot tables, one more than the splits below it (the
  // root's own split included), so per root E[leaves · split] = P(split) + Σ_j 2^j P(split at j).
  let splits = 0;
  for (let j = 0; j < 64; j++) {
    const tail = binomialTail(n, p * 2 ** -j, SPLIT_AT);
    splits += 2 ** j * tail;
    if (tail < 1e-15 && n * p * 2 ** -j < SPLIT_AT) break;
  }
  const splitLeaves = 1 - below + splits;
  bytes += splitLeaves * c.table(MAX_TABLE_CAPACITY);
  slots += splitLeaves * MAX_TABLE_CAPACITY;
  return { tables: roots * (below + splitLeaves), slots: roots * slots, bytes: roots * bytes };
}

/** Expected dirLen and directory bytes: globalDepth is the deepest split's depth + 1, or d0. */
function expectedDirectory(n: number, d0: number, c: SwissCharges) {
  let dirLen = 0, depth = 0, bytes = 0, prev = 0;
  for (let D = d0; D < 64; D++) {
    // P(globalDepth <= D) = P(no depth-D prefix holds SPLIT_AT keys), prefixes independent.
    const tail = binomialTail(n, 2 ** -D, SPLIT_AT);
    const atMost = D < 1024 ? Math.exp(2 ** D * Math.log1p(-Math.min(tail, 1 - 1e-300))) : 1;
    const pD = Math.max(0, atMost - prev);
    dirLen += pD * 2 ** D;
    depth += pD * D;
    bytes += pD * c.directory(2 ** D);
    prev = atMost;
    if (1 - atMost < 1e-12) break;
  }
  return { dirLen, globalDepth: depth, bytes };
}

// ---------------------------------------------------------------------------------------------
// Binomial probabilities, fast for n up to 1e9 and k around 900.

/** P(Bin(n, p) <= k). */
export function binomialCdf(n: number, p: number, k: number): number {
  return 1 - binomialTail(n, p, k + 1);
}

/** P(Bin(n, p) >= k). */
export function binomialTail(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  const mean = n * p, sd = Math.sqrt(n * p * (1 - p));
  if (k > mean + 40 * sd + 40) return 0;
  if (k < mean - 40 * sd - 40) return 1;
  // For small p the binomial is a Poisson to within O(p); the gamma series converges in
  // O(sqrt(k)) terms where the beta fraction for n ~ 1e9 would need O(sqrt(n)).
  if (p < 1e-3) return gammaP(k, mean);
  return incompleteBeta(k, n - k + 1, p);
}

/** ln Γ(x), x > 0 (Lanczos approximation, g = 7, 9 terms). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  x -= 1;
  let a = coef[0];
  const t = x + g + 0.5;
  for (let i = 1; i < 9; i++) a += coef[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x) = P(Poisson(x) >= a) for integer a. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series: Σ x^n / (a (a+1) ... (a+n)).
    let term = 1 / a, sum = term;
    for (let i = 1; i < 10000; i++) {
      term *= x / (a + i);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lnPre));
  }
  // Q(a, x) = e^-x x^a / Γ(a) / ((x+1-a) - 1(1-a)/((x+3-a) - 2(2-a)/((x+5-a) - ...))).
  return Math.max(0, 1 - Math.exp(lnPre) / lentz((i) => -i * (i - a), (i) => x + 2 * i + 1 - a));
}

/** Regularized incomplete beta I_x(a, b). */
function incompleteBeta(a: number, b: number, x: number): number {
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return Math.exp(lnFront) * betaFraction(a, b, x) / a;
  return 1 - Math.exp(lnFront) * betaFraction(b, a, 1 - x) / b;
}

function betaFraction(a: number, b: number, x: number): number {
  // The standard continued fraction of I_x(a, b): d_{2m+1} = -(a+m)(a+b+m)x/((a+2m)(a+2m+1)),
  // d_{2m} = m(b-m)x/((a+2m-1)(a+2m)), evaluated as 1/(1+d1/(1+d2/(1+...))).
  return lentz(
    (i) => {
      if (i === 0) return 1;
      if (i === 1) return 1;
      const k = i - 1;
      const m = Math.floor(k / 2);
      return k % 2 === 1
        ? (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        : (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    },
    (i) => (i === 0 ? 0 : 1),
  );
}

/** b0 + a1/(b1 + a2/(b2 + ...)) by the modified Lentz method; coefficients a(i), b(i). */
function lentz(a: (i: number) => number, b: (i: number) => number): number {
  const tiny = 1e-300;
  let f = b(0) || tiny, C = f, D = 0;
  for (let i = 1; i < 100000; i++) {
    const ai = a(i), bi = b(i);
    D = bi + ai * D;
    D = Math.abs(D) < tiny ? 1 / tiny : 1 / D;
    C = bi + ai / C;
    if (Math.abs(C) < tiny) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return f;
}
