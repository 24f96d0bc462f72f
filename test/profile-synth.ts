// Heap profiles written by the tests with pprof-format's encoder: a sample per stack of
// (function, file, line) frames, leaf first, with the four heap sample types.
import { gzipSync } from 'zlib';
import { Function as PFunction, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';

export interface SynthSample {
  /** Leaf first. */
  stack: { function: string; file: string; line: number }[];
  /** [alloc_objects, alloc_space, inuse_objects, inuse_space] */
  values: [number, number, number, number];
}

export const HEAP_TYPES: [string, string][] = [['alloc_objects', 'count'], ['alloc_space', 'bytes'], ['inuse_objects', 'count'], ['inuse_space', 'bytes']];

export function synthProfile(samples: SynthSample[], opts: { types?: [string, string][]; period?: number; gzip?: boolean } = {}): Uint8Array {
  const st = new StringTable();
  const types = (opts.types ?? HEAP_TYPES).map(([t, u]) => new ValueType({ type: st.dedup(t), unit: st.dedup(u) }));
  const funcs = new Map<string, PFunction>();
  const locs = new Map<string, Location>();
  const sample = samples.map((s) => new Sample({
    value: s.values.slice(0, types.length),
    locationId: s.stack.map((f) => {
      const fk = `${f.function}\0${f.file}`;
      let fn = funcs.get(fk);
      if (!fn) funcs.set(fk, (fn = new PFunction({ id: funcs.size + 1, name: st.dedup(f.function), systemName: st.dedup(f.function), filename: st.dedup(f.file) })));
      const lk = `${fk}\0${f.line}`;
      let loc = locs.get(lk);
      if (!loc) locs.set(lk, (loc = new Location({ id: locs.size + 1, line: [new Line({ functionId: fn.id, line: f.line })] })));
      return loc.id;
    }),
  }));
  const p = new Profile({
    sampleType: types, sample, location: [...locs.values()], function: [...funcs.values()], stringTable: st,
    periodType: new ValueType({ type: st.dedup('space'), unit: st.dedup('bytes') }), period: opts.period ?? 524288,
  });
  const raw = p.encode();
  return opts.gzip === false ? raw : gzipSync(raw);
}

/** A package for the tests: an emptied package map, a field map, a map[string]any with boxed values. */
export const CACHE_GO = `package cache

import "strconv"

var sessions = map[string][128]byte{}

type Store struct {
	byID map[int64]string
}

func NewStore() *Store {
	return &Store{byID: make(map[int64]string)}
}

func (s *Store) Put(id int64, v string) {
	s.byID[id] = v
}

var attrs = map[string]any{}

func fill(n int) {
	for i := 0; i < n; i++ {
		k := strconv.Itoa(i)
		sessions[k] = [128]byte{}
		attrs[k] = k
	}
}

func reset() {
	for k := range sessions {
		delete(sessions, k)
	}
}
`;
export const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
export const STORE = lineOf(CACHE_GO, 'sessions[k] =');
export const PUT = lineOf(CACHE_GO, 's.byID[id] = v');
export const MAKE = lineOf(CACHE_GO, 'make(map[int64]string)');
export const BOX = lineOf(CACHE_GO, 'attrs[k] = k');
export const LOOP = lineOf(CACHE_GO, 'for k := range sessions');
/** What a map of 200,000 [128]byte values keeps when emptied on Go 1.26 (the measured figure). */
export const EMPTIED = 37_748_736;

export const frame = (fn: string, file: string, line: number) => ({ function: fn, file, line });
export const heap = (objects: number, bytes: number): SynthSample['values'] => [objects, bytes, objects, bytes];
