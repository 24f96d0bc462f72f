// The Swiss-table map of Go >= 1.24 (internal/runtime/maps), step by step: every key's slot is
// simulated, because whether a delete leaves a tombstone, and so when a table grows under churn,
// depends on which groups are full. Keys are numbered (hash.ts); `insert:N` adds N new keys
// (at most keyDomain live ones: a map[int8]T holds 256),
// `delete:N` deletes the N oldest live keys one by one (runtime mapdelete), `clear` is Map.Clear,
// `nil` drops the map. The map escapes (a package variable or field), so its 48-byte header is
// on the heap. The runtime re-seeds the hash on clear and when a delete empties the map; keys
// inserted after that are new numbers anyway, so the seed never changes here. Rules and
// constants: swiss-rules.ts; expected values: swiss-estimate.ts.
import { atLeastGo } from './alloc';
import type { Op, SimConfig, Step, SwissStructure, SwissTableState } from './model';
import { formatOp } from './ops';
import { keyDomain } from './layout';
import { keyHash as keyHash_, type Hash64 } from './hash';
import {
  GROUP_SLOTS as GROUP_SLOTS_, MAX_TABLE_CAPACITY, MAX_AVG_GROUP_LOAD,
  alignUpPow2, assignPath, groupLayout, maxGrowthLeft, swissRules,
  type GroupLayout, type SwissRules,
} from './swiss-rules';
import { newMapPlan, swissCharges, type SwissCharges } from './swiss-estimate';

export { estimateSwiss } from './swiss-estimate';

/** Module-local copies: imported bindings are getter calls under CommonJS (esbuild-register), and
 * these sit in the innermost loops (a 2.5x difference for 1e6 inserts). */
const GROUP_SLOTS = GROUP_SLOTS_;
const keyHash = keyHash_;

/** Slot contents: a key number, or one of the two control states (maps/group.go ctrlEmpty,
 * ctrlDeleted); a full slot's H2 byte plays no part in memory and is not kept. */
const EMPTY = -1;
const DELETED = -2;

/** Step-mode limits: a slot costs 4 bytes here and ~0.35 µs per key, so 3e7 live keys is about
 * 250 MB and 10 s; the estimate covers larger maps. */
const MAX_STEP_KEYS = 30_000_000;
const MAX_STEP_SLOTS = 2 ** 26;

class Table {
  readonly slots: Int32Array;
  used = 0;
  growthLeft: number;
  /** First directory index of this table (maps/table.go table.index). */
  index: number;
  /** groups.lengthMask: groups - 1. */
  readonly mask: number;
  constructor(readonly capacity: number, index: number, public localDepth: number) {
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity / GROUP_SLOTS - 1;
    this.growthLeft = maxGrowthLeft(capacity);
    this.index = index;
  }
  tombstones(): number { return (this.capacity * MAX_AVG_GROUP_LOAD) / GROUP_SLOTS - this.used - this.growthLeft; }
}

/** newTable (table.go): at least one group, a power of two, at most 1024 slots. */
function newTable(capacity: number, index: number, localDepth: number): Table {
  const c = alignUpPow2(Math.max(capacity, GROUP_SLOTS));
  if (c > MAX_TABLE_CAPACITY) throw new Error('initial table capacity too large');
  return new Table(c, index, localDepth);
}

function groupHasEmpty(slots: Int32Array, base: number): boolean {
  for (let j = 0; j < GROUP_SLOTS; j++) if (slots[base + j] === EMPTY) return true;
  return false;
}

/** One escaping map[K]V and the heap it holds. */
class SwissMap {
  used = 0;
  /** dirPtr of a small map: one group, no directory (map.go growToSmall). */
  small: Int32Array | null = null;
  dir: Table[] = [];
  globalDepth = 0;
  tombstonePossible = false;
  /** Live keys are numbered [oldest, next): inserts add new numbers, deletes take the oldest. */
  oldest = 0;
  next = 0;
  /** Bytes that became garbage during the current op. */
  garbage = 0;
  private readonly h: Hash64 = { lo: 0, hi: 0 };

