// One profile as go-mapleak shows it: the maps with their bytes, sites, storage/boxing split, the
// entry counts their storage is sized for and the findings on them; the lines whose bytes are not
// a map's; what lies outside the modules or did not match a workspace file. The CLI prints it
// (cli/profile.ts) and the server shows it (lsp/profile.ts).
import type { MemorySample } from './decode';
import { entriesFor, samplingTolerance, type EntryRange } from './inverse';
import type { Attribution, MapBytes, OtherSite } from './attribute';
import type { Foreign, SiteTable } from './sites';

export interface MapFinding { rule: string; file: string; line: number }

export interface MapView extends MapBytes {
  entries?: EntryRange;
  /** Why there is no entry range, when there is none. */
  entriesNote?: string;
  findings: MapFinding[];
}

export interface ProfileView {
  source: string;
  sample: MemorySample;
  unit: string;
  total: number;
  /** The runtime the inverse simulation used ("1.26"). */
  goVersion: string;
  split: 'frames' | 'model';
  period: number;
  maps: MapView[];
  others: OtherSite[];
  foreign: { value: number; top: Foreign[] };
  unmatched: { value: number; top: Foreign[] };
}

const TOP = 10;

function top(m: Map<string, Foreign>): Foreign[] {
  return [...m.values()].sort((a, b) => b.value - a.value).slice(0, TOP);
}

export function buildView(
  source: string, table: SiteTable, attribution: Attribution, goVersion: string, period: number,
  findingsOf: (m: MapBytes) => MapFinding[], emptied: (m: MapBytes, findings: MapFinding[]) => boolean,
): ProfileView {
  const maps = attribution.maps.map((m): MapView => {
    const findings = findingsOf(m);
    return { ...m, findings, ...entries(m, table.sample, goVersion, period, emptied(m, findings)) };
  });
  return {
    source, sample: table.sample, unit: table.unit, total: table.total, goVersion, split: attribution.split, period,
    maps, others: attribution.others, foreign: { value: table.foreignValue, top: top(table.foreign) },
    unmatched: { value: table.unmatchedValue, top: top(table.unmatched) },
  };
}

function entries(m: MapBytes, sample: MemorySample, goVersion: string, period: number, emptied: boolean): { entries?: EntryRange; entriesNote?: string } {
  if (sample !== 'inuse_space') return { entriesNote: `entry counts are read from in-use storage (inuse_space); ${sample} counts ${sample.startsWith('alloc') ? 'every table the map ever had' : 'objects, not bytes'}` };
  if (m.id.kind === 'field') return { entriesNote: `${m.id.name} is summed over every instance of ${m.id.name.split('.')[0]}, not one map` };
  if (m.id.elementOf) return { entriesNote: `${m.id.name} is every map stored in ${m.id.elementOf}, not one map` };
  if (!m.id.keyType || !m.id.valueType) return { entriesNote: 'its key or value type has no layout here' };
  if (m.storage <= 0) return { entriesNote: 'no storage bytes in the profile' };
  const tol = samplingTolerance(m.storageSamples.objects, m.storageSamples.meanSize, period);
  const e = entriesFor(m.storage, { key: m.id.keyType, value: m.id.valueType, goVersion, hint: m.hint }, tol, emptied);
  return e ? { entries: e } : { entriesNote: `no entry count gives ${Math.round(m.storage)} B of storage for ${m.id.typeText ?? 'this map'} on Go ${goVersion}` };
}
