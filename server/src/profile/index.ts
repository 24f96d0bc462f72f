// The profile's front door, shared by the CLI and the server: decoded profile(s) + the workspace's
// modules + the lint's findings → the view (maps with bytes, sites, split, entry ranges) with each
// finding's evidence applied.
import type { Finding, Pass } from '../analysis/types';
import { attribute } from './attribute';
import * as path from 'path';
import { collectSites, type SiteTable } from './sites';
import type { DecodedProfile, MemorySample } from './decode';
import { applyEvidence, EMPTYING_RULES, findingMapId } from './evidence';
import { FileMatcher, type ModuleRoot } from './match';
import { buildView, type MapFinding, type ProfileView } from './view';

export interface ProfileInput {
  profile: DecodedProfile;
  base?: DecodedProfile;
  source: string;
  sample: MemorySample;
  /** The runtime the profile came from ("1.26"): the inverse simulation's. */
  goVersion: string;
  modules: readonly ModuleRoot[];
  /** Bytes from which an emptied map is a warning (below: a hint). */
  threshold: number;
  cwd: string;
  /** The sites, when the caller has summed them already (collectSites) with the same matcher. */
  table?: SiteTable;
}

export interface FindingAt { file: string; finding: Finding }

/** The view of the profile; the findings get their evidence in place (message, severity, `profile`). */
export function profileView(input: ProfileInput, passOf: (file: string) => Pass | undefined, findings: readonly FindingAt[], matcher = new FileMatcher(input.modules)): ProfileView {
  const table = input.table ?? collectSites(input.profile, input.sample, matcher, input.base);
  const attribution = attribute(table, passOf);
  // A finding names a map of its own package (mapid.ts keys); those elsewhere are not parsed again.
  const dirs = new Set(attribution.maps.map((m) => path.dirname(m.id.file)));
  const byKey = new Map<string, { at: FindingAt; line: number }[]>();
  for (const at of findings) {
    if (!dirs.has(path.dirname(at.file))) continue;
    const pass = passOf(at.file);
    const id = pass && findingMapId(at.finding, pass);
    if (!id) continue;
    let list = byKey.get(id.key);
    if (!list) byKey.set(id.key, (list = []));
    list.push({ at, line: at.finding.range.start.line + 1 });
  }
  const findingsOf = (key: string): MapFinding[] => (byKey.get(key) ?? []).map(({ at, line }) => ({ rule: at.finding.rule, file: at.file, line }));
  const view = buildView(input.source, table, attribution, input.goVersion, input.profile.period,
    (m) => findingsOf(m.id.key), (_m, fs) => fs.some((f) => EMPTYING_RULES.has(f.rule)));
  for (const m of view.maps) for (const { at } of byKey.get(m.id.key) ?? []) applyEvidence(at.finding, m, view, input.threshold, input.cwd);
  return view;
}

export { decodeProfile, ProfileError, MEMORY_SAMPLES, type MemorySample, type DecodedProfile } from './decode';
export { loadProfileBytes, isUrl } from './load';
export type { ProfileView, MapView } from './view';
export type { ModuleRoot } from './match';
