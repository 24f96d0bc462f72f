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
