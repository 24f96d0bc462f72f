// The fixed facts of the Swiss-table map (Go >= 1.24, 64-bit): constants, the group layout the
// compiler builds, which runtime assign function the compiler picks, and the behaviour that
// changed between releases. Read from internal/runtime/maps of go1.24.0, go1.24.10, go1.25.0 and
// go1.26.8 (the toolchains of the Go module proxy) and from cmd/compile of go1.26.8.
import { parseType, printType, layoutOf, type TypeExpr } from './layout';
import { goVersionOf } from './alloc';
import type { TypeLayout } from './model';

/** abi.MapGroupSlots (internal/abi/map.go; abi.SwissMapGroupSlots in 1.24/1.25). */
export const GROUP_SLOTS = 8;
/** maxTableCapacity (internal/runtime/maps/table.go, every release so far). */
export const MAX_TABLE_CAPACITY = 1024;
/** maxAvgGroupLoad (maps/group.go): tables fill to 7/8. */
export const MAX_AVG_GROUP_LOAD = 7;
/** abi.MapMaxKeyBytes / MapMaxElemBytes: larger keys and elems are stored through a pointer. */
export const MAX_KEY_BYTES = 128;
export const MAX_ELEM_BYTES = 128;
/** sizeof(maps.Map): used, seed, dirPtr, dirLen, globalDepth/globalShift/writing
 * (+ tombstonePossible from 1.25), clearSeq; reflectdata asserts 48 on 64-bit. */
export const MAP_HEADER_BYTES = 48;
/** sizeof(maps.table): used, capacity, growthLeft uint16, localDepth uint8, index int, groups
 * {data, lengthMask}; allocated with &table{} (one 32-byte object). */
export const TABLE_HEADER_BYTES = 32;
const PTR = 8;

/**
 * maxGrowthLeft (maps/table.go; resetGrowthLeft in 1.24): a table of one group keeps one slot
 * empty to end probes, larger ones fill to 7/8.
 */
export function maxGrowthLeft(capacity: number): number {
  return capacity <= GROUP_SLOTS ? capacity - 1 : (capacity * MAX_AVG_GROUP_LOAD) / GROUP_SLOTS;
}

/** alignUpPow2 (maps/group.go): the next power of two >= n (n >= 1). */
export function alignUpPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** The group type of map[K]V as cmd/compile/internal/reflectdata/map.go MapGroupType builds it. */
export interface GroupLayout {
  /** Key and elem sizes as stored in the slot (8 = a pointer when indirect). */
  keySlotBytes: number;
  elemSlotBytes: number;
  indirectKey: boolean;
  indirectElem: boolean;
  /** struct{key K'; elem E'} with the trailing zero-size rule of types/size.go. */
  slotSize: number;
  /** struct{ctrl uint64; slots [8]slot}: 8 + 8*slotSize, or 16 when slots are zero-size. */
  groupSize: number;
  /** Whether the GC scans the groups array (decides malloc headers and noscan spans). */
  groupHasPointers: boolean;
}

const roundUp = (n: number, a: number) => Math.ceil(n / a) * a;

export function groupLayout(key: TypeLayout, elem: TypeLayout): GroupLayout {
  const indirectKey = key.size > MAX_KEY_BYTES;
  const indirectElem = elem.size > MAX_ELEM_BYTES;
  const ks = indirectKey ? PTR : key.size, ka = indirectKey ? PTR : key.align;
  const es = indirectElem ? PTR : elem.size, ea = indirectElem ? PTR : elem.align;
  // types/size.go CalcStructSize: fields at their alignment; a non-empty struct ending in a
  // zero-size field gets one byte of padding (golang/go#9401); then rounded to the max alignment.
  let slot = roundUp(ks, ea) + es;
  if (slot > 0 && es === 0) slot++;
  slot = roundUp(slot, Math.max(ka, ea, 1));
  let group = 8 + GROUP_SLOTS * slot;
  if (slot === 0) group = 16; // {ctrl uint64; slots [8]struct{}}: the same trailing-byte rule
  return {
    keySlotBytes: ks,
    elemSlotBytes: es,
    indirectKey,
    indirectElem,
    slotSize: slot,
    groupSize: group,
    groupHasPointers: indirectKey || indirectElem || key.hasPointers || elem.hasPointers,
  };
}

/**
 * The runtime function compiled `m[k] = v` calls (cmd/compile/internal/walk/walk.go mapfast):
 * elems over 128 bytes take the generic path; otherwise by the key's equality algorithm
 * (reflectdata.AlgType): 4- and 8-byte plain-memory keys the fast32/fast64 paths (the `ptr`
 * variants when the key is a pointer), strings faststr, everything else the generic path.
 */
