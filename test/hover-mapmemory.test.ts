// explain/mapmemory.ts against numbers measured on the real runtime (the fact sheet
// shared/reference/go-map-runtime-facts.md E.1 and A.2, docs/sim-accuracy.md), not against itself.
import { strict as assert } from 'assert';
import { formatBytes, isUnknownMemory, mapMemory, NEWEST_MODELLED_GO, type MapMemory } from '../server/src/explain/mapmemory';

function known(m: ReturnType<typeof mapMemory>): MapMemory {
  if (isUnknownMemory(m)) throw new Error(m.unknown);
  return m;
}

describe('explain/mapmemory', () => {
  it('classic make(map[int64]int64, 100000): 2,506,824 B empty and after clear (fact sheet E.1, Go 1.19.8)', () => {
    const m = known(mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: '1.19', hint: 100_000 }, [0, 100_000]));
    assert.equal(m.runtime, 'classic');
    assert.equal(m.bucketOrGroupBytes, 144); // 8 tophash + 8×8 keys + 8×8 values + 8 overflow pointer (A.2)
    assert.equal(m.sizes[0].bytes, 2_506_824);
    assert.equal(m.sizes[1].afterClear, 2_506_824);
    assert.equal(m.sizes[0].structure.B, 14);
    // Filled: measured 2,769,120 (make + fill); the estimate is an expected value within 2%.
    assert.ok(Math.abs(m.sizes[1].bytes / 2_769_120 - 1) < 0.02, String(m.sizes[1].bytes));
  });

  it('classic map[int64]int64 grown to 1e6 keeps its 40,108,104 B array after clear (E.1)', () => {
    const m = known(mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: '1.22' }, [1e6]));
    assert.equal(m.sizes[0].afterClear, 40_108_104);
    assert.equal(m.sizes[0].structure.B, 18);
  });

  it('Go 1.21 load factor 6: make(map[int64]int64, 100000) gets B = 15 (classic.ts loadFactorNum)', () => {
    const m = known(mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: '1.21', hint: 100_000 }, [0]));
    assert.equal(m.sizes[0].bytes, 5_013_576);
  });

  it('Swiss: group of 8 control bytes + 8 slots; clear keeps the tables, frees indirect values', () => {
    const m = known(mapMemory({ keyType: 'int64', valueType: 'int64', runtimeVersion: '1.24' }, [0, 1000]));
    assert.equal(m.runtime, 'swiss');
    assert.equal(m.bucketOrGroupBytes, 8 + 8 * 16);
    assert.equal(m.sizes[0].bytes, 48); // the map header alone until the first insert
    assert.equal(m.sizes[1].afterClear, m.sizes[1].bytes); // nothing freed: no indirect objects
    const big = known(mapMemory({ keyType: 'string', valueType: '[200]byte', runtimeVersion: '1.26' }, [1000]));
    assert.ok(big.indirectValue && !big.indirectKey);
    assert.equal(big.bucketOrGroupBytes, 8 + 8 * 24); // string + pointer to the value
    assert.ok(big.sizes[0].afterClear < big.sizes[0].bytes, 'the 200-byte value objects go with clear');
  });

  it('no version: the newest modelled release, and says it assumed it', () => {
    const m = known(mapMemory({ keyType: 'string', valueType: 'int' }, [1]));
    assert.equal(m.goVersion, NEWEST_MODELLED_GO);
    assert.equal(m.assumedVersion, true);
    assert.equal(m.runtime, 'swiss');
  });

  it('unknown types and versions give a reason, not numbers', () => {
    const k = mapMemory({ keyType: 'Foo', valueType: 'int' }, [1]);
    assert.ok(isUnknownMemory(k) && /key type Foo/.test(k.unknown), JSON.stringify(k));
    const v = mapMemory({ keyType: 'int', valueType: 'pkg.Thing' }, [1]);
    assert.ok(isUnknownMemory(v) && /value type pkg\.Thing/.test(v.unknown), JSON.stringify(v));
    const g = mapMemory({ keyType: 'int', valueType: 'int', runtimeVersion: 'tip' }, [1]);
    assert.ok(isUnknownMemory(g) && /not a Go version/.test(g.unknown));
  });

  it('a key type of few values holds at most that many keys, on both runtimes', () => {
    for (const runtimeVersion of ['1.22', '1.25']) {
      const m = known(mapMemory({ keyType: 'bool', valueType: 'struct{}', runtimeVersion }, [1000, 1e6]));
      assert.deepEqual(m.sizes.map((s) => s.entries), [2, 2], runtimeVersion);
      const i8 = known(mapMemory({ keyType: 'int8', valueType: 'string', runtimeVersion }, [1e6]));
      assert.equal(i8.sizes[0].entries, 256, runtimeVersion);
    }
  });

  it('formatBytes always shows the exact count', () => {
    assert.equal(formatBytes(48), '48 B');
    assert.equal(formatBytes(1023), '1,023 B');
    assert.equal(formatBytes(9512), '9.3 KiB (9,512 B)');
    assert.equal(formatBytes(2_506_824), '2.4 MiB (2,506,824 B)');
    assert.equal(formatBytes(40_108_104), '38.3 MiB (40,108,104 B)');
    assert.equal(formatBytes(263_787_663.4), '252 MiB (263,787,663 B)');
  });
});
