// The hover on a map type or a map-typed name: layout, bucket or group size, bytes at a few sizes
// from the simulation (explain/mapmemory.ts), what clear and reassignment do to them, and where
// the map lives (DESIGN.md "What is true": a dead local is not kept alive; emptying keeps storage).
import { compareGoVersions, formatGoVersion, type GoVersion } from '../analysis/goversion';
import type { MapAt } from '../analysis/syntax/mapat';
import { formatBytes, formatCount, isUnknownMemory, mapMemory, NEWEST_MODELLED_GO, type MapMemory } from './mapmemory';

/** The sizes every map hover shows, besides the make hint. */
export const HOVER_SIZES: readonly number[] = [1e3, 1e5, 1e6];

export interface MapHoverInput {
  map: MapAt;
  /** The release whose runtime the numbers describe (Pass.runtimeVersion). */
  runtimeVersion?: GoVersion;
  /** The module's language version (Pass.goVersion), to tell a toolchain line from the go line. */
  goVersion?: GoVersion;
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function title(m: MapAt): string {
  const where: Record<string, string> = { local: 'local variable', parameter: 'parameter', package: 'package-level variable', field: 'struct field' };
  if (m.kind === 'type') return `**${code(m.typeText)}**`;
  const parts = [`**${code(m.text)}**`];
  if (m.kind === 'named-type' || m.typeText !== m.text) parts.push(code(m.typeText === m.text ? `map[${m.keyText}]${m.valueText}` : m.typeText));
  if (m.kind === 'named-type') parts.push('map type');
  else if (m.storage && where[m.storage]) parts.push(where[m.storage]);
  return parts.join(' · ');
}

function versionLine(mem: MapMemory, input: MapHoverInput): string {
  const runtime = mem.runtime === 'classic' ? 'classic hmap' : 'Swiss tables';
  if (mem.assumedVersion) return `No Go version known (no go.mod): numbers for Go ${NEWEST_MODELLED_GO}, the newest release modelled (${runtime}).`;
  const rt = input.runtimeVersion, go = input.goVersion;
  if (rt && go && compareGoVersions(rt, go) > 0) return `Go ${mem.goVersion} runtime (${runtime}), from go.mod's toolchain line.`;
  const minimum = mem.runtime === 'classic' ? '; the go line is a minimum: a Go 1.24 or newer toolchain runs Swiss tables instead' : '';
  return `Go ${mem.goVersion} runtime (${runtime}), the module's Go version${minimum}.`;
}

function layoutLine(mem: MapMemory, m: MapAt): string {
  const through = (indirect: boolean) => (indirect ? ', stored through a pointer (over 128 B)' : '');
  const unit = mem.runtime === 'classic' ? 'bucket' : 'group';
  return `key ${code(m.keyText)} ${mem.key.size} B${through(mem.indirectKey)} · value ${code(m.valueText)} ${mem.value.size} B${through(mem.indirectValue)} · ${unit} ${mem.bucketOrGroupBytes} B (8 slots)`;
}

function table(mem: MapMemory, asked: readonly number[], clearText: string): string {
  const rows = [`| entries | the map holds | after ${code(clearText)} |`, '|---:|---:|---:|'];
  const seen = new Set<number>();
  mem.sizes.forEach((s, i) => {
    if (seen.has(s.entries)) return;
    seen.add(s.entries);
    // A key type of few values (bool, int8, struct{}...) caps the count: the sim says how many.
    const note = s.entries < asked[i] ? ' (every value of the key type)' : s.entries === mem.hint ? ' (the make hint)' : '';
    rows.push(`| ${formatCount(s.entries)}${note} | ${formatBytes(s.bytes)} | ${formatBytes(s.afterClear)} |`);
  });
  return rows.join('\n');
}

/** What emptying keeps (DESIGN.md; the table's "after clear" column) and what drops it. */
function effectSentence(m: MapAt, mem: MapMemory): string {
  const named = m.kind === 'variable' && !(m.storage === 'field' && !m.text.includes('.'));
  const clear = code(named ? `clear(${m.text})` : 'clear');
  const kept = mem.runtime === 'classic'
    ? `${clear} keeps the bucket array and frees only the overflow buckets allocated apart from it (and the old array of an unfinished grow); deleting every key keeps those too.`
    : `${clear} and deleting every key keep the groups, tables and directory.`;
  const apart = mem.indirectKey || mem.indirectValue ? ' Keys or values over 128 B are objects of their own, freed with their entries.' : '';
  // A local or a parameter: reassigning is not the advice (DESIGN.md), so none is given.
  if ((m.storage === 'local' && !m.heldByClosure) || m.storage === 'parameter') return kept + apart;
  const after = 'and the GC frees it once nothing else refers to the old map.';
  let drop: string;
  if (m.kind !== 'variable') drop = 'Only dropping every reference to the map (assigning nil or a new map) lets the GC free it.';
  // At a field's declaration there is no expression to spell the assignment with.
  else if (!named) drop = `Assigning nil or a new map to the field drops all of it, ${after}`;
  else drop = `${code(`${m.text} = nil`)} or ${code(`${m.text} = make(...)`)} drops all of it, ${after}`;
  return `${kept}${apart} ${drop}`;
}

function storageSentence(m: MapAt): string | undefined {
  const x = code(m.text);
  switch (m.storage) {
    case 'local':
      if (m.heldByClosure) return `${x} is a local variable captured by a closure that outlives its function (${m.heldByClosure}): the map lives as long as that closure, and what it holds stays unless it is reassigned.`;
      return `${x} is a local variable: setting it to nil is not needed. The compiler's stack liveness maps do not keep a dead local alive, so the GC frees the map once the function no longer uses it.`;
    case 'package':
      return `${x} is a package-level variable: what it holds stays for the life of the program unless it is reassigned.`;
    case 'field':
      return `${x} is a struct field: what it holds stays as long as the struct is reachable, unless the field is reassigned.`;
    case 'parameter':
      return `${x} belongs to the caller: assigning to it here releases nothing the caller still holds.`;
    default:
      return undefined;
  }
}

const SOURCE = "_Bytes: the map's own allocations (not what keys and values point to), expected values for keys inserted one by one, from go-mapleak's model of this runtime, checked against measured maps of Go 1.19 to 1.26 (docs/sim-accuracy.md)._";

/** Markdown for the hover on a map type or a map-typed name. */
export function mapHover(input: MapHoverInput): string {
  const m = input.map;
  const hint = m.hint ? m.hint : undefined; // make(map[K]V, 0) is make(map[K]V)
  const sizes = sizesFor(hint);
  const parts = [title(m)];
  const storage = storageSentence(m);
  const unknown = m.unknown ?? (m.keyType === undefined || m.valueType === undefined ? 'a type with no layout known here' : undefined);
  const mem = unknown === undefined
    ? mapMemory({ keyType: m.keyType!, valueType: m.valueType!, runtimeVersion: input.runtimeVersion && formatGoVersion(input.runtimeVersion), hint }, sizes)
    : { unknown };
  if (isUnknownMemory(mem)) {
    parts.push(`No numbers: ${mem.unknown}. go-mapleak reads only this package's declarations and does not guess a layout.`);
    if (storage) parts.push(storage);
    return parts.join('\n\n');
  }
  parts.push(versionLine(mem, input), layoutLine(mem, m));
  if (hint !== undefined) parts.push(`Made with ${code(`make(..., ${formatCount(hint)})`)}: every row starts from that size.`);
  parts.push(table(mem, sizes, m.kind === 'variable' ? `clear(${m.text})` : 'clear'), effectSentence(m, mem));
  if (storage) parts.push(storage);
  parts.push(SOURCE);
  return parts.join('\n\n');
}

function sizesFor(hint: number | undefined): number[] {
  const sizes = [...HOVER_SIZES];
  if (hint !== undefined && !sizes.includes(hint)) sizes.push(hint);
  return sizes.sort((a, b) => a - b);
}