  constructor(
    readonly seed: number,
    readonly rules: SwissRules,
    readonly charges: SwissCharges,
  ) {}

  /** NewMap (map.go): with hint > 8 the directory and its tables are made up front. */
  make(hint: number | undefined): void {
    const plan = newMapPlan(hint ?? 0, this.charges.layout.groupSize);
    if (!plan) return;
    if (plan.dirSize * plan.tableCapacity > MAX_STEP_SLOTS) throw new RangeError(`step mode simulates up to ${MAX_STEP_SLOTS} slots; make(map, ${hint}) needs more: use the estimate`);
    this.globalDepth = plan.globalDepth;
    for (let i = 0; i < plan.dirSize; i++) this.dir.push(newTable(plan.tableCapacity, i, plan.globalDepth));
  }

  private hash(id: number): Hash64 { return keyHash(this.seed, id, this.h); }

  /** Map.directoryIndex: the top globalDepth bits of the 64-bit hash. */
  private tableOf(hi: number): Table {
    return this.dir.length === 1 ? this.dir[0] : this.dir[hi >>> (32 - this.globalDepth)];
  }

  // ------------------------------------------------------------------------------------------
  // Insert (Map.PutSlot / runtime_mapassign*; a new key every time)

  insert(): void {
    const id = this.next++;
    if (this.dir.length === 0) {
      if (this.small === null) this.small = new Int32Array(GROUP_SLOTS).fill(EMPTY);
      if (this.used < GROUP_SLOTS) {
        this.small[this.small.indexOf(EMPTY)] = id;
        this.used++;
        return;
      }
      this.growToTable();
    }
    const { hi, lo } = this.hash(id); // copied: rehashing reuses the scratch hash
    for (;;) {
      const t = this.tableOf(hi);
      if (this.putInTable(t, id, lo)) return;
      this.rehash(t);
    }
  }

  /** growToTable (map.go): the 9th entry moves the 8 to a 16-slot table and a 1-entry directory;
   * the small group becomes garbage. */
  private growToTable(): void {
    const t = newTable(2 * GROUP_SLOTS, 0, 0);
    for (const id of this.small!) if (id >= 0) this.putUnchecked(t, id);
    this.garbage += this.charges.smallGroup;
    this.small = null;
    this.dir = [t];
    this.globalDepth = 0;
  }

  /** table.PutSlot for a key known to be absent: probe groups from H1 (triangular sequence,
   * table.go probeSeq); remember the first tombstone; at the first group with an empty slot
   * reuse that tombstone (growthLeft unchanged) or take the empty slot if growthLeft allows,
   * after pruneTombstones where the version and assign path have it. False: rehash first.
   * The generic runtime_mapassign (maps/runtime.go, go1.26.8) ends its probe at the first group
   * with any empty slot, and table.PutSlot / the fast paths at the first group whose lowest
   * free slot is empty; these are the same groups, because a group never holds both: Delete
   * leaves a tombstone only in a group without an empty slot, and pruneTombstones empties every
   * tombstone of a group it touches. So one loop models both; only pruning differs by path. */
  private putInTable(t: Table, id: number, lo: number): boolean {
    const slots = t.slots, mask = t.mask;
    let g = (lo >>> 7) & mask;
    let firstDeleted = -1;
    for (let step = 1; ; g = (g + step++) & mask) {
      const base = g * GROUP_SLOTS;
      let i = base;
      while (i < base + GROUP_SLOTS && slots[i] >= 0) i++;
      if (i === base + GROUP_SLOTS) continue; // all full
      if (slots[i] === DELETED) {
        if (firstDeleted < 0) firstDeleted = i;
        continue;
      }
      if (firstDeleted >= 0) {
        slots[firstDeleted] = id;
      } else {
        if (t.growthLeft === 0 && this.rules.prunesTombstones) this.pruneTombstones(t);
        if (t.growthLeft === 0) return false;
        slots[i] = id;
        t.growthLeft--;
      }
      t.used++;
      this.used++;
      return true;
    }
  }

