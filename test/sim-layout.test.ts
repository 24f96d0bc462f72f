// Type layouts checked against what gc reports (reflect.TypeOf(v).Size()/Align(), Go 1.26.8,
// GOARCH=amd64 and GOARCH=386) and the fact sheet's bucket table (A.2).
import { strict as assert } from 'assert';
import { isUnknown, layoutOf, parseType, printType } from '../server/src/sim/layout';
import type { Arch, TypeLayout } from '../server/src/sim/model';

function known(text: string, arch: Arch = 64, resolve?: (n: string) => string | undefined): TypeLayout {
  const l = layoutOf(text, arch, resolve);
  if (isUnknown(l)) assert.fail(`${text}: unknown (${l.reason})`);
  return l;
}
const sa = (text: string, arch: Arch = 64) => { const l = known(text, arch); return [l.size, l.align]; };

describe('sim layout', () => {
  it('predeclared types on 64-bit and 32-bit', () => {
    const cases: [string, number, number, number, number][] = [
      // type, size64, align64, size32, align32
      ['bool', 1, 1, 1, 1], ['int8', 1, 1, 1, 1], ['byte', 1, 1, 1, 1], ['int16', 2, 2, 2, 2],
      ['rune', 4, 4, 4, 4], ['uint32', 4, 4, 4, 4], ['int64', 8, 8, 8, 4], ['uint64', 8, 8, 8, 4],
      ['int', 8, 8, 4, 4], ['uint', 8, 8, 4, 4], ['uintptr', 8, 8, 4, 4], ['float32', 4, 4, 4, 4],
      ['float64', 8, 8, 8, 4], ['complex64', 8, 4, 8, 4], ['complex128', 16, 8, 16, 4],
      ['string', 16, 8, 8, 4], ['[]int', 24, 8, 12, 4], ['interface{}', 16, 8, 8, 4], ['any', 16, 8, 8, 4],
      ['error', 16, 8, 8, 4], ['*int', 8, 8, 4, 4], ['unsafe.Pointer', 8, 8, 4, 4], ['map[string]int', 8, 8, 4, 4],
      ['chan int', 8, 8, 4, 4], ['<-chan int', 8, 8, 4, 4], ['chan<- []byte', 8, 8, 4, 4], ['func(int) (string, error)', 8, 8, 4, 4],
      ['struct{}', 0, 1, 0, 1], ['[0]int64', 0, 8, 0, 4], ['[3]complex64', 24, 4, 24, 4],
    ];
    for (const [t, s64, a64, s32, a32] of cases) {
      assert.deepEqual(sa(t, 64), [s64, a64], `${t} on 64-bit`);
      assert.deepEqual(sa(t, 32), [s32, a32], `${t} on 32-bit`);
    }
  });

  it('struct padding and the trailing zero-size field rule (gc, amd64 and 386)', () => {
    const cases: [string, number, number, number, number][] = [
      ['struct{a int32; b int64}', 16, 8, 12, 4],
      ['struct{a int64; b struct{}}', 16, 8, 12, 4],
      ['struct{a int8; b [0]int64}', 16, 8, 8, 4],
      ['struct{a, b int8; c int16; d complex128; e complex64; f string; g []int; h interface{}}', 88, 8, 56, 4],
      ['struct{b bool; x atomic.Int64}', 16, 8, 16, 8],
      ['struct{x struct{}; y struct{}}', 0, 1, 0, 1],
      ['struct{k int64; v bool}', 16, 8, 12, 4],
    ];
    for (const [t, s64, a64, s32, a32] of cases) {
      assert.deepEqual(sa(t, 64), [s64, a64], `${t} on 64-bit`);
      assert.deepEqual(sa(t, 32), [s32, a32], `${t} on 32-bit`);
    }
  });

  it('well-known standard-library types match gc', () => {
    const cases: [string, number, number, number, number][] = [
      ['time.Time', 24, 8, 20, 4], ['sync.Mutex', 8, 4, 8, 4], ['sync.RWMutex', 24, 4, 24, 4], ['sync.Once', 12, 4, 12, 4],
      ['atomic.Int64', 8, 8, 8, 8], ['atomic.Value', 16, 8, 8, 4], ['netip.Addr', 24, 8, 20, 4], ['netip.AddrPort', 32, 8, 24, 4],
      ['strings.Builder', 32, 8, 16, 4], ['big.Int', 32, 8, 16, 4], ['reflect.Value', 24, 8, 12, 4], ['time.Duration', 8, 8, 8, 4],
    ];
    for (const [t, s64, a64, s32, a32] of cases) {
      assert.deepEqual(sa(t, 64), [s64, a64], `${t} on 64-bit`);
      assert.deepEqual(sa(t, 32), [s32, a32], `${t} on 32-bit`);
    }
    assert.equal(known('time.Time').hasPointers, true);
    assert.equal(known('sync.Mutex').hasPointers, false);
  });

  it('pointers and reflexivity', () => {
    assert.equal(known('int64').hasPointers, false);
    assert.equal(known('string').hasPointers, true);
    assert.equal(known('[0]*int').hasPointers, false);
    assert.equal(known('struct{a int; b [0]*int}').hasPointers, false);
    assert.equal(known('[2]struct{p *int}').hasPointers, true);
    assert.equal(known('float64').reflexive, false);
    assert.equal(known('complex64').reflexive, false);
    assert.equal(known('interface{ String() string }').reflexive, false);
    assert.equal(known('[4]struct{a int; f float32}').reflexive, false);
    assert.equal(known('[0]float64').reflexive, false); // types.IsReflexive looks at the element type only
    assert.equal(known('struct{a string; b [3]int}').reflexive, true);
    assert.equal(known('*float64').reflexive, true);
  });

  it('reproduces the bucket-size table of the fact sheet (A.2) from layouts', () => {
    const slot = (t: string) => { const l = known(t); return l.size > 128 ? 8 : l.size; };
    const bucket = (k: string, v: string) => 16 + 8 * (slot(k) + slot(v));
    assert.equal(bucket('int64', 'int64'), 144);
    assert.equal(bucket('int32', 'int32'), 80);
    assert.equal(bucket('string', 'interface{}'), 272);
    assert.equal(bucket('string', 'int'), 208);
    assert.equal(bucket('int64', 'struct{}'), 80);
    assert.equal(bucket('string', 'struct{}'), 144);
    assert.equal(bucket('struct{}', 'struct{}'), 16);
    assert.equal(bucket('uint8', 'uint64'), 88);
    assert.equal(bucket('[128]byte', 'int8'), 1048);
    assert.equal(bucket('int64', '[200]byte'), 144);
  });

  it('struct syntax: newlines, several names, embedded fields, tags, comments', () => {
    const resolve = (n: string) => ({ Point: 'struct{X, Y int}', 'geo.Lat': 'float64', Node: 'struct{next *Node; v int}', Loop: 'struct{l Loop}', A: 'B', B: '[2]A' } as Record<string, string>)[n];
    const l = known(`struct {
      a, b int32 \`json:"a"\`
      Point // embedded
      *geo.Lat
      /* c */ c string "tag"
    }`, 64, resolve);
    assert.equal(l.text, 'struct{a int32; b int32; Point; *geo.Lat; c string}');
    assert.deepEqual([l.size, l.align], [48, 8]);
    assert.deepEqual(sa('struct{a int32; b int64}'), [16, 8]);
    assert.equal(known('Node', 64, resolve).size, 16);
    assert.equal(known('[3]geo.Lat', 64, resolve).reflexive, false);
    const loop = layoutOf('Loop', 64, resolve);
    assert.ok(isUnknown(loop) && /contains itself/.test(loop.reason));
    assert.ok(isUnknown(layoutOf('A', 64, resolve)));
    assert.equal(known('[]Unresolved').size, 24, 'element types of slices need no layout');
  });

  it('unknown types carry a reason', () => {
    const u = (t: string) => { const l = layoutOf(t); assert.ok(isUnknown(l), t); return (l as { reason: string }).reason; };
    assert.match(u('Foo'), /Foo is not resolved/);
    assert.match(u('pkg.Bar'), /pkg.Bar is not resolved/);
    assert.match(u('List[int]'), /generic/);
    assert.match(u('[N]int'), /not an integer literal/);
    assert.match(u('map[string]'), /not a Go type/);
    assert.match(u('struct{a int'), /not a Go type/);
    assert.match(u('struct{a Foo}'), /Foo/);
  });

  it('array lengths in every literal form', () => {
    assert.equal(known('[0x10]byte').size, 16);
    assert.equal(known('[1_000]byte').size, 1000);
    assert.equal(known('[0b11]int16').size, 6);
    assert.equal(known('[0o10]byte').size, 8);
  });

  it('prints types normalized', () => {
    assert.equal(printType(parseType('map[ string ] [ ]  *int')), 'map[string][]*int');
    assert.equal(printType(parseType('interface {  }')), 'interface{}');
    assert.equal(printType(parseType('func(a int,b string)error')), 'func(a int, b string) error');
    assert.equal(printType(parseType('<-chan (int)')), '<-chan int');
    assert.equal(printType(parseType('interface{ String() string; Len() (n int) }')), 'interface{String() string; Len() (n int)}');
  });
});
