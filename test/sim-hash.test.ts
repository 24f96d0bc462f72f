// The simulated hash must have the statistics of a seeded random hash: uniform bit fields in both
// halves, halves independent, deterministic per seed. Chi-square bounds are far above the 99.9th
// percentile so the test only fails on a real defect.
import { strict as assert } from 'assert';
import { keyHash, Rand, type Hash64 } from '../server/src/sim/hash';

function chiSquare(counts: number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const e = n / counts.length;
  return counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
}
/** Upper bound well past the 99.9% quantile of chi-square with k-1 degrees of freedom. */
const bound = (cells: number) => cells - 1 + 6 * Math.sqrt(2 * (cells - 1));

describe('sim hash', () => {
  const h: Hash64 = { lo: 0, hi: 0 };
  it('is deterministic per seed and differs between seeds', () => {
    assert.deepEqual(keyHash(1, 42), keyHash(1, 42));
    assert.notDeepEqual(keyHash(1, 42), keyHash(2, 42));
    assert.notDeepEqual(keyHash(1, 42), keyHash(1, 43));
    assert.notDeepEqual(keyHash(1, 7), keyHash(1, 7 + 2 ** 32), 'keys above 2^32 differ');
  });

  for (const seed of [0, 1, 12345]) {
    it(`spreads keys uniformly over buckets, tophash and directory bits (seed ${seed})`, () => {
      const n = 200_000;
      const low = new Array(1024).fill(0), top = new Array(256).fill(0), joint = new Array(256).fill(0), mid = new Array(512).fill(0);
      for (let i = 0; i < n; i++) {
        keyHash(seed, i, h);
        low[h.lo & 1023]++;
        top[h.hi >>> 24]++;
        joint[((h.lo & 15) << 4) | (h.hi >>> 28)]++;
        mid[(h.lo >>> 14) & 511]++;
        assert.ok(h.lo >= 0 && h.lo < 2 ** 32 && h.hi >= 0 && h.hi < 2 ** 32);
      }
      for (const [name, c] of [['low 10 bits', low], ['top 8 bits', top], ['low x top', joint], ['bits 14-22', mid]] as const) {
        assert.ok(chiSquare(c) < bound(c.length), `${name}: chi2 ${chiSquare(c).toFixed(1)} for ${c.length} cells`);
      }
    });
  }

  it('gives Poisson bucket loads (6.1 keys per bucket: the share of buckets over 8 keys)', () => {
    const buckets = 1 << 14, n = 100_000;
    const load = new Uint32Array(buckets);
    for (let i = 0; i < n; i++) load[keyHash(9, i, h).lo & (buckets - 1)]++;
    const over8 = load.filter((k) => k > 8).length / buckets;
    // P(Poisson(6.1035) > 8) = 0.1636
    assert.ok(Math.abs(over8 - 0.1636) < 0.008, `share over 8: ${over8}`);
  });

  it('Rand is a seeded uniform stream', () => {
    const r = new Rand(5), counts = new Array(64).fill(0);
    for (let i = 0; i < 64_000; i++) counts[r.uint32() >>> 26]++;
    assert.ok(chiSquare(counts) < bound(64));
    assert.equal(new Rand(5).uint32(), new Rand(5).uint32());
  });
});
