// The cases validation/cmd/measure runs on every Go toolchain: key/value type pairs × 3 sizes ×
// op sequences. Type texts are Go syntax as layoutOf reads them, and must be registered in
// validation/cmd/measure/types.go.

export interface MeasureCase {
  id: string;
  key: string;
  value: string;
  hint?: number;
  ops: string[];
  runs: number;
  /** The first Go release that can run it ("1.21": maps.Clone); older toolchains skip the case. */
  minGo?: string;
}

interface Pair { key: string; value: string; sizes: number[] }

/** Every width of int, floats, strings, padded structs, indirect (>128 B) keys and values,
 * empty structs, interfaces, pointers. Sizes stop at the key space (int8: 256 keys) and at
 * 1e5 for the 136/200-byte types; a million entries (classic B = 18, where noverflow is sampled)
 * for three pairs, 3e5 (B = 16) for the others, to keep the time per toolchain near half a minute.
 * N = 100 for two string pairs: pointerful bucket arrays of 513..32760 bytes (Go 1.22+ malloc headers). */
export const PAIRS: Pair[] = [
  { key: 'int8', value: 'int8', sizes: [8, 100, 256] },
  { key: 'uint8', value: 'uint64', sizes: [8, 100, 256] },
  { key: 'int16', value: 'int16', sizes: [1000, 10000, 65536] },
  { key: 'uint16', value: 'uint32', sizes: [1000, 10000, 65536] },
  { key: 'int32', value: 'int32', sizes: [1000, 100000, 1000000] },
  { key: 'uint32', value: 'float32', sizes: [1000, 100000, 300000] },
  { key: 'int64', value: 'int64', sizes: [1000, 100000, 1000000] },
  { key: 'uint64', value: 'bool', sizes: [1000, 100000, 300000] },
  { key: 'float64', value: 'float64', sizes: [1000, 100000, 300000] },
  { key: 'string', value: 'int', sizes: [100, 1000, 100000, 300000] },
  { key: 'string', value: 'interface{}', sizes: [100, 1000, 100000, 1000000] },
  { key: 'string', value: 'struct{}', sizes: [1000, 100000, 300000] },
  { key: 'int64', value: 'struct{}', sizes: [1000, 100000, 300000] },
  { key: 'struct{a int8; b int64}', value: 'int32', sizes: [1000, 100000, 300000] },
  { key: '[136]byte', value: 'int8', sizes: [1000, 10000, 100000] },
  { key: 'int64', value: '[200]byte', sizes: [1000, 10000, 100000] },
  { key: 'int64', value: '*int64', sizes: [1000, 100000, 300000] },
];

/** Medians over the runs are compared; 3 runs from 1e5 entries keep the matrix near half a minute. */
/** Maps measured per case: where tables or overflow vary from map to map by 2-3% (up to 1e5
 * entries; one overflow bucket is 5% of a 100-entry map), enough runs that their median and spread
 * are worth comparing with. A million-entry map varies by well under 1%. */
function runsFor(n: number): number {
  return n >= 1_000_000 ? 3 : n > 1000 ? 9 : 15;
}

/** Churn varies most from map to map (3% at 1e5 on Swiss tables): its median needs the most runs. */
const CHURN_RUNS = 25;

function ins(n: number): string {
  return `insert:${n}`;
}

export function fullMatrix(): MeasureCase[] {
  const cases: MeasureCase[] = [];
  for (const p of PAIRS) {
    for (const n of p.sizes) {
      const name = `map[${p.key}]${p.value} N=${n}`;
      // Filled one by one, emptied both ways, refilled, dropped.
      cases.push({ id: `${name} fill`, key: p.key, value: p.value, ops: [ins(n), 'clear', ins(n), 'delete:all', ins(n), 'nil'], runs: runsFor(n) });
      // make with a hint: sizing without hashing; clear after a per-key delete (an empty map).
      cases.push({ id: `${name} hint`, key: p.key, value: p.value, hint: n, ops: [ins(n), 'delete:all', 'clear', 'nil'], runs: runsFor(n) });
    }
  }
  // map[struct{}]struct{} has a single possible key.
  cases.push({ id: 'map[struct{}]struct{} N=1 fill', key: 'struct{}', value: 'struct{}', ops: ['insert:1', 'clear', 'insert:1', 'delete:all', 'nil'], runs: 5 });
  // The small map (Swiss: one group, the 9th entry moves it to a table; classic: B = 0).
  for (const [key, value] of [['int64', 'int64'], ['string', 'interface{}']]) {
    cases.push({ id: `map[${key}]${value} small`, key, value, ops: ['insert:5', 'insert:3', 'insert:1', 'clear', 'insert:8', 'delete:all', 'nil'], runs: 5 });
  }
  // Churn with a constant live count: tombstones (Swiss) and overflow reuse (classic).
  for (const [key, value, n] of [['int64', 'int64', 800], ['int64', 'int64', 100000], ['string', 'interface{}', 100000]] as const) {
    const ops = [ins(n)];
    for (let i = 0; i < 6; i++) ops.push(`delete:${n / 2}`, ins(n / 2));
    ops.push('delete:all', 'clear');
    cases.push({ id: `map[${key}]${value} N=${n} churn`, key, value, ops, runs: CHURN_RUNS });
  }
  // mapshrink's numbers: a burst to a million entries deleted down to a thousand (what the hover
  // says it keeps), then the fix's rebuild; and m = maps.Clone(m) after a drain to ten (Go 1.21+).
  cases.push({ id: 'map[int64]int64 N=1000000 burst', key: 'int64', value: 'int64', ops: [ins(1_000_000), 'delete:999000', 'rebuild'], runs: 3 });
  cases.push({ id: 'map[int64]int64 N=1000000 clone', key: 'int64', value: 'int64', ops: [ins(1_000_000), 'delete:999990', 'clone', 'rebuild'], runs: 3, minGo: '1.21' });
  cases.push({ id: 'map[string]struct{} N=100000 clone', key: 'string', value: 'struct{}', ops: [ins(100_000), 'delete:99000', 'clone', 'rebuild'], runs: 9, minGo: '1.21' });
  return cases;
}

/** The cases a toolchain (`go1.19.8`) can run: those without a minGo above it. */
export function casesFor(goVersion: string, cases: MeasureCase[]): MeasureCase[] {
  const [maj, min] = goVersion.replace(/^go/, '').split('.').map(Number);
  return cases.filter((c) => {
    if (!c.minGo) return true;
    const [cm, cn] = c.minGo.split('.').map(Number);
    return maj > cm || (maj === cm && min >= cn);
  });
}

/** What the unit test runs: one pair per kind of layout at every size plus the special sequences. */
export function testMatrix(): MeasureCase[] {
  const keep = new Set(['int8|int8', 'int64|int64', 'string|interface{}', 'struct{a int8; b int64}|int32', '[136]byte|int8', 'int64|[200]byte', 'int64|struct{}']);
  return fullMatrix().filter((c) => keep.has(`${c.key}|${c.value}`) || c.id.endsWith('small') || c.id.startsWith('map[struct{}]') || /burst|clone/.test(c.id));
}
