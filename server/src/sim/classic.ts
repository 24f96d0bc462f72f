// The classic Go map (hmap with 8-slot buckets; Go 1.11 to 1.23), step by step and as an
// expected-value estimate. Rules read from runtime/map.go of Go 1.19 (line numbers below) and
// checked unchanged in Go 1.23 apart from mapclear marking buckets empty first (no memory effect).
// Only the map's own allocations are counted (model.ts).
import { allocCharge, appendCapacity, atLeastGo, goVersionOf, roundupsize } from './alloc';
import { keyHash, mix32, Rand, type Hash64 } from './hash';
import { keyDomain } from './layout';
import type { Arch, ClassicStructure, Estimate, Op, SimConfig, Step, TypeLayout } from './model';

/** bucketCnt (map.go: bucketCntBits = 3). */
const SLOTS = 8;
/** maxKeySize = maxElemSize = 128: larger keys/elems are stored through a pointer. */
const MAX_INLINE = 128;

/** What a map type's buckets look like (cmd/compile/internal/reflectdata/reflect.go MapBucketType). */
export interface ClassicShape {
  arch: Arch;
  goVersion: string;
  /** t.bucketsize: struct{topbits [8]uint8; keys [8]K'; elems [8]E'; overflow uintptr/pointer}. */
  bucketSize: number;
  /** Whether the bucket type has pointers (t.bucket.ptrdata != 0): decides the extra.overflow list. */
  bucketHasPointers: boolean;
  /** Per-entry objects for keys/elems over 128 bytes (newobject in mapassign), 0 when inline. */
  indirectKey: number;
  indirectElem: number;
  hmap: number;
  mapextra: number;
  ptrSize: number;
  /** 13, or 12 on Go 1.21 (see loadFactorNum). */
  loadFactorNum: number;
}

export function classicShape(key: TypeLayout, value: TypeLayout, goVersion: string, arch: Arch = 64): ClassicShape {
  const ptr = arch === 64 ? 8 : 4;
  const slot = (t: TypeLayout) => (t.size > MAX_INLINE ? { size: ptr, align: ptr, ptrs: true } : { size: t.size, align: t.align, ptrs: t.hasPointers });
  const k = slot(key), e = slot(value);
  const bucketHasPointers = k.ptrs || e.ptrs;
  // Struct layout of the bucket: the compiler checks there is no padding before overflow
  // (reflect.go: "bad offset of overflow in bmap").
  const align = (n: number, a: number) => Math.ceil(n / a) * a;
  let off = SLOTS; // topbits
  off = align(off, Math.max(1, k.align)) + SLOTS * k.size;
  off = align(off, Math.max(1, e.align)) + SLOTS * e.size;
  off = align(off, ptr) + ptr;
  const bucketSize = align(off, Math.max(ptr, k.align, e.align));
  return {
    arch, goVersion, bucketSize, bucketHasPointers, ptrSize: ptr, loadFactorNum: loadFactorNum(goVersion),
    indirectKey: key.size > MAX_INLINE ? allocCharge(key.size, key.hasPointers, goVersion, arch) : 0,
    indirectElem: value.size > MAX_INLINE ? allocCharge(value.size, value.hasPointers, goVersion, arch) : 0,
    // hmap: count int, flags/B uint8, noverflow uint16, hash0 uint32, 3 pointers, nevacuate uintptr
    // (map.go lines 116-130): 48 bytes on 64-bit, 28 on 32-bit; mapextra: 3 pointers.
    hmap: allocCharge(arch === 64 ? 48 : 28, true, goVersion, arch),
    mapextra: allocCharge(3 * ptr, true, goVersion, arch),
  };
}

/**
 * loadFactorNum over loadFactorDen = 2: 13 (load factor 6.5) in every release but Go 1.21, where
 * `(bucketCnt * 13 / 16) * loadFactorDen` truncates to 12 (load factor 6; runtime/map.go of
 * go1.21.0 and go1.21.13, golang/go#63438; Go 1.22 reordered it back to 13). Measured: on 1.21
 * make(map[int64]int64, 100000) gets B = 15 (5,013,576 B), on 1.19 and 1.22 B = 14 (2,506,824 B).
 */
export function loadFactorNum(goVersion: string): number {
  const v = goVersionOf(goVersion);
  return v.major === 1 && v.minor === 21 ? 12 : 13;
}