export type AssignPath = 'fast32' | 'fast64' | 'fast64ptr' | 'faststr' | 'generic';

type Alg = 'mem' | 'string' | 'other';

/** types.AlgType reduced to what mapfast asks, from the key's Go syntax (types/size.go). */
function algOf(t: TypeExpr): Alg | undefined {
  switch (t.kind) {
    case 'pointer':
    case 'chan':
      return 'mem';
    case 'interface':
    case 'func':
    case 'slice':
    case 'map':
      return 'other';
    case 'array': {
      const a = algOf(t.elem);
      if (a === undefined || a === 'mem') return a;
      return t.len === 0 ? 'mem' : t.len === 1 ? a : 'other';
    }
    case 'struct': {
      const fields = t.fields;
      if (fields.length === 1 && fields[0].name !== '_') return algOf(fields[0].type);
      // A struct compares as plain memory only if every field does and none is blank or
      // followed by padding (types.IsPaddedField).
      let offset = 0;
      for (const f of fields) {
        const a = algOf(f.type);
        if (a !== 'mem') return a === undefined ? undefined : 'other';
        if (f.name === '_') return 'other';
        const l = layoutOf(printType(f.type));
        if ('unknown' in l) return undefined;
        if (roundUp(offset, l.align) !== offset) return 'other';
        offset += l.size;
      }
      const whole = layoutOf(printType(t));
      if ('unknown' in whole) return undefined;
      return whole.size === offset ? 'mem' : 'other';
    }
    case 'name':
      if (t.args) return undefined;
      if (t.name === 'string') return 'string';
      if (/^(u?int(8|16|32|64)?|uintptr|byte|rune|bool|unsafe\.Pointer)$/.test(t.name)) return 'mem';
      if (/^(float(32|64)|complex(64|128)|any|error)$/.test(t.name)) return 'other';
      return undefined; // a named type: its underlying type is not in the layout
  }
}

export function assignPath(key: TypeLayout, elem: TypeLayout): AssignPath {
  if (elem.size > MAX_ELEM_BYTES) return 'generic';
  let alg: Alg | undefined;
  try {
    alg = algOf(parseType(key.text));
  } catch {
    alg = undefined;
  }
  if (alg === undefined) {
    // A named type the layout resolved but whose syntax we do not have here: guess from the
    // layout. Floats and interfaces are not reflexive; 4/8-byte reflexive keys are mostly
    // integers or pointers; a 16-byte pointerful reflexive key is most often a string.
    if (!key.reflexive) alg = 'other';
    else if (key.size === 4 || key.size === 8) alg = 'mem';
    else if (key.size === 16 && key.hasPointers && key.align === 8) alg = 'string';
    else alg = 'other';
  }
  if (alg === 'string') return 'faststr';
  if (alg !== 'mem') return 'generic';
  if (key.size === 4 && !key.hasPointers) return 'fast32';
  if (key.size === 8) return key.hasPointers ? 'fast64ptr' : 'fast64';
  return 'generic';
}

/** Behaviour that changed between releases, each with where it was read. */
export interface SwissRules {
  /**
   * Whether an insert into a table with growthLeft == 0 first calls pruneTombstones (table.go)
   * before it grows or splits the table. Absent from go1.24.0 and go1.24.10; added in go1.25.0
   * to table.PutSlot and to runtime_mapassign_fast32/fast64/faststr — but not to the generic
   * runtime_mapassign (runtime_swiss.go 1.25, runtime.go 1.26.8) nor to the fast32ptr/fast64ptr
   * variants, which compiled code uses for other keys; still so in go1.26.8.
   */
  prunesTombstones: boolean;
  /**
   * Map.Clear (map.go) returns early when Used() == 0, even if deletes left tombstones: in
   * go1.24.x. From go1.25.0 Map.tombstonePossible (set when table.Delete leaves a tombstone)
   * makes Clear run anyway, and table.Clear skips tables with no entries and no tombstones.
   */
  clearKeepsTombstonesWhenEmpty: boolean;
}

export function swissRules(goVersion: string, path: AssignPath): SwissRules {
  const v = goVersionOf(goVersion);
  const from125 = v.major > 1 || v.minor >= 25;
  return {
    prunesTombstones: from125 && (path === 'fast32' || path === 'fast64' || path === 'faststr'),
    clearKeepsTombstonesWhenEmpty: !from125,
  };
}
