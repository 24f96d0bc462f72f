// Samples to sites: the first frame of each stack inside the analysed modules is the site, and
// its bytes are summed per file line. What the runtime frames above it say (map storage, a box,
// something else) is kept when the profile has them; the stock heap profile cuts them
// (runtime/pprof writeHeapProto, golang/go#71174), and then each sample's object size is kept
// instead, which is what the model split reads (profile/attribute.ts).
import type { DecodedProfile, Frame, MemorySample } from './decode';
import { sampleIndex } from './decode';
import { isRuntimeFunction, type FileMatcher } from './match';

/** What the runtime frames between the allocation and the site say it was. */
export type FrameKind = 'storage' | 'box' | 'other' | 'stripped';

/**
 * Map storage in the runtime: Swiss tables (Go 1.24+, internal/runtime/maps: newarray, newTable,
 * (*table).grow, split, rehash, (*Map).growToTable/growToSmall, installTableSplit) and the classic
 * hmap (Go ≤1.23: makeBucketArray, hashGrow, (*hmap).newoverflow, evacuate_*), both entered
 * through makemap/makemap_small, mapassign* or mapclone.
 */
const STORAGE = /^(internal\/runtime\/maps\.|runtime\.(makemap|mapassign|mapclone|makeBucketArray|hashGrow|growWork|evacuate|\(\*hmap\)\.newoverflow|\(\*maptype\)|mapinitnoop))/;
/** Interface boxing: runtime.convT64, convTstring, convTslice, convT, convTnoptr (convT16/32 too). */
const BOX = /^runtime\.convT/;

export function frameKind(runtimeFrames: readonly string[]): FrameKind {
  if (!runtimeFrames.length) return 'stripped';
  if (runtimeFrames.some((f) => BOX.test(f))) return 'box';
  if (runtimeFrames.some((f) => STORAGE.test(f))) return 'storage';
  return 'other';
}

/** One kind of allocation at a site: samples of one frame kind and one object size, summed. */
export interface SiteBucket {
  kind: FrameKind;
  /** Bytes per object (space / objects of the same samples), rounded: a box or a table's size. */
  objectSize: number;
  /** In the chosen sample type's unit. */
  value: number;
  objects: number;
}

export interface Site {
  file: string;
  /** 1-based, as pprof prints it. */
  line: number;
  function: string;
  /** What the line itself allocated (the site is the leaf once runtime frames are set aside). */
  value: number;
  buckets: SiteBucket[];
  /** Allocated in functions outside the modules that the line called (strconv, fmt): not a map's. */
  callees: Map<string, number>;
}

export interface Foreign {
  function: string;
  file: string;
  line: number;
  value: number;
}

export interface SiteTable {
  sample: MemorySample;
  unit: string;
  /** The chosen sample type's total over every sample (minus the base's). */
  total: number;
  sites: Map<string, Site>;
  /** Samples with no frame in the modules, by their leaf frame outside the runtime. */
  foreign: Map<string, Foreign>;
  foreignValue: number;
  /** Frames of the modules' packages whose file is not in the workspace (renamed, another version). */
  unmatched: Map<string, Foreign>;
  unmatchedValue: number;
  /** Whether any stack kept its runtime frames (then the split is read from them). */
  fullFrames: boolean;
}

/** The sample types whose values are bytes and objects of the same allocations as `sample`. */
function pairOf(sample: MemorySample): [MemorySample, MemorySample] {
  return sample.startsWith('inuse') ? ['inuse_space', 'inuse_objects'] : ['alloc_space', 'alloc_objects'];
}

export function siteKey(file: string, line: number): string {
  return `${file}:${line}`;
}

/** Sums `profile` (and, with weight -1, `base`) into sites; pure over the decoded profiles. */
export function collectSites(profile: DecodedProfile, sample: MemorySample, matcher: FileMatcher, base?: DecodedProfile): SiteTable {
  const table: SiteTable = {
    sample, unit: profile.sampleTypes[sampleIndex(profile, sample)].unit, total: 0, sites: new Map(), foreign: new Map(),
    foreignValue: 0, unmatched: new Map(), unmatchedValue: 0, fullFrames: false,
  };
  add(table, profile, 1, matcher);
  if (base) add(table, base, -1, matcher);
  return table;
}

function add(table: SiteTable, p: DecodedProfile, sign: number, matcher: FileMatcher): void {
  const vi = sampleIndex(p, table.sample);
  const [spaceName, objectsName] = pairOf(table.sample);
  const si = p.sampleTypes.findIndex((t) => t.type === spaceName);
  const oi = p.sampleTypes.findIndex((t) => t.type === objectsName);
  const runtime: string[] = [];
  // What a frame is, read once per frame, not once per sample that has it (a profile has millions of samples).
  const info = new Map<Frame, { runtime: boolean; match: { file: string } | undefined; ours: boolean }>();
  const infoOf = (fr: Frame) => {
    let i = info.get(fr);
    if (!i) info.set(fr, (i = { runtime: isRuntimeFunction(fr.function), match: matcher.match(fr.file, fr.function, fr.line), ours: matcher.ours(fr.function) }));
    return i;
  };
  for (let s = 0; s < p.values.length; s++) {
    const value = p.values[s][vi] * sign;
    if (value === 0) continue;
    table.total += value;
    runtime.length = 0;
    let leaf: Frame | undefined;
    let site: { frame: Frame; file: string } | undefined;
    let ourUnmatched: Frame | undefined;
    const stack = p.stacks[s];
    scan: for (let i = 0; i < stack.length; i++) {
      for (const fr of p.locations[stack[i]]) {
        const fi = infoOf(fr);
        if (!leaf && fi.runtime) { runtime.push(fr.function); continue; }
        leaf ??= fr;
        if (fi.match) { site = { frame: fr, file: fi.match.file }; break scan; }
        if (!ourUnmatched && fi.ours) ourUnmatched = fr;
      }
    }
    if (!site) {
      // A stack of runtime frames only (the scavenger, goroutine stacks) is named by its leaf.
      const f = ourUnmatched ?? leaf ?? p.locations[stack[0]]?.[0];
      const into = ourUnmatched ? table.unmatched : table.foreign;
      if (ourUnmatched) table.unmatchedValue += value; else table.foreignValue += value;
      const key = f ? `${f.function}\0${f.file}:${f.line}` : '';
      const e = into.get(key) ?? { function: f?.function ?? '(no frames)', file: f?.file ?? '', line: f?.line ?? 0, value: 0 };
      e.value += value;
      into.set(key, e);
      continue;
    }
    const key = siteKey(site.file, site.frame.line);
    // Stock profiles cut the runtime frames above a user site; a kept one means full stacks.
    if (runtime.length) table.fullFrames = true;
    let entry = table.sites.get(key);
    if (!entry) table.sites.set(key, (entry = { file: site.file, line: site.frame.line, function: site.frame.function, value: 0, buckets: [], callees: new Map() }));
    if (leaf !== site.frame) {
      entry.callees.set(leaf!.function, (entry.callees.get(leaf!.function) ?? 0) + value);
      continue;
    }
    entry.value += value;
    const objects = oi >= 0 ? p.values[s][oi] : 0;
    const objectSize = objects > 0 && si >= 0 ? Math.round(p.values[s][si] / objects) : 0;
    const kind = frameKind(runtime);
    let b = entry.buckets.find((x) => x.kind === kind && x.objectSize === objectSize);
    if (!b) entry.buckets.push((b = { kind, objectSize, value: 0, objects: 0 }));
    b.value += value;
    b.objects += objects * sign;
  }
}