/** overLoadFactor (map.go lines 1084-1087): count > 8 && count > num*(2^B/2), integer division. */
export function overLoadFactor(count: number, B: number, num = 13): boolean {
  return count > SLOTS && count > num * Math.floor(2 ** B / 2);
}

/** B for n entries or a make hint (the loop in makemap). */
export function bucketsLog2(n: number, num = 13): number {
  let B = 0;
  while (overLoadFactor(n, B, num)) B++;
  return B;
}

/** makeBucketArray's sizing (map.go lines 345-393): 2^B buckets, plus 2^(B-4) preallocated
 * overflow buckets from B = 4, plus whatever the size class or page rounding leaves room for. */
export function bucketArray(shape: ClassicShape, B: number): { nbuckets: number; charge: number } {
  const base = 2 ** B;
  let nbuckets = base;
  if (B >= 4) {
    nbuckets += 2 ** (B - 4);
    const sz = shape.bucketSize * nbuckets;
    const up = roundupsize(sz, shape.bucketHasPointers, shape.goVersion, shape.arch);
    if (up !== sz) nbuckets = Math.floor(up / shape.bucketSize);
  }
  return { nbuckets, charge: allocCharge(nbuckets * shape.bucketSize, shape.bucketHasPointers, shape.goVersion, shape.arch) };
}

// ---------------------------------------------------------------------------------------------
// Step mode

const EMPTY = -1;
const NONE = -1;

/** One bucket array: main buckets, the preallocated tail, and overflow buckets allocated apart
 * (numbered after the array's own). Slots hold key numbers. */
class BucketArray {
  readonly base: number;
  readonly nbuckets: number;
  readonly charge: number;
  slots: Int32Array;
  next: Int32Array;
  used: number;
  /** Next preallocated overflow bucket (h.extra.nextOverflow), NONE when the tail is used up. */
  nextPre: number;
  separate = 0;
  evacuated?: Uint8Array;

  constructor(readonly B: number, sizing: { nbuckets: number; charge: number }) {
    this.base = 2 ** B;
    this.nbuckets = sizing.nbuckets;
    this.charge = sizing.charge;
    const cap = this.nbuckets + Math.ceil(this.base / 8) + 4;
    this.slots = new Int32Array(cap * SLOTS).fill(EMPTY);
    this.next = new Int32Array(cap).fill(NONE);
    this.used = this.nbuckets;
    this.nextPre = this.nbuckets > this.base ? this.base : NONE;
  }

  get prealloc(): number { return this.nbuckets - this.base; }
  get overflow(): number { return (this.nextPre === NONE ? this.prealloc : this.nextPre - this.base) + this.separate; }

  /** A separately allocated overflow bucket (newobject(t.bucket)). */
  addSeparate(): number {
    if (this.used === this.next.length) {
      const cap = Math.ceil(this.next.length * 1.5) + 8;
      const slots = new Int32Array(cap * SLOTS).fill(EMPTY);
      slots.set(this.slots);
      const next = new Int32Array(cap).fill(NONE);
      next.set(this.next);
      this.slots = slots;
      this.next = next;
    }
    this.separate++;
    return this.used++;
  }

  /** mapclear's makeBucketArray(t, B, h.buckets): zero in place; separate overflow is dropped. */
  reset(): void {
    this.slots.fill(EMPTY, 0, this.used * SLOTS);
    this.next.fill(NONE, 0, this.used);
    this.used = this.nbuckets;
    this.separate = 0;
    this.nextPre = this.nbuckets > this.base ? this.base : NONE;
  }
}

/** h.extra.overflow / oldoverflow for pointer-free buckets: a `new([]*bmap)` header object and
 * its append-grown backing array (map.go newoverflow, createOverflow). */
interface OverflowList { len: number; cap: number }

class ClassicMap {
  count = 0;
  B = 0;
  noverflow = 0;
  buckets?: BucketArray;
  old?: BucketArray;
  nevacuate = 0;
  sameSize = false;
  extra = false;
  overflowList?: OverflowList;
  oldOverflowList?: OverflowList;
  /** Key numbers in the map are liveLo .. nextKey-1 (deletes take the oldest). */
  liveLo = 0;
  nextKey = 0;
  private hashSeed: number;
  private generation = 0;
  private readonly h: Hash64 = { lo: 0, hi: 0 };
  garbage = 0;
  private mask = 0;
  private loadLimit = 0;
  /** tooManyOverflowBuckets (map.go lines 1089-1103): noverflow >= 2^min(B, 15). */
  private overflowLimit = 1;

