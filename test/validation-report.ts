// docs/sim-accuracy.md from the measured results and their comparison with the simulation.
import type { CaseComparison, Check, Largest, ReducedStep, ResultsFile, Runs } from './validation-compare';
import { largestErrors } from './validation-compare';
import { isUnknownMemory, mapMemory } from '../server/src/explain/mapmemory';

const fmtRuns = (v: Runs): string => {
  if (!Array.isArray(v)) return String(v);
  const nums = v.filter((x): x is number => typeof x === 'number');
  if (nums.length === v.length) return `${Math.min(...nums)}–${Math.max(...nums)}`;
  return [...new Set(v.map(String))].join(' / ');
};

const SHORT: Record<string, string> = {
  B: 'B', buckets: '', prealloc: 'pre', oldbuckets: 'old', sameSizeGrow: 'same', overflow: 'ovf', noverflow: 'nov', count: '',
  small: 'small', dirLen: 'dir', globalDepth: 'gd', tables: 'tables', capacities: 'cap', tombstones: 'tomb',
};

/** "B=8 pre=28 ovf=3" for the sim or the measurement; false booleans and counts left out. */
function structure(checks: Check[], side: 'sim' | 'measured'): string {
  const parts: string[] = [];
  for (const c of checks) {
    const label = SHORT[c.field];
    if (label === undefined || label === '') continue;
    const v = side === 'sim' ? c.sim : c.measured;
    if (v === false || v === undefined || (c.field === 'oldbuckets' && v === 0) || (c.field === 'small' && !v)) continue;
    const text = side === 'sim' ? String(v) : fmtRuns(v as Runs);
    const bad = side === 'sim' && !c.ok ? '**' : '';
    parts.push(c.field === 'small' ? `${bad}small${bad}` : `${bad}${label}=${text}${bad}`);
  }
  return parts.join(' ') || '–';
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}%`;

function caseRows(c: CaseComparison): string[] {
  if (c.error) return [`| ${c.id} | | | | | | | | ✗ ${c.error} |`];
  return c.steps.map((s, i) => {
    const m = s.bytes.min === s.bytes.max ? String(s.bytes.median) : `${s.bytes.median} (${s.bytes.min}–${s.bytes.max})`;
    const layout = i === 0 ? s.checks.filter((k) => /Size$/.test(k.field)).map((k) => `${k.field}=${k.measured}${k.ok ? '' : ` (sim ${k.sim})`}`).join(' ') : '';
    const sim = s.simSpread.min === s.simSpread.max ? String(s.simBytes) : `${s.simBytes} (${s.simSpread.min}–${s.simSpread.max})`;
    return `| ${i === 0 ? c.id : ''} | ${s.op} | ${sim} | ${m} | ${pct(s.errPct)} | ${s.bytesRule} | ${structure(s.checks, 'sim')} | ${structure(s.checks, 'measured')}${layout ? ` ${layout}` : ''} | ${s.ok ? '✓' : '✗'} |`;
  });
}

interface ChurnFact { live: number; summary: string; points: { churned: number; bytes: number }[] }
interface SeedFact { case: string; reseeded: boolean; tombstonesBefore: number; tombstonesAfter: number }
interface NinthFact { key: string; path: string; smallBefore: boolean; smallAfter: boolean; bytesBefore: number; bytesAfter: number }
interface Facts { churn?: ChurnFact[]; clearSeed?: SeedFact[]; ninthWriteExistingKey?: NinthFact[] }

function factsSection(files: ResultsFile[]): string[] {
  const out = ['## Behaviour by version (validation/cmd/measure -facts)', ''];
  out.push('Churn: the map holds a fixed number of `int64` keys; each step deletes the oldest key and inserts a new one. Bytes after 0 / 1000 / 10000 / … replacements.');
  out.push('', '| Go | live keys | bytes over the replacements | verdict |', '|---|---:|---|---|');
  for (const f of files) {
    for (const c of (f.facts as Facts | undefined)?.churn ?? []) {
      out.push(`| ${f.goVersion} | ${c.live} | ${c.points.map((p) => `${p.churned}: ${p.bytes}`).join(', ')} | ${f.runtime === 'classic' ? 'classic: overflow buckets come and go' : c.summary} |`);
    }
  }
  out.push('', '`clear` (runtime mapclear / Map.Clear): is the hash seed replaced, and what happens to tombstones?', '');
  out.push('| Go | case | new seed | tombstones before → after |', '|---|---|---|---|');
  for (const f of files) {
    for (const s of (f.facts as Facts | undefined)?.clearSeed ?? []) {
      out.push(`| ${f.goVersion} | ${s.case} | ${s.reseeded ? 'yes' : 'no'} | ${f.runtime === 'swiss' ? `${s.tombstonesBefore} → ${s.tombstonesAfter}` : '–'} |`);
    }
  }
  out.push('', 'A full 8-entry map, then `m[k] = v` for a key it already holds: does the map leave the small (one-group) form?', '');
  out.push('| Go | key | assign path | small before | small after | bytes before → after |', '|---|---|---|---|---|---|');
  for (const f of files) {
    for (const n of (f.facts as Facts | undefined)?.ninthWriteExistingKey ?? []) {
      out.push(`| ${f.goVersion} | ${n.key} | ${n.path} | ${n.smallBefore} | ${n.smallAfter} | ${n.bytesBefore} → ${n.bytesAfter} |`);
    }
  }
  out.push('', '(Classic maps have no small form: B = 0 there, and the 9th write to an existing key changes nothing.)', '');
  return out;
}

export interface ReportInput { files: ResultsFile[]; comparisons: CaseComparison[][]; command: string; generatedAt: string; skipped: { name: string; reason: string }[] }

/** The median of a step's runs. */
function medianOf(b: ReducedStep['bytes']): number {
  const v = (Array.isArray(b) ? [...b] : [b]).sort((x, y) => x - y);
  return v[Math.floor(v.length / 2)];
}

/** The hover's burst figures (mapMemory, as findingnumbers.ts computes them) against the measured medians. */
function hoverSays(goVersion: string, c: ResultsFile['cases'][number], kept: number | undefined, rebuilt: number | undefined): string {
  if (!/ burst$/.test(c.id) || kept === undefined || rebuilt === undefined) return '';
  const v = goVersion.replace(/^go/, '');
  const peak = mapMemory({ keyType: c.key, valueType: c.value, runtimeVersion: v }, [1_000_000]);
  const small = mapMemory({ keyType: c.key, valueType: c.value, runtimeVersion: v, hint: 1000 }, [1000]);
  if (isUnknownMemory(peak) || isUnknownMemory(small)) return 'no estimate';
  const e = (sim: number, real: number) => `${(((sim - real) / real) * 100).toFixed(2)}%`;
  const k = peak.sizes[0].afterDeleteAll, r = small.sizes[0].bytes;
  return `${k.toLocaleString('en-US')} (${e(k, kept)}), ${r.toLocaleString('en-US')} (${e(r, rebuilt)})`;
}

/**
 * What mapshrink says, measured: a burst deleted down keeps its storage, maps.Clone keeps it from
 * Go 1.24 (and sizes the copy for the count on 1.21-1.23), a copy into make(T, len(m)) shrinks.
 */
function burstSection(files: ResultsFile[]): string[] {
  const rows: string[] = [];
  for (const f of files) {
    for (const c of f.cases.filter((x) => / (burst|clone)$/.test(x.id))) {
      const bytesAt = (op: string) => { const s = c.steps.find((x) => x.op === op); return s ? medianOf(s.bytes) : undefined; };
      const at = (op: string) => bytesAt(op)?.toLocaleString('en-US') ?? '–';
      const drain = c.ops.find((o) => o.startsWith('delete:')) ?? '';
      rows.push(`| ${f.goVersion} | ${f.runtime} | ${c.id} | ${at(c.ops[0])} | ${drain.replace('delete:', '')} deleted: ${at(drain)} | ${c.ops.includes('clone') ? at('clone') : 'not run'} | ${at('rebuild')} | ${hoverSays(f.goVersion, c, bytesAt(drain), bytesAt('rebuild'))} |`);
    }
    if (!f.cases.some((x) => / clone$/.test(x.id)) && f.cases.some((x) => / burst$/.test(x.id))) rows.push(`| ${f.goVersion} | ${f.runtime} | maps.Clone | | | no maps package before Go 1.21 | | |`);
  }
  if (!rows.length) return [];
  return [
    '## Burst, drain and maps.Clone', '',
    'Medians of the measured heap bytes (see above) for mapshrink (docs/rules/mapshrink.md): a map filled, deleted down key by key,',
    'then `m = maps.Clone(m)` (clone) and `fresh := make(map[K]V, len(m))` with a copy loop (rebuild). Deletes free no storage;',
    'from Go 1.25 the clone keeps the capacity ((*Map).Clone in internal/runtime/maps); on Go 1.21-1.24 runtime.mapclone2 sizes it',
    'for the live entries. The last column is what mapshrink\'s message and hover say for the burst case (the estimate of',
    'explain/findingnumbers.ts: kept after a burst to 1,000,000 deleted down to 1,000, and a rebuild for 1,000) against these medians.',
    'The sim columns for these steps are in the per-version tables below.', '',
    '| Go | runtime | case | after the burst | after the deletes | after maps.Clone | after the rebuild | the hover says (kept, rebuilt; error) |',
    '|---|---|---|---:|---:|---:|---:|---|',
    ...rows, '',
  ];
}

export function renderReport(r: ReportInput): string {
  const all = r.comparisons.flat();
  const largest = largestErrors(all);
  const lines: string[] = [
    '# Simulation accuracy: simulated vs measured Go maps',
    '',
    `Generated by \`${r.command}\` on ${r.generatedAt}. Do not edit: rerun it.`,
    '',
    'The measurement (`validation/cmd/measure`, built by each toolchain) creates real maps, applies the ops, and after each op',
    'reads HeapAlloc after `runtime.GC()` minus a baseline taken after all keys and values were built (so only the map\'s own',
    'allocations count), and the map\'s internal structure through `unsafe` with the layout of that Go version. Each case runs',
    'on several fresh maps (different hash seeds); the simulation runs with as many seeds (1, 2, …), and the comparison uses',
    'medians and spreads (structure columns: sim seed 1). Raw results: `validation/results/<go version>.json`.',
    '',
    '**Rules** (test/validation-compare.ts): structure (B, buckets, preallocated overflow buckets, old buckets; small form,',
    'dirLen, globalDepth, the table capacities) must equal the measurement when all runs agree, or lie within the runs when',
    'the runtime itself varies. Bytes after `make`, `clear` and `nil` must match to the byte when all runs agree; other bytes',
    '(overflow buckets, table splits): the sim median within 2% of the measured median, or within the measured spread. Overflow counts, noverflow, the',
    'number of tables and tombstones are shown, not asserted. **Bold** marks a simulated field outside the rule.',
    '',
    '## Summary',
    '',
    '| Go | runtime | measured | cases | steps | failing steps | largest bytes error | matrix time |',
    '|---|---|---|---:|---:|---:|---|---:|',
  ];
  r.files.forEach((f, i) => {
    const cs = r.comparisons[i];
    const steps = cs.reduce((a, c) => a + c.steps.length, 0);
    const failing = cs.reduce((a, c) => a + c.steps.filter((s) => !s.ok).length + (c.error ? 1 : 0), 0);
    const lg = largestErrors(cs)[f.runtime];
    lines.push(`| ${f.goVersion} | ${f.runtime} | ${f.measuredAt.slice(0, 10)} | ${cs.length} | ${steps} | ${failing} | ${lg ? `${pct(lg.errPct)} (${lg.where.replace(/^go\S+ /, '')})` : '–'} | ${(f.millis / 1000).toFixed(1)} s |`);
  });
  const failing = largestErrors(all, true);
  lines.push('', '**Largest error per runtime** (against the median; where the runtime itself is bimodal the median can be far from a run the sim matches)', '');
  for (const rt of ['classic', 'swiss'] as const) {
    const l: Largest | undefined = largest[rt];
    const f: Largest | undefined = failing[rt];
    lines.push(`- ${rt}: ${l ? `${pct(l.errPct)}, ${l.where}` : 'not measured'}`);
    if (l) lines.push(`  - outside the rule: ${f ? `${pct(f.errPct)}, ${f.where}` : 'none'}`);
  }
  if (r.skipped.length) {
    lines.push('', 'Toolchains not measured in this run:', '');
    for (const s of r.skipped) lines.push(`- ${s.name}: ${s.reason}`);
  }
  lines.push('', ...factsSection(r.files), ...burstSection(r.files));
  r.files.forEach((f, i) => {
    lines.push(`## ${f.goVersion} (${f.runtime}, ${f.goarch})`, '');
    lines.push(`Measured ${f.measuredAt} with \`${f.command}\`.`, '');
    lines.push('| case | after | sim bytes (median, spread) | measured bytes (median, spread) | error | rule | sim structure | measured structure | |');
    lines.push('|---|---|---:|---:|---:|---|---|---|---|');
    for (const c of r.comparisons[i]) lines.push(...caseRows(c));
    lines.push('');
  });
  return lines.join('\n');
}
