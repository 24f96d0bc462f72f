// The allocator model against measurements: HeapAlloc per object (2000 objects each, Go 1.19.8,
// 1.22.0 and 1.26.8, linux/amd64) and the capacities `append` gave a []*byte growing by one.
import { strict as assert } from 'assert';
import { allocCharge, appendCapacity, roundupsize, runtimeOf, sizeClasses, sizeClassOf } from '../server/src/sim/alloc';

describe('sim alloc', () => {
  it('has the 68 size classes of runtime/sizeclasses.go', () => {
    const c = sizeClasses('1.19');
    assert.equal(c.length, 68);
    assert.equal(c[1], 8);
    assert.equal(c[67], 32768);
    assert.deepEqual([sizeClassOf(1), sizeClassOf(17), sizeClassOf(272), sizeClassOf(1048), sizeClassOf(27000), sizeClassOf(32768)], [8, 24, 288, 1152, 27264, 32768]);
  });

  it('charges what HeapAlloc measured, with malloc headers from Go 1.22', () => {
    // size, Go 1.19 (pointers or not), Go 1.22+ with pointers, Go 1.22+ without
    const measured: [number, number, number, number][] = [
      [8, 8, 8, 8], [504, 512, 512, 512], [512, 512, 512, 512], [520, 576, 576, 576], [1024, 1024, 1152, 1024],
      [2040, 2048, 2048, 2048], [4096, 4096, 4864, 4096], [32752, 32768, 32768, 32768], [32760, 32768, 32768, 32768],
      [32768, 32768, 32768, 32768], [32776, 40960, 40960, 40960], [40960, 40960, 40960, 40960],
    ];
    for (const [size, g19, g22p, g22n] of measured) {
      assert.equal(allocCharge(size, true, '1.19'), g19, `${size} pointerful 1.19`);
      assert.equal(allocCharge(size, false, '1.19'), g19, `${size} noscan 1.19`);
      for (const v of ['1.22', '1.23.4', '1.26']) {
        assert.equal(allocCharge(size, true, v), g22p, `${size} pointerful ${v}`);
        assert.equal(allocCharge(size, false, v), g22n, `${size} noscan ${v}`);
      }
    }
    assert.equal(allocCharge(0, true, '1.22'), 0);
  });

  it('charges the fact sheet\'s bucket objects (A.4, A.6b)', () => {
    const cases: [number, number][] = [[144, 144], [272, 288], [80, 80], [208, 208], [88, 96], [1048, 1152], [336, 352], [400, 416]];
    for (const [bs, charge] of cases) assert.equal(allocCharge(bs, true, '1.19'), charge);
    assert.equal(allocCharge(1048, true, '1.22'), 1152, '1056 still fits the 1152 class');
  });

  it('the tiny allocator shares 16-byte blocks (fact sheet D.1 per-value bytes)', () => {
    assert.equal(allocCharge(8, false, '1.19'), 8);
    assert.equal(allocCharge(4, false, '1.19'), 4);
    assert.equal(allocCharge(2, false, '1.19'), 2);
    assert.equal(allocCharge(12, false, '1.19'), 16);
    assert.equal(allocCharge(16, false, '1.19'), 16);
    assert.equal(allocCharge(8, true, '1.19'), 8, 'pointerful objects are never tiny');
  });

  it('malloc headers on 32-bit start above 128 bytes (measured, GOARCH=386, Go 1.22.0)', () => {
    assert.equal(allocCharge(128, true, '1.22', 32), 128);
    assert.equal(allocCharge(144, true, '1.22', 32), 160);
    assert.equal(allocCharge(144, true, '1.19', 32), 144);
    assert.equal(allocCharge(144, true, '1.22', 64), 144);
    assert.equal(allocCharge(512, true, '1.22', 32), 576);
    assert.equal(allocCharge(2048, true, '1.22', 32), 2304);
  });

  it('roundupsize reports the usable bytes after a header', () => {
    assert.equal(roundupsize(1024, true, '1.22'), 1144);
    assert.equal(roundupsize(1024, true, '1.19'), 1024);
    assert.equal(roundupsize(40000, true, '1.22'), 40960);
  });

  it('append grows like growslice did (Go 1.19 and 1.22, []*byte)', () => {
    const caps = (v: string) => { const out = [1]; while (out[out.length - 1] < 5000) { const c = out[out.length - 1]; out.push(appendCapacity(c, c + 1, 8, true, v)); } return out; };
    assert.deepEqual(caps('1.19'), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120]);
    assert.deepEqual(caps('1.22'), [1, 2, 4, 8, 16, 32, 64, 143, 287, 607, 1023, 1535, 2303, 3071, 4095, 6144]);
  });

  it('picks the runtime by version', () => {
    assert.equal(runtimeOf('1.19'), 'classic');
    assert.equal(runtimeOf('go1.23.9'), 'classic');
    assert.equal(runtimeOf('1.24rc1'), 'swiss');
    assert.equal(runtimeOf('1.26'), 'swiss');
    assert.throws(() => runtimeOf('latest'));
  });
});