  private setB(B: number): void {
    this.B = B;
    this.mask = 2 ** B - 1;
    this.loadLimit = this.shape.loadFactorNum * Math.floor(2 ** B / 2);
    this.overflowLimit = 2 ** Math.min(B, 15);
  }

  constructor(readonly shape: ClassicShape, private readonly seed: number, private readonly rand: Rand, hint: number | undefined, instance: number, private readonly domain = Infinity) {
    this.hashSeed = this.newSeed(instance);
    // makemap (map.go lines 299-343); makemap_small for no hint or a hint <= 8 gives the same.
    const B = hint === undefined ? 0 : bucketsLog2(hint, shape.loadFactorNum);
    this.setB(B);
    if (B !== 0) {
      this.buckets = new BucketArray(B, bucketArray(shape, B));
      if (this.buckets.nextPre !== NONE) this.extra = true;
    }
  }

  /** A new hash0 (makemap, mapclear, and mapdelete when count reaches 0). */
  private newSeed(salt: number): number {
    this.generation++;
    return mix32(this.seed ^ Math.imul(this.generation + salt * 7919, 0x9e3779b1));
  }

  /** A key type with few values (keyDomain) has only that many hashes per seed: key number i
   * is the value i mod domain, so a value deleted and inserted again under the same hash0 goes
   * back to its old bucket (and, mapassign taking the chain's first empty slot, usually to the
   * slot it freed), as in the runtime, instead of a fresh random bucket. */
  private hashOf(key: number): Hash64 { return keyHash(this.hashSeed, key < this.domain ? key : key % this.domain, this.h); }

  // ---- bytes -------------------------------------------------------------------------------

  private listCharge(l: OverflowList | undefined): number {
    if (!l) return 0;
    const s = this.shape;
    return allocCharge(3 * s.ptrSize, true, s.goVersion, s.arch) + allocCharge(l.cap * s.ptrSize, true, s.goVersion, s.arch);
  }

  private arrayCharge(a: BucketArray | undefined): number {
    if (!a) return 0;
    return a.charge + a.separate * allocCharge(this.shape.bucketSize, this.shape.bucketHasPointers, this.shape.goVersion, this.shape.arch);
  }

  private indirectPerEntry(): number { return this.shape.indirectKey + this.shape.indirectElem; }

  bytes(): number {
    return this.shape.hmap + (this.extra ? this.shape.mapextra : 0) + this.arrayCharge(this.buckets) + this.arrayCharge(this.old) +
      this.listCharge(this.overflowList) + this.listCharge(this.oldOverflowList) + this.count * this.indirectPerEntry();
  }

  structure(): ClassicStructure {
    const b = this.buckets;
    return {
      runtime: 'classic', count: this.count, B: this.B, buckets: 2 ** this.B, prealloc: b ? b.prealloc : 0,
      overflow: b ? b.overflow : 0, noverflow: this.noverflow, oldbuckets: this.old ? this.old.base : 0,
      nevacuate: this.old ? this.nevacuate : 0, sameSizeGrow: this.old ? this.sameSize : false,
    };
  }

  // ---- overflow ----------------------------------------------------------------------------

  /** incrnoverflow (map.go lines 227-244): exact below B = 16, then counted with probability
   * 1/2^(B-15); noverflow is a uint16. */
  private incrnoverflow(): void {
    if (this.B < 16) { this.noverflow = (this.noverflow + 1) & 0xffff; return; }
    const mask = 2 ** (this.B - 15) - 1;
    if ((this.rand.uint32() & mask) === 0) this.noverflow = (this.noverflow + 1) & 0xffff;
  }

  /** newoverflow (map.go lines 246-272): the preallocated tail first, then newobject. */
  private newoverflow(a: BucketArray, last: number): number {
    let ovf: number;
    if (a.nextPre !== NONE) {
      ovf = a.nextPre;
      a.nextPre = ovf + 1 < a.nbuckets ? ovf + 1 : NONE;
    } else {
      ovf = a.addSeparate();
    }
    this.incrnoverflow();
    if (!this.shape.bucketHasPointers) {
      this.extra = true;
      const l = (this.overflowList ??= { len: 0, cap: 0 });
      if (l.len === l.cap) {
        const s = this.shape;
        const cap = appendCapacity(l.cap, l.len + 1, s.ptrSize, true, s.goVersion, s.arch);
        if (l.cap) this.garbage += allocCharge(l.cap * s.ptrSize, true, s.goVersion, s.arch);
        l.cap = cap;
      }
      l.len++;
    }
    a.next[last] = ovf;
    return ovf;
  }

