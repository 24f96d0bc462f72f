// A profile's figures on the lint's findings: the map a finding is about is looked up among the
// profiled maps, its bytes go into the message, and for a map the code empties the profile
// settles reuse against leak: a lot held (goMapleak.profile.threshold, 1 MiB) raises the finding
// to a warning, little held lowers it to a hint, each saying why.
import * as path from 'path';
import type { Finding, Pass, Severity } from '../analysis/types';
import { formatBytes, formatCount } from '../explain/mapmemory';
import type { SyntaxNode } from '../parse/parser';
import { unparen } from '../analysis/syntax/nodes';
import { mapIdOf, type MapId } from './mapid';
import { actionsAt } from './attribute';
import { isUrl } from './load';
import type { ProfileView, MapView } from './view';

/** Rules whose findings are about a map that is emptied and keeps its storage. */
export const EMPTYING_RULES: ReadonlySet<string> = new Set(['rangeclear', 'mapretain', 'mapshrink']);

export const DEFAULT_THRESHOLD = 1024 * 1024;

/** "1MiB", "512KiB", "1048576": bytes. */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|KB|MB|GB)?$/i.exec(s.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toLowerCase().replace('ib', 'b');
  return Math.round(Number(m[1]) * ({ b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 } as Record<string, number>)[unit]);
}

/** The map a finding is about: its subject's expression inside the flagged range, named as the profile report names maps. */
export function findingMapId(f: Finding, pass: Pass): MapId | undefined {
  const expr = f.subject?.expr;
  // A finding on a store (ifacebox) names the map the store grows.
  if (!expr) return actionsAt(pass, f.range.start.line + 1).find((a) => a.what === 'store')?.map;
  const root = pass.file.tree.rootNode;
  const at = root.descendantForPosition({ row: f.range.start.line, column: f.range.start.character }, { row: f.range.end.line, column: f.range.end.character });
  const found: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (found.length) return;
    if ((n.type === 'identifier' || n.type === 'selector_expression') && unparen(n).text === expr) { found.push(n); return; }
    for (const c of n.namedChildren) if (c) visit(c);
  };
  for (let n: SyntaxNode | null = at; n && !found.length; n = n.parent) visit(n);
  return found.length ? mapIdOf(found[0], pass) : undefined;
}

/** A profile source as messages name it: a file's base name, a URL's host and path (`127.0.0.1:6060/debug/pprof/heap`). */
export function sourceName(source: string): string {
  if (!isUrl(source)) return path.basename(source);
  try { const u = new URL(source); return `${u.host}${u.pathname}`; } catch { return source; }
}

/** "36.0 MiB", "512 B": a byte figure, or a count for object samples. */
export function formatValue(v: number, unit: string): string {
  // With --base a figure may be a shrink.
  if (v < 0) return `-${formatValue(-v, unit)}`;
  return unit === 'bytes' ? formatBytes(v).replace(/ \(.*\)$/, '') : `${formatCount(v)} ${unit === 'count' ? 'objects' : unit}`;
}

/** What a sample type's bytes are of a map: held now, or allocated over the program's life. */
export function held(view: Pick<ProfileView, 'sample'>): string {
  return view.sample.startsWith('inuse') ? 'in use' : 'allocated';
}

/** The sentence a finding's message and hover get: "holds 36.0 MiB in use (heap.pb.gz, inuse_space), ...". */
export function evidenceSentence(m: MapView, view: ProfileView, cwd: string): string {
  const parts = [`${m.id.name} holds ${formatValue(m.value, view.unit)} ${held(view)} (${sourceName(view.source)}, ${view.sample})`];
  if (m.boxing) parts.push(`${formatValue(m.boxing, view.unit)} of it boxed values`);
  if (m.entries) parts.push(`storage sized for ${entriesText(m.entries)} entries (Go ${view.goVersion})`);
  const emptied = m.findings.filter((f) => EMPTYING_RULES.has(f.rule));
  const at = [...new Set(emptied.map((f) => `${path.relative(cwd, f.file) || f.file}:${f.line}`))];
  if (at.length) parts.push(`emptied at ${at.join(', ')}`);
  return parts.join(', ');
}

export function entriesText(e: { low: number; high: number }): string {
  const mid = (e.low + e.high) / 2;
  const round = (n: number) => formatCount(n >= 10_000 ? Math.round(n / 1000) * 1000 : n);
  return e.low === e.high ? formatCount(e.low) : `${round(e.low)}–${round(e.high)} (about ${round(mid)})`;
}

/**
 * Puts `m`'s figures on the finding, and for an emptied map decides its severity from them.
 * `m` undefined: the map is not in the profile (too small to be sampled, or its code did not run).
 */
export function applyEvidence(f: Finding, m: MapView | undefined, view: ProfileView, threshold: number, cwd: string): void {
  if (!m) return;
  f.profile = {
    source: view.source, sampleType: view.sample, unit: view.unit, map: m.id.name, value: m.value, storage: m.storage, boxing: m.boxing,
    ...(m.entries ? { entries: { low: m.entries.low, high: m.entries.high } } : {}),
  };
  let sentence = `; the heap profile shows: ${evidenceSentence(m, view, cwd)}`;
  // Only in-use bytes say what a map holds now; allocated bytes say what it cost.
  if (EMPTYING_RULES.has(f.rule) && view.sample === 'inuse_space') {
    const before: Severity = f.severity;
    if (m.storage >= threshold) {
      f.severity = 'warning';
      f.impact = { level: 'high', evidence: [...f.impact.evidence, `the profile shows ${formatValue(m.storage, view.unit)} of storage in use`] };
    } else {
      f.severity = 'hint';
      f.impact = { level: 'low', evidence: [...f.impact.evidence, `the profile showed it small: ${formatValue(m.storage, view.unit)} in use`] };
      sentence += `; the profile showed it small (under ${formatValue(threshold, view.unit)})`;
    }
    if (f.severity !== before) f.profile.severityBefore = before;
  }
  f.message = `${f.message}${sentence}`;
  f.explanation = `${f.explanation}\n\n**Heap profile** (${view.source}, ${view.sample}): ${evidenceSentence(m, view, cwd)}. Split of storage and boxes: ${view.split === 'frames' ? "from the profile's runtime frames" : 'by object size (the stock profile cuts runtime frames)'}.`;
}