  /** uncheckedPutSlot (table.go): into the first empty-or-deleted slot on the probe path. */
  private putUnchecked(t: Table, id: number, lo = this.hash(id).lo): void {
    const slots = t.slots, mask = t.mask;
    let g = (lo >>> 7) & mask;
    for (let step = 1; ; g = (g + step++) & mask) {
      const base = g * GROUP_SLOTS;
      for (let i = base; i < base + GROUP_SLOTS; i++) {
        if (slots[i] < 0) {
          slots[i] = id;
          t.growthLeft--;
          t.used++;
          return;
        }
      }
    }
  }

  /** rehash (table.go): double a table up to 1024 slots, else split it in two. */
  private rehash(t: Table): void {
    this.garbage += this.charges.table(t.capacity);
    if (2 * t.capacity <= MAX_TABLE_CAPACITY) this.grow(t);
    else this.split(t);
  }

  /** table.grow: a new table of double capacity takes the full slots (tombstones vanish). */
  private grow(t: Table): void {
    const nt = newTable(2 * t.capacity, t.index, t.localDepth);
    for (const id of t.slots) if (id >= 0) this.putUnchecked(nt, id);
    this.replaceTable(nt);
  }

  /** table.split: two 1024-slot tables one level deeper, keys divided by hash bit 64-localDepth. */
  private split(t: Table): void {
    const depth = t.localDepth + 1;
    const left = newTable(MAX_TABLE_CAPACITY, -1, depth);
    const right = newTable(MAX_TABLE_CAPACITY, -1, depth);
    const shift = 32 - depth; // localDepthMask: bit 64-depth of the hash = bit 32-depth of hi
    for (const id of t.slots) {
      if (id < 0) continue;
      const h = this.hash(id);
      this.putUnchecked((h.hi >>> shift) & 1 ? right : left, id, h.lo);
    }
    this.installTableSplit(t, left, right);
  }

  /** Map.installTableSplit: double the directory if the old table was at globalDepth. */
  private installTableSplit(old: Table, left: Table, right: Table): void {
    if (old.localDepth === this.globalDepth) {
      if (this.globalDepth >= 32) throw new Error('directory deeper than the simulated 32 hash bits');
      this.garbage += this.charges.directory(this.dir.length);
      const nd: Table[] = new Array(this.dir.length * 2);
      for (let i = 0; i < this.dir.length; i++) {
        const t = this.dir[i];
        nd[2 * i] = t;
        nd[2 * i + 1] = t;
        if (t.index === i) t.index = 2 * i;
      }
      this.globalDepth++;
      this.dir = nd;
    }
    left.index = old.index;
    this.replaceTable(left);
    right.index = left.index + 2 ** (this.globalDepth - left.localDepth);
    this.replaceTable(right);
  }

  private replaceTable(t: Table): void {
    const n = 2 ** (this.globalDepth - t.localDepth);
    for (let i = 0; i < n; i++) this.dir[t.index + i] = t;
  }

