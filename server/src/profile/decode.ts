// A pprof profile's bytes (gzipped or not) to what attribution reads: sample types, samples as
// values plus a stack of location indexes (leaf first), and each location's frames. Decoding is
// pprof-format's; this module checks what it returns, since a truncated protobuf decodes without
// an error into a profile that refers to locations, functions or strings it no longer has.
import { gunzipSync } from 'zlib';
import { Profile } from 'pprof-format';

export class ProfileError extends Error {}

export interface Frame {
  /** As pprof names it: `example.com/m/cache.(*Store).Put`, `runtime.mapassign_faststr`. */
  function: string;
  /** As the binary recorded it: an absolute path of the build machine, or a -trimpath name. */
  file: string;
  line: number;
}

export interface SampleType { type: string; unit: string }

export interface DecodedProfile {
  sampleTypes: SampleType[];
  /** pprof's default_sample_type, when the profile names one. */
  defaultType?: string;
  period: number;
  periodType?: SampleType;
  /** Per sample: one value per sample type. */
  values: Float64Array[];
  /** Per sample: indexes into `locations`, leaf first. */
  stacks: Uint32Array[];
  /** Each location's frames, innermost (inlined) first, as pprof's Location.line lists them. */
  locations: Frame[][];
}

const GZIP = [0x1f, 0x8b];

export function decodeProfile(bytes: Uint8Array): DecodedProfile {
  if (bytes.length === 0) throw new ProfileError('the file is empty');
  let raw = bytes;
  if (bytes[0] === GZIP[0] && bytes[1] === GZIP[1]) {
    try {
      raw = gunzipSync(bytes);
    } catch (err) {
      throw new ProfileError(`truncated or corrupt gzip data (${(err as Error).message})`);
    }
    if (raw.length === 0) throw new ProfileError('the gzip data holds nothing');
  }
  const text = textKind(raw);
  if (text) throw new ProfileError(text);
  let p: Profile;
  try {
    p = Profile.decode(raw);
  } catch (err) {
    throw new ProfileError(`not a pprof profile: the protobuf does not decode (${(err as Error).message})`);
  }
  return checked(p);
}

/** Text where a protobuf was wanted gets a message saying what it is. */
function textKind(raw: Uint8Array): string | undefined {
  const head = Buffer.from(raw.subarray(0, 256)).toString('latin1');
  if (/^heap profile: /.test(head)) return 'this is the text heap profile (?debug=1): fetch /debug/pprof/heap without debug= for the protobuf';
  if (/^goroutine profile: /.test(head)) return 'this is a goroutine profile in text (?debug=1); go-mapleak reads heap or allocs profiles';
  if (/^\s*<(!doctype|html)/i.test(head)) return 'not a pprof profile: the data is an HTML page';
  // Printable text (a log, JSON, an error message) cannot be a profile: a protobuf starts with a field tag.
  const sample = raw.subarray(0, 512);
  if (sample.length && sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) {
    return `not a pprof profile: the data is text (${JSON.stringify(head.slice(0, 60).trim())})`;
  }
  return undefined;
}

const num = (v: number | bigint): number => (typeof v === 'bigint' ? Number(v) : v);

function checked(p: Profile): DecodedProfile {
  const strings = p.stringTable.strings;
  const str = (i: number | bigint, what: string): string => {
    const n = num(i);
    if (n < 0 || n >= strings.length) throw new ProfileError(`truncated or corrupt protobuf: ${what} names string ${n}, and the string table has ${strings.length}`);
    return strings[n];
  };
  if (!p.sampleType.length) throw new ProfileError('not a pprof profile: it has no sample types');
  const sampleTypes = p.sampleType.map((t) => ({ type: str(t.type, 'a sample type'), unit: str(t.unit, 'a sample type') }));

  const functions = new Map<number, { name: string; file: string }>();
  for (const f of p.function) functions.set(num(f.id), { name: str(f.name, 'a function'), file: str(f.filename, 'a function') });
  const locIndex = new Map<number, number>();
  const locations: Frame[][] = [];
  for (const loc of p.location) {
    const frames = loc.line.map((l) => {
      const f = functions.get(num(l.functionId));
      if (!f) throw new ProfileError(`truncated or corrupt protobuf: location ${num(loc.id)} refers to function ${num(l.functionId)}, which is not in the profile`);
      return { function: f.name, file: f.file, line: num(l.line) };
    });
    locIndex.set(num(loc.id), locations.length);
    locations.push(frames);
  }
  const values: Float64Array[] = new Array(p.sample.length);
  const stacks: Uint32Array[] = new Array(p.sample.length);
  for (let s = 0; s < p.sample.length; s++) {
    const sample = p.sample[s];
    if (sample.value.length !== sampleTypes.length) {
      throw new ProfileError(`truncated or corrupt protobuf: sample ${s} has ${sample.value.length} values for ${sampleTypes.length} sample types`);
    }
    const v = new Float64Array(sample.value.length);
    for (let i = 0; i < v.length; i++) v[i] = num(sample.value[i]);
    const ids = sample.locationId;
    const st = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const at = locIndex.get(num(ids[i]));
      if (at === undefined) throw new ProfileError(`truncated or corrupt protobuf: sample ${s} refers to location ${num(ids[i])}, which is not in the profile`);
      st[i] = at;
    }
    values[s] = v;
    stacks[s] = st;
  }
  const defaultIndex = num(p.defaultSampleType);
  return {
    sampleTypes,
    defaultType: defaultIndex ? str(defaultIndex, 'the default sample type') : undefined,
    period: num(p.period),
    periodType: p.periodType ? { type: str(p.periodType.type, 'the period type'), unit: str(p.periodType.unit, 'the period type') } : undefined,
    values,
    stacks,
    locations,
  };
}

/** The memory sample types go-mapleak reads, as runtime/pprof names them. */
export const MEMORY_SAMPLES = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'] as const;
export type MemorySample = (typeof MEMORY_SAMPLES)[number];

/** The index of `want` among the profile's sample types, or a ProfileError naming what it has. */
export function sampleIndex(p: DecodedProfile, want: MemorySample): number {
  const i = p.sampleTypes.findIndex((t) => t.type === want);
  if (i >= 0) return i;
  const have = p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
  const memory = p.sampleTypes.some((t) => (MEMORY_SAMPLES as readonly string[]).includes(t.type));
  if (memory) throw new ProfileError(`the profile has no ${want} samples (it has ${have})`);
  const kind = p.sampleTypes.some((t) => t.type === 'cpu') ? 'a CPU profile'
    : p.sampleTypes.some((t) => t.type === 'goroutine') ? 'a goroutine profile'
      : p.sampleTypes.some((t) => t.type === 'contentions' || t.type === 'delay') ? 'a block or mutex profile'
        : 'not a heap profile';
  throw new ProfileError(`${kind} (sample types ${have}); go-mapleak reads heap and allocs profiles: /debug/pprof/heap, /debug/pprof/allocs, go test -memprofile`);
}
