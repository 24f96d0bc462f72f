// The contract of the map-memory simulation (server/src/sim/). A pure library: no parser, no I/O.
// Every number is bytes on the heap as the Go allocator charges them (size classes, pages,
// malloc headers), for the map's OWN allocations only (header, buckets/groups, overflow, tables,
// directory, indirect key/elem objects) — never the data keys and values point to.

/** The layout of a Go type on one architecture. */
export interface TypeLayout {
  /** Go syntax as given, normalized (e.g. `struct{a int32; b int64}`). */
  text: string;
  size: number;
  align: number;
  /** Whether the type holds pointers the GC must scan (decides noscan allocation and headers). */
  hasPointers: boolean;
  /** False for float/complex/interface types and arrays/structs holding them (NaN != NaN). */
  reflexive: boolean;
}

/** A type that could not be resolved: the sim refuses to invent numbers for it. */
export interface UnknownLayout { text: string; unknown: true; reason: string }

export type Arch = 64 | 32;

/** Which runtime a Go version uses: classic hmap up to 1.23, Swiss tables from 1.24. */
export type Runtime = 'classic' | 'swiss';

export interface SimConfig {
  key: TypeLayout;
  value: TypeLayout;
  /** "1.19", "1.22.3", "1.26" ... decides the runtime, malloc headers and behaviour changes. */
  goVersion: string;
  /** make(map[K]V, hint); undefined = make(map[K]V) / a literal. */
  hint?: number;
  /** Seed of the simulated hash function (step mode is deterministic for a seed). */
  seed?: number;
  arch?: Arch;
}

/**
 * Operations, as the `go-mapleak sim --ops` syntax spells them:
 * insert:N (N new keys), delete:N / delete:all (per-key deletes that the compiler cannot turn into
 * a clear), clear (clear(m) or the range-delete idiom: runtime mapclear), nil (drop the map: m = nil),
 * clone (m = maps.Clone(m), Go >= 1.21: the old map becomes garbage; the clone keeps the capacity
 * from Go 1.25 and is sized for the live entries before), rebuild (fresh := make(map[K]V, len(m)),
 * a copy loop, m = fresh: sized for the live entries on every version).
 */
export type Op =
  | { op: 'insert'; n: number }
  | { op: 'delete'; n: number | 'all' }
  | { op: 'clear' }
  | { op: 'nil' }
  | { op: 'clone' }
  | { op: 'rebuild' };

export interface ClassicStructure {
  runtime: 'classic';
  count: number;
  B: number;
  /** 2^B main buckets. */
  buckets: number;
  /** Preallocated overflow buckets in the main array's allocation (B >= 4 plus rounding slack). */
  prealloc: number;
  /** Overflow buckets in use (chained), from the prealloc tail or allocated apart. */
  overflow: number;
  /** The runtime's noverflow counter (exact below B = 16, sampled above). */
  noverflow: number;
  /** Buckets of the old array while growing (0 when not growing). */
  oldbuckets: number;
  nevacuate: number;
  sameSizeGrow: boolean;
}

export interface SwissTableState { capacity: number; used: number; growthLeft: number; localDepth: number; tombstones: number }

export interface SwissStructure {
  runtime: 'swiss';
  count: number;
  /** True while the map is one group without a table (≤ 8 entries). */
  small: boolean;
  dirLen: number;
  globalDepth: number;
  /** Distinct tables, in directory order. */
  tables: SwissTableState[];
}

export interface Step {
  /** The op as written ("insert:100000"), or "make" for the initial state. */
  op: string;
  /** Heap bytes of the map's own allocations after this op (0 after nil). */
  bytes: number;
  /** Bytes allocated by this op that are garbage after it (old arrays, old tables, old directories). */
  garbage: number;
  /** undefined after nil. */
  structure?: ClassicStructure | SwissStructure;
}

/** Fast estimate (expected values, no per-key simulation): for hovers, < 1 ms for any N ≤ 1e9. */
export interface Estimate {
  runtime: Runtime;
  /** Entries held: the count asked for, capped at the key type's distinct values (keyDomain). */
  entries: number;
  /** Expected live bytes holding `entries` entries, filled one by one (or with the config's hint:
   * its tables or buckets are there from make; filling adds only what random hashes overflow). */
  bytes: number;
  /** What stays after clear(m) (or the idiom) at that size. */
  afterClear: number;
  /** What stays after a per-key delete of every entry. */
  afterDeleteAll: number;
  /** Structure summary, e.g. B and buckets, or tables and dirLen (expected values may be fractional). */
  structure: Record<string, number>;
}