  // ---- growth ------------------------------------------------------------------------------

  /** hashGrow (map.go lines 1041-1082). */
  private hashGrow(): void {
    const bigger = overLoadFactor(this.count + 1, this.B, this.shape.loadFactorNum) ? 1 : 0;
    this.sameSize = bigger === 0;
    this.old = this.buckets;
    this.old!.evacuated = new Uint8Array(this.old!.base);
    this.setB(this.B + bigger);
    this.buckets = new BucketArray(this.B, bucketArray(this.shape, this.B));
    this.nevacuate = 0;
    this.noverflow = 0;
    if (this.overflowList) {
      this.oldOverflowList = this.overflowList;
      this.overflowList = undefined;
    }
    if (this.buckets.nextPre !== NONE) this.extra = true;
  }

  /** growWork (map.go lines 1128-1137): the old bucket the key maps to, then h.nevacuate. */
  private growWork(bucket: number): void {
    this.evacuate(bucket & (this.old!.base - 1));
    if (this.old) this.evacuate(this.nevacuate);
  }

  /** evacuate (map.go lines 1152-1264): move an old bucket's chain into X (same index) or, on a
   * doubling grow, Y (index + old size) by the hash bit `newbit`, packing each destination. */
  private evacuate(oldbucket: number): void {
    const old = this.old!, cur = this.buckets!;
    const newbit = old.base;
    if (!old.evacuated![oldbucket]) {
      const dst = [{ b: oldbucket, i: 0 }, { b: oldbucket + newbit, i: 0 }];
      for (let b = oldbucket; b !== NONE; b = old.next[b]) {
        for (let s = 0; s < SLOTS; s++) {
          const key = old.slots[b * SLOTS + s];
          if (key === EMPTY) continue;
          const d = dst[!this.sameSize && (this.hashOf(key).lo & newbit) !== 0 ? 1 : 0];
          if (d.i === SLOTS) { d.b = this.newoverflow(cur, d.b); d.i = 0; }
          cur.slots[d.b * SLOTS + d.i++] = key;
        }
      }
      old.evacuated![oldbucket] = 1;
    }
    if (oldbucket === this.nevacuate) this.advanceEvacuationMark(newbit);
  }

  /** advanceEvacuationMark (map.go lines 1266-1290): the old array goes once all are done. */
  private advanceEvacuationMark(newbit: number): void {
    const old = this.old!;
    this.nevacuate++;
    const stop = Math.min(this.nevacuate + 1024, newbit);
    while (this.nevacuate !== stop && old.evacuated![this.nevacuate]) this.nevacuate++;
    if (this.nevacuate === newbit) {
      this.garbage += this.arrayCharge(old) + this.listCharge(this.oldOverflowList);
      this.old = undefined;
      this.oldOverflowList = undefined;
      this.sameSize = false;
    }
  }

  // ---- operations --------------------------------------------------------------------------

  /** mapassign of a new key (map.go lines 577-693). */
  insert(key: number): void {
    const hash = this.hashOf(key);
    const lo = hash.lo;
    if (!this.buckets) this.buckets = new BucketArray(0, { nbuckets: 1, charge: allocCharge(this.shape.bucketSize, this.shape.bucketHasPointers, this.shape.goVersion, this.shape.arch) });
    for (;;) {
      const bucket = lo & this.mask;
      if (this.old) this.growWork(bucket);
      const a = this.buckets;
      let free = -1, last = bucket;
      for (let b = bucket; b !== NONE && free < 0; b = a.next[b]) {
        last = b;
        for (let s = 0; s < SLOTS; s++) if (a.slots[b * SLOTS + s] === EMPTY) { free = b * SLOTS + s; break; }
      }
      // overLoadFactor(count+1, B) || tooManyOverflowBuckets(noverflow, B), thresholds cached per B
      if (!this.old && ((this.count + 1 > SLOTS && this.count + 1 > this.loadLimit) || this.noverflow >= this.overflowLimit)) {
        this.hashGrow();
        continue;
      }
      if (free < 0) {
        // walk to the chain's end (the loop above stops at the first free slot)
        while (a.next[last] !== NONE) last = a.next[last];
        free = this.newoverflow(a, last) * SLOTS;
      }
      a.slots[free] = key;
      this.count++;
      return;
    }
  }

