// The simulation's clone and rebuild operations (m = maps.Clone(m); a copy into make(T, len(m))),
// against the runtime's rules: the measured figures are in docs/sim-accuracy.md "Burst, drain and
// maps.Clone" and test/sim-validation.test.ts compares them on every toolchain here.
import * as assert from 'assert';
import { layoutOf, OpSyntaxError, parseOps, simulate, type TypeLayout } from '../server/src/sim';

function layout(t: string): TypeLayout {
  const l = layoutOf(t);
  if ('unknown' in l) throw new Error(l.reason);
  return l;
}

const burst = (goVersion: string, ops = 'insert:100000,delete:99990,clone,rebuild') =>
  simulate({ key: layout('int64'), value: layout('int64'), goVersion, seed: 1 }, parseOps(ops));

describe('sim: clone and rebuild', () => {
  it('parses clone and rebuild, without an argument', () => {
    assert.deepStrictEqual(parseOps('insert:3,clone,rebuild'), [{ op: 'insert', n: 3 }, { op: 'clone' }, { op: 'rebuild' }]);
    assert.throws(() => parseOps('clone:2'), OpSyntaxError);
    assert.throws(() => parseOps('shrink'), /want insert:N, delete:N, delete:all, clear, nil, clone or rebuild/);
  });

  it('Swiss from Go 1.25: the clone keeps every table of the burst; the old map is garbage; the rebuild shrinks', () => {
    for (const v of ['1.25', '1.26']) {
      const [, full, drained, cloned, rebuilt] = burst(v);
      assert.strictEqual(drained.bytes, full.bytes, 'deletes free nothing');
      assert.strictEqual(cloned.bytes, drained.bytes, 'the clone is as large as the map');
      assert.strictEqual(cloned.garbage, drained.bytes);
      assert.deepStrictEqual(cloned.structure, drained.structure);
      assert.ok(rebuilt.bytes < 1024, `a map for 10 entries: ${rebuilt.bytes} B`);
      assert.strictEqual(rebuilt.garbage, cloned.bytes);
    }
  });

  it('Go 1.21-1.24 (classic, and Swiss 1.24): runtime.mapclone2 sizes the clone for the live entries', () => {
    for (const v of ['1.22', '1.24']) {
      const [, full, drained, cloned] = burst(v);
      assert.strictEqual(drained.bytes, full.bytes);
      assert.ok(cloned.bytes < 1024, `${v}: ${cloned.bytes} B`);
      assert.strictEqual(cloned.garbage, drained.bytes);
    }
    const [, , , , rebuilt] = burst('1.22');
    assert.ok(rebuilt.bytes < 1024, `a new map for 10 entries (its own hash0): ${rebuilt.bytes} B`);
  });

  it('refuses clone before Go 1.21 (no maps package); rebuild works on every version', () => {
    assert.throws(() => burst('1.20'), /maps\.Clone arrived in Go 1\.21/);
    const [, full, , rebuilt] = burst('1.19', 'insert:100000,delete:99990,rebuild');
    assert.ok(rebuilt.bytes < full.bytes / 1000);
  });
});