  /**
   * pruneTombstones (table.go, from Go 1.25): only when tombstones are >= 10% of capacity; a
   * tombstone group is kept if some live key's probe path crosses it before reaching the key's
   * group (or it also has empty slots); the rest become empty only if that frees >= 10%.
   */
  private pruneTombstones(t: Table): void {
    if (t.tombstones() * 10 < t.capacity) return;
    const slots = t.slots, mask = t.mask, groups = mask + 1;
    const needed = new Uint8Array(groups);
    for (let g = 0; g < groups; g++) {
      const base = g * GROUP_SLOTS;
      for (let j = base; j < base + GROUP_SLOTS; j++) {
        const id = slots[j];
        if (id < 0) continue;
        // Every simulated key equals itself (a NaN key is never looked up: not modelled).
        let p = (this.hash(id).lo >>> 7) & mask;
        for (let step = 1; p !== g; p = (p + step++) & mask) {
          const pb = p * GROUP_SLOTS;
          for (let k = pb; k < pb + GROUP_SLOTS; k++) if (slots[k] < 0) { needed[p] = 1; break; }
        }
      }
      if (groupHasEmpty(slots, base)) needed[g] = 1;
    }
    let freed = 0;
    for (let g = 0; g < groups; g++) {
      if (needed[g]) continue;
      for (let k = g * GROUP_SLOTS; k < (g + 1) * GROUP_SLOTS; k++) if (slots[k] < 0) freed++;
    }
    if (freed * 10 < t.capacity) return;
    for (let g = 0; g < groups; g++) {
      if (needed[g]) continue;
      for (let k = g * GROUP_SLOTS; k < (g + 1) * GROUP_SLOTS; k++) {
        if (slots[k] === DELETED) { slots[k] = EMPTY; t.growthLeft++; }
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Delete (Map.Delete): the oldest live key

  deleteOldest(): void {
    if (this.oldest >= this.next) return;
    const id = this.oldest++;
    if (this.dir.length === 0) {
      // deleteSmall: the slot becomes empty; small maps never hold tombstones.
      this.small![this.small!.indexOf(id)] = EMPTY;
      this.used--;
      this.garbage += this.charges.perEntry;
      return;
    }
    const h = this.hash(id);
    const t = this.tableOf(h.hi);
    const slots = t.slots, mask = t.mask;
    let g = (h.lo >>> 7) & mask;
    for (let step = 1; ; g = (g + step++) & mask) {
      const base = g * GROUP_SLOTS;
      for (let i = base; i < base + GROUP_SLOTS; i++) {
        if (slots[i] !== id) continue;
        t.used--;
        this.used--;
        this.garbage += this.charges.perEntry; // its indirect key/elem objects, if any
        // table.Delete: a group with an empty slot ends every probe through it, so the slot can
        // be emptied; in a full group it must stay a tombstone.
        if (groupHasEmpty(slots, base)) {
          slots[i] = EMPTY;
          t.growthLeft++;
        } else {
          slots[i] = DELETED;
          this.tombstonePossible = true;
        }
        return;
      }
      if (groupHasEmpty(slots, base)) throw new Error(`simulated key ${id} not found`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Clear (Map.Clear): frees nothing; the tables stay at their size

  clear(): void {
    this.oldest = this.next;
    this.garbage += this.used * this.charges.perEntry; // typedmemclr drops indirect key/elems
    if (this.used === 0 && (this.rules.clearKeepsTombstonesWhenEmpty || !this.tombstonePossible)) return;
    if (this.dir.length === 0) {
      if (this.small) this.small.fill(EMPTY);
    } else {
      let last: Table | undefined;
      for (const t of this.dir) {
        if (t === last) continue;
        last = t;
        t.slots.fill(EMPTY);
        t.used = 0;
        t.growthLeft = maxGrowthLeft(t.capacity);
      }
      this.tombstonePossible = false;
    }
    this.used = 0;
  }

  // ------------------------------------------------------------------------------------------
  // What the map holds

  distinctTables(): Table[] {
    const out: Table[] = [];
    for (let i = 0; i < this.dir.length; i++) if (i === 0 || this.dir[i] !== this.dir[i - 1]) out.push(this.dir[i]);
    return out;
  }

  bytes(): number {
    const c = this.charges;
    let b = c.header + this.used * c.perEntry;
    if (this.small) b += c.smallGroup;
    if (this.dir.length) {
      b += c.directory(this.dir.length);
      for (const t of this.distinctTables()) b += c.table(t.capacity);
    }
    return b;
  }

  structure(): SwissStructure {
    const tables: SwissTableState[] = this.distinctTables().map((t) => ({
      capacity: t.capacity, used: t.used, growthLeft: t.growthLeft, localDepth: t.localDepth, tombstones: t.tombstones(),
    }));
    return { runtime: 'swiss', count: this.used, small: this.dir.length === 0, dirLen: this.dir.length, globalDepth: this.globalDepth, tables };
  }
}

function checkArch(cfg: SimConfig): void {
  if ((cfg.arch ?? 64) !== 64) throw new RangeError('the Swiss-table model is for 64-bit platforms only');
}

/** The map's own heap charges for this config (see swiss-estimate.ts swissCharges). */
function chargesOf(cfg: SimConfig): { layout: GroupLayout; charges: SwissCharges; rules: SwissRules } {
  checkArch(cfg);
  const layout = groupLayout(cfg.key, cfg.value);
  return { layout, charges: swissCharges(cfg, layout), rules: swissRules(cfg.goVersion, assignPath(cfg.key, cfg.value)) };
}

/**
 * Step mode: the state and bytes after `make` and after each op, deterministic for cfg.seed.
 * After `nil`, a further op starts from a new map made like the first (`m = make(...)`).
 */
export function simulateSwiss(cfg: SimConfig, ops: Op[]): Step[] {
  const { charges, rules } = chargesOf(cfg);
  const domain = keyDomain(cfg.key);
  const fresh = () => {
    const m = new SwissMap(cfg.seed ?? 1, rules, charges);
    m.make(cfg.hint);
    return m;
  };
  let m: SwissMap | null = fresh();
  const steps: Step[] = [{ op: 'make', bytes: m.bytes(), garbage: 0, structure: m.structure() }];
  /** A new map made for old's live entries (its own seed) holding as many, the old one garbage. */
  const rebuilt = (old: SwissMap): SwissMap => {
    const n = new SwissMap((cfg.seed ?? 1) + steps.length, rules, charges);
    n.make(old.used);
    for (let i = 0; i < old.used; i++) n.insert();
    n.garbage = old.bytes() + old.garbage;
    return n;
  };
  for (const op of ops) {
    const name = formatOp(op);
    if (op.op === 'nil') {
      steps.push({ op: name, bytes: 0, garbage: m ? m.bytes() : 0 });
      m = null;
      continue;
    }
    m ??= fresh();
    m.garbage = 0;
    switch (op.op) {
      case 'insert':
        if (Math.min(m.used + op.n, domain) > MAX_STEP_KEYS) throw new RangeError(`step mode simulates up to ${MAX_STEP_KEYS} live keys: use the estimate`);
        // Past keyDomain an insert assigns to a key already there. Those domains (1, 2, 256,
        // 65,536) never leave a full small group, whose update would grow it on a fast path.
        for (let i = 0; i < op.n && m.used < domain; i++) m.insert();
        break;
      case 'delete': {
        const n = op.n === 'all' ? m.used : Math.min(op.n, m.used);
        for (let i = 0; i < n; i++) m.deleteOldest();
        break;
      }
      case 'clear':
        m.clear();
        break;
      case 'clone':
        if (!atLeastGo(cfg.goVersion, 25)) {
          // Go 1.24 (runtime/map_swiss.go mapclone2): makemap(t, src.Used()) and a Put per entry:
          // a new map sized for the live entries, as the rebuild below.
          m = rebuilt(m);
          break;
        }
        // From Go 1.25, (*Map).Clone and (*table).clone (internal/runtime/maps map.go, table.go)
        // copy the directory and every table's groups at the same capacity, tombstones, seed and
        // indirect objects of the live slots included: the clone is the same state, the old map garbage.
        m.garbage += m.bytes();
        break;
      case 'rebuild':
        // fresh := make(map[K]V, len(m)); a copy loop; m = fresh: a new map sized for the live keys.
        m = rebuilt(m);
        break;
    }
    steps.push({ op: name, bytes: m.bytes(), garbage: m.garbage, structure: m.structure() });
  }
  return steps;
}