  /** mapassign of a key already in the map: no new slot, no growth check, but the write still
   * evacuates while growing (map.go lines 578-693: growWork runs before the key is found, and `goto done` at line 644 skips the trigger). */
  assignExisting(key: number): void {
    if (this.old) this.growWork(this.hashOf(key).lo & this.mask);
  }

  /** mapdelete (map.go lines 695-813) of a key in the map. */
  delete(key: number): void {
    if (this.count === 0) return;
    const bucket = this.hashOf(key).lo & this.mask;
    if (this.old) this.growWork(bucket);
    const a = this.buckets!;
    for (let b = bucket; b !== NONE; b = a.next[b]) {
      for (let s = 0; s < SLOTS; s++) {
        if (a.slots[b * SLOTS + s] !== key) continue;
        a.slots[b * SLOTS + s] = EMPTY;
        this.count--;
        this.garbage += this.indirectPerEntry();
        if (this.count === 0) this.hashSeed = this.newSeed(0);
        return;
      }
    }
    throw new Error(`classic sim: key ${key} not found`);
  }

  /** mapiterinit (map.go lines 815-860): `delete:all` is a range loop, and ranging over a
   * non-empty map of pointer-free buckets creates mapextra and the overflow list header (an
   * empty `new([]*bmap)`), which stay (fact sheet A.6b). */
  startIteration(): void {
    if (this.count === 0 || this.shape.bucketHasPointers) return;
    this.extra = true;
    this.overflowList ??= { len: 0, cap: 0 };
  }

  /**
   * maps.Clone (runtime.mapclone2, Go 1.21-1.23 map.go): `makemap(t, src.count, nil)` with the
   * source's hash0, then every entry moved into the bucket of the same low hash bits, chaining
   * overflow buckets as inserts do: the copy is sized for the live entries, not the peak. (A
   * source still growing is copied from both arrays; modelled as its live keys inserted.)
   */
  cloned(instance: number, sameSeed = true): ClassicMap {
    const c = new ClassicMap(this.shape, this.seed, this.rand, this.count, instance, this.domain);
    if (sameSeed) c.hashSeed = this.hashSeed;
    c.liveLo = c.nextKey = this.liveLo;
    for (let k = this.liveLo; k < this.nextKey; k++) c.insert(c.nextKey++);
    c.garbage = 0;
    return c;
  }

  /** mapclear (map.go lines 993-1039). */
  clear(): void {
    if (this.count === 0) return;
    this.garbage += this.arrayCharge(this.old) + this.listCharge(this.oldOverflowList) + this.listCharge(this.overflowList) +
      this.count * this.indirectPerEntry();
    this.garbage += this.arrayCharge(this.buckets) - this.buckets!.charge; // separate overflow
    this.sameSize = false;
    this.old = undefined;
    this.nevacuate = 0;
    this.noverflow = 0;
    this.count = 0;
    this.hashSeed = this.newSeed(0);
    this.overflowList = this.oldOverflowList = undefined;
    this.buckets!.reset();
  }
}

/** Step mode holds every key: beyond this the panel should use the estimate. */
export const MAX_STEP_KEYS = 50_000_000;

/**
 * Runs the operations on a simulated classic map; the first step ("make") is the state right
 * after make(map[K]V[, hint]). Deterministic for cfg.seed. `delete:N` deletes the N oldest keys;
 * an insert after `nil` starts a new map made as the first one was (m = make(...)). Keys are
 * numbered in insertion order; for a key type of few values, key i is the value i mod keyDomain
 * (as a program counting through int8 values gets), so later inserts reuse deleted values.
 */
