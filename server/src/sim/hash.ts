// The simulated hash function. The runtime hashes keys with a per-map random seed (aeshash or
// memhash; runtime/alg.go), so no simulation can know where a real key lands. What the models
// need is the same statistics: every key a uniform, independent 64-bit value. Keys are numbered
// (the i-th distinct key ever inserted into the map is key i); the hash of key i under a seed is
//
//   keyHash(seed, i) = { lo, hi }: the low and high 32 bits of a 64-bit hash, as uint32 numbers.
//
// Contract: deterministic in (seed, i); for a fixed seed, distinct i give values that pass as
// independent and uniform over all 64 bits (both halves, and any bit field of them). Math.imul
// only, no BigInt and no allocation when `out` is passed, so it suits loops over 10^7 keys.
// How the models read it, mirroring the runtime:
//   - classic (runtime/map.go): bucket = lo & (2^B - 1); the bit that picks the X/Y half during a
//     doubling evacuation is lo bit B (hash & newbit); tophash = hi >>> 24 (top 8 bits).
//   - swiss (internal/runtime/maps): H2 = lo & 0x7f; H1 = hash >> 7 (probe start from lo >>> 7
//     combined with hi); directory index = the top globalDepth bits = hi >>> (32 - globalDepth).

export interface Hash64 { lo: number; hi: number }

/** murmur3's 32-bit finalizer: a bijection on uint32 with full avalanche. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The 64-bit pseudo-hash of key number i (0 <= i < 2^53) for a map seeded with `seed`. */
export function keyHash(seed: number, i: number, out: Hash64 = { lo: 0, hi: 0 }): Hash64 {
  const iLo = i >>> 0;
  const iHi = Math.floor(i / 4294967296) >>> 0;
  const s = mix32(seed ^ 0x9e3779b9);
  // Two lanes, each fed with both halves of i and the seed, then cross-mixed so lo and hi are
  // independent functions of (seed, i).
  const a = mix32(iLo ^ s) ^ Math.imul(iHi, 0x27d4eb2f);
  const b = mix32((iLo + Math.imul(s, 0x165667b1)) ^ 0x5bd1e995) ^ mix32(iHi ^ s);
  out.lo = mix32(a ^ Math.imul(b, 0x9e3779b1));
  out.hi = mix32(b + mix32(a ^ 0x7f4a7c15));
  return out;
}

/** A seeded uint32 stream (mulberry32) for the runtime's own fastrand draws, e.g. whether
 * incrnoverflow counts an overflow bucket at B >= 16. */
export class Rand {
  private state: number;
  constructor(seed: number) { this.state = mix32(seed ^ 0x6a09e667) || 1; }
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