export function simulateClassic(cfg: SimConfig, ops: Op[]): Step[] {
  const shape = classicShape(cfg.key, cfg.value, cfg.goVersion, cfg.arch ?? 64);
  const seed = cfg.seed ?? 1;
  const domain = keyDomain(cfg.key);
  const rand = new Rand(seed);
  let instance = 0;
  let m: ClassicMap | undefined = new ClassicMap(shape, seed, rand, cfg.hint, instance, domain);
  let total = 0;
  const steps: Step[] = [{ op: 'make', bytes: m.bytes(), garbage: 0, structure: m.structure() }];
  for (const op of ops) {
    let garbage = 0;
    switch (op.op) {
      case 'insert': {
        total += op.n;
        if (total > MAX_STEP_KEYS) throw new RangeError(`step mode simulates at most ${MAX_STEP_KEYS} inserted keys; use the estimate`);
        if (op.n > 0) m ??= new ClassicMap(shape, seed, rand, cfg.hint, ++instance, domain);
        if (m) {
          for (let i = 0; i < op.n; i++) {
            if (m.count < domain) m.insert(m.nextKey++);
            else m.assignExisting(m.liveLo); // every value of the key type is in the map already
          }
        }
        break;
      }
      case 'delete': {
        if (!m) break;
        const n = op.n === 'all' ? m.count : Math.min(op.n, m.count);
        if (op.n === 'all') m.startIteration();
        for (let i = 0; i < n; i++) m.delete(m.liveLo++);
        break;
      }
      case 'clear':
        if (m) { m.clear(); m.liveLo = m.nextKey; }
        break;
      case 'nil':
        if (m) garbage += m.bytes();
        m = undefined;
        break;
      case 'clone':
        // m = maps.Clone(m): the old map is garbage once the clone replaces it.
        if (!atLeastGo(shape.goVersion, 21)) throw new RangeError('maps.Clone arrived in Go 1.21: no clone before it');
        if (m) { garbage += m.bytes() + m.garbage; m.garbage = 0; m = m.cloned(++instance); }
        break;
      case 'rebuild':
        // fresh := make(map[K]V, len(m)); a copy loop; m = fresh: a new map (its own hash0).
        if (m) { garbage += m.bytes() + m.garbage; m.garbage = 0; m = m.cloned(++instance, false); }
        break;
    }
    if (m) { garbage += m.garbage; m.garbage = 0; }
    steps.push({ op: op.op === 'insert' || op.op === 'delete' ? `${op.op}:${op.n}` : op.op, bytes: m ? m.bytes() : 0, garbage, structure: m?.structure() });
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Estimate

/**
 * Expected overflow buckets per bucket when keys land uniformly: the key count of a bucket is
 * Poisson(λ), and a bucket with k > 8 keys packed (evacuation packs them) chains ⌈(k−8)/8⌉
 * overflow buckets. Sum over k until the terms vanish (≤ ~60 terms for λ ≤ 6.5).
 */
export function expectedOverflowPerBucket(lambda: number): number {
  if (lambda <= 0) return 0;
  let p = Math.exp(-lambda); // P(0)
  let sum = 0;
  for (let k = 1; k < 400; k++) {
    p *= lambda / k;
    if (k > SLOTS) {
      sum += p * Math.ceil((k - SLOTS) / SLOTS);
      if (k > lambda && p < 1e-17) break;
    }
  }
  return sum;
}

/**
 * The same for exactly n keys over 2^B buckets: a bucket's count is Binomial(n, 2^-B), which the
 * Poisson law only approximates (it matters for small maps: 12 keys over 2 buckets chain 0.146
 * overflow buckets on average, not 0.306). Returns the expected overflow buckets of the whole
 * array and the expected number of buckets that have any.
 */
export function expectedOverflow(n: number, B: number): { overflow: number; overflowing: number } {
  if (B === 0) return n > SLOTS ? { overflow: Math.ceil((n - SLOTS) / SLOTS), overflowing: 1 } : { overflow: 0, overflowing: 0 };
  const q = 2 ** -B;
  const ratio = q / (1 - q);
  let p = Math.pow(1 - q, n); // P(0)
  let sum = 0, over = 0;
  for (let k = 0; k < n && k < 1000; k++) {
    p *= ((n - k) / (k + 1)) * ratio; // P(k+1)
    const kk = k + 1;
    if (kk > SLOTS) {
      sum += p * Math.ceil((kk - SLOTS) / SLOTS);
      over += p;
      if (kk > n * q && p < 1e-17) break;
    }
  }
  return { overflow: sum * 2 ** B, overflowing: over * 2 ** B };
}

interface ArrayExpectation { charge: number; nbuckets: number; overflow: number; separate: number; list: number }

/** One array of 2^B buckets holding `keys` keys: expected overflow, separate objects, list. */
function expectArray(shape: ClassicShape, B: number, keys: number, ovfCharge: number): ArrayExpectation {
  const { nbuckets, charge } = B === 0 ? { nbuckets: 1, charge: allocCharge(shape.bucketSize, shape.bucketHasPointers, shape.goVersion, shape.arch) } : bucketArray(shape, B);
  const base = 2 ** B;
  const { overflow } = expectedOverflow(keys, B);
  const separate = Math.max(0, overflow - (nbuckets - base));
  let list = 0;
  if (!shape.bucketHasPointers && overflow > 0) {
    // h.extra.overflow: header + backing sized by append growth from 0 to ≈ overflow entries.
    let cap = 0;
    const want = Math.max(1, Math.round(overflow));
    while (cap < want) cap = appendCapacity(cap, cap + 1, shape.ptrSize, true, shape.goVersion, shape.arch);
    list = (1 - Math.exp(-overflow)) * (allocCharge(3 * shape.ptrSize, true, shape.goVersion, shape.arch) + allocCharge(cap * shape.ptrSize, true, shape.goVersion, shape.arch));
  }
  return { charge: charge + separate * ovfCharge, nbuckets, overflow, separate, list };
}

/**
 * Expected values for a map holding n entries inserted one by one (or after make with the
 * config's hint, which sets the starting B). O(1): no per-key work (a Poisson sum of ≤ ~60 terms).
 * While a grow is in progress the old array is counted: a grow that starts at entry g lasts about
 * ln 2 · 2^oldB further inserts (each insert evacuates its own old bucket and advances the sweep,
 * which skips buckets already done: the sweep covers e^t − 1 of the old array after t·2^oldB
 * inserts).
 */
export function estimateClassic(cfg: SimConfig, entries: number): Estimate {
  const n = Math.min(entries, keyDomain(cfg.key));
  const shape = classicShape(cfg.key, cfg.value, cfg.goVersion, cfg.arch ?? 64);
  const ovfCharge = allocCharge(shape.bucketSize, shape.bucketHasPointers, shape.goVersion, shape.arch);
  const num = shape.loadFactorNum;
  const hintB = cfg.hint === undefined ? 0 : bucketsLog2(cfg.hint, num);
  const B = Math.max(hintB, bucketsLog2(n, num));
  const hasArray = n > 0 || hintB > 0;
  const cur = hasArray ? expectArray(shape, B, n, ovfCharge) : undefined;

  // A doubling grow in progress: it started when the (g)th entry arrived, g = 6.5·2^(B-1) + 1.
  let old: ArrayExpectation | undefined;
  let oldB = 0;
  if (B > hintB && n > SLOTS) {
    oldB = B - 1;
    const g = Math.max(SLOTS, num * Math.floor(2 ** oldB / 2)) + 1;
    const sinceGrow = n - g;
    if (sinceGrow >= 0 && sinceGrow < Math.LN2 * 2 ** oldB) old = expectArray(shape, oldB, g - 1, ovfCharge);
  }

  const base = 2 ** B;
  const extraLikely = B >= 4 ? 1 : !shape.bucketHasPointers && cur ? 1 - Math.exp(-cur.overflow) : 0;
  const indirect = n * (shape.indirectKey + shape.indirectElem);
  const held = shape.hmap + extraLikely * shape.mapextra + (cur ? cur.charge + cur.list : 0);
  const bytes = held + (old ? old.charge + old.list : 0) + indirect;
  // Deleting every key evacuates the old array (two old buckets per delete) and frees indirect
  // objects; the range loop doing it creates mapextra and the list header for pointer-free buckets.
  const listHeader = allocCharge(3 * shape.ptrSize, true, shape.goVersion, shape.arch);
  const pList = cur ? 1 - Math.exp(-cur.overflow) : 0;
  const afterDeleteAll = held + (n > 0 && !shape.bucketHasPointers ? (1 - extraLikely) * shape.mapextra + (1 - pList) * listHeader : 0);
  // mapclear keeps hmap, mapextra and the main array; overflow apart, lists and old array go.
  const afterClear = n === 0 ? bytes : shape.hmap + extraLikely * shape.mapextra + (cur ? cur.charge - cur.separate * ovfCharge : 0);
  return {
    runtime: 'classic', entries: n, bytes, afterClear, afterDeleteAll,
    structure: {
      B, buckets: base, prealloc: cur ? cur.nbuckets - base : 0, overflow: cur ? cur.overflow : 0,
      separateOverflow: cur ? cur.separate : 0, oldbuckets: old ? 2 ** oldB : 0,
      overflowingBuckets: cur ? expectedOverflow(n, B).overflowing : 0,
    },
  };
}
