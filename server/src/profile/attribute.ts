// Sites to maps: what each profiled line does to which map (a store that grows it, a `make`, a
// literal, a store that boxes its value), the bytes of each summed per map, and each map's
// storage split from its boxes: from the runtime frames when the profile kept them, else by
// object size (a box is one object of the value's size class, storage is the tables and buckets).
import type { SyntaxNode } from '../parse/parser';
import type { Pass } from '../analysis/types';
import { ancestor, codeKids, field, unparen } from '../analysis/syntax/nodes';
import { underlying } from '../analysis/syntax/gotypes';
import { intValue } from '../analysis/syntax/subject';
import { storeSites } from '../analysis/ifacebox';
import { fieldMapId, mapIdOf, type MapId } from './mapid';
import type { Site, SiteTable } from './sites';

export type SiteWhat = 'grow' | 'make' | 'literal' | 'box';

export interface MapSite {
  file: string;
  line: number;
  what: SiteWhat;
  value: number;
}

export interface MapBytes {
  id: MapId;
  /** Storage and boxes together, in the sample type's unit. */
  value: number;
  storage: number;
  boxing: number;
  sites: MapSite[];
  /** The `make` hint seen at the map's make site, for the inverse simulation. */
  hint?: number;
  /** Storage objects as sampled (not scaled) and their mean size: how exact the storage figure is. */
  storageSamples: { objects: number; meanSize: number };
}

export interface OtherSite {
  file: string;
  line: number;
  function: string;
  value: number;
  /** Why its bytes are not a map's: "no map allocation on this line", "allocated in strconv.Itoa". */
  why: string;
}

export interface Attribution {
  maps: MapBytes[];
  others: OtherSite[];
  split: 'frames' | 'model';
}

type Action = { what: 'store' | 'make' | 'literal'; map: MapId; boxBytes?: number; hint?: number };

// The box size of the allocating boxing store on each row of a file, read once per analysis pass:
// attribution asks for every profiled line of a file, and the server for every finding of it.
const boxRows = new WeakMap<Pass, Map<number, number | undefined>>();

function boxesByRow(pass: Pass): Map<number, number | undefined> {
  let rows = boxRows.get(pass);
  if (!rows) {
    rows = new Map();
    // The first store of a row, as each line's action takes the row's first boxing store.
    for (const s of storeSites(pass)) if (s.verdict === 'allocates' && !rows.has(s.siteRange.start.line)) rows.set(s.siteRange.start.line, s.bytes);
    boxRows.set(pass, rows);
  }
  return rows;
}

/** `make(map...)` and map literals on a line, and stores into maps (the index on that line). */
export function actionsAt(pass: Pass, line: number): Action[] {
  const row = line - 1;
  const root = pass.file.tree.rootNode;
  const resolver = pass.resolver();
  const out: Action[] = [];
  const nodes = root.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement', 'call_expression', 'composite_literal'],
    { row, column: 0 }, { row, column: 1 << 20 }).filter((n): n is SyntaxNode => n !== null);
  const boxBytes = boxesByRow(pass).get(row);
  for (const n of nodes) {
    if (n.type === 'assignment_statement' || n.type === 'inc_statement' || n.type === 'dec_statement') {
      const left = n.type === 'assignment_statement' ? field(n, 'left') : n.namedChildren[0];
      const targets = left?.type === 'expression_list' ? codeKids(left) : left ? [left] : [];
      for (const t of targets) {
        const ix = unparen(t);
        if (ix.type !== 'index_expression' || ix.startPosition.row !== row) continue;
        const operand = field(ix, 'operand');
        const map = operand && mapIdOf(operand, pass);
        if (!map) continue;
        out.push({ what: 'store', map, boxBytes });
      }
    } else if (n.type === 'call_expression') {
      if (field(n, 'function')?.text !== 'make' || resolver.index.lookup('make', n) || n.startPosition.row !== row) continue;
      const args = codeKids(field(n, 'arguments')!);
      if (!args.length || underlying(resolver.typeOf(args[0])).kind !== 'map') continue;
      const map = destinationOf(n, pass);
      const hint = args[1] ? intValue(args[1], resolver.index) : undefined;
      if (map) out.push({ what: 'make', map, hint });
    } else {
      const t = field(n, 'type');
      if (!t || underlying(resolver.typeOf(t)).kind !== 'map' || n.startPosition.row > row) continue;
      const map = destinationOf(n, pass);
      if (map) out.push({ what: 'literal', map });
    }
  }
  return out;
}

/** The map an allocation (`make`, a literal) becomes: what it is assigned to, else itself as a local. */
function destinationOf(alloc: SyntaxNode, pass: Pass): MapId | undefined {
  const resolver = pass.resolver();
  const p = alloc.parent;
  const at = (n: SyntaxNode) => ({ file: pass.file.path, line: n.startPosition.row + 1 });
  if (p?.type === 'expression_list') {
    const stmt = p.parent;
    const i = codeKids(p).findIndex((k) => k.startIndex === alloc.startIndex);
    if (stmt && (stmt.type === 'assignment_statement' || stmt.type === 'short_var_declaration') && field(stmt, 'right')?.startIndex === p.startIndex) {
      const left = field(stmt, 'left');
      const target = left && codeKids(left)[i];
      if (target) return mapIdOf(target, pass);
    }
    if (stmt?.type === 'var_spec') {
      const name = stmt.namedChildren.filter((c): c is SyntaxNode => c?.type === 'identifier')[i];
      if (name) return mapIdOf(name, pass);
    }
  }
  if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element' && p.parent.namedChildren[1]?.startIndex === p.startIndex) {
    // `T{f: make(...)}`: the field f of T.
    const key = p.parent.namedChildren[0];
    const lit = p.parent.parent?.parent;
    const name = key?.namedChildren[0]?.type === 'identifier' ? key.namedChildren[0].text : undefined;
    const lt = lit?.type === 'composite_literal' ? field(lit, 'type') : undefined;
    const st = lt && resolver.typeOf(lt);
    const f = st && name ? resolver.lookupField(st, name) : undefined;
    if (f?.field.typeNode && lt && name) return fieldMapId(lt.text.replace(/^&/, ''), name, f.field.typeNode, pass);
  }
  // Returned or passed on: the map at its allocation, named by the declared function that makes it.
  const fn = alloc.parent ? ancestor(alloc.parent, ['function_declaration', 'method_declaration']) : undefined;
  const fname = fn && field(fn, 'name')?.text;
  const { file, line } = at(alloc);
  const typeNode = alloc.type === 'composite_literal' ? field(alloc, 'type') : codeKids(field(alloc, 'arguments')!)[0];
  return {
    key: `local:${file}:${line}:${alloc.startPosition.column}`, name: `${alloc.type === 'composite_literal' ? 'map literal' : 'make'} in ${fname ?? 'a function literal'}`,
    kind: 'local', file, line, typeText: typeNode?.text,
  };
}

/** Attributes every site to the maps its line allocates for; `passOf` gives the analysis of a file. */
export function attribute(table: SiteTable, passOf: (file: string) => Pass | undefined): Attribution {
  const maps = new Map<string, MapBytes>();
  const others: OtherSite[] = [];
  const split = table.fullFrames ? 'frames' : 'model';
  for (const site of table.sites.values()) {
    for (const [fn, value] of site.callees) others.push({ file: site.file, line: site.line, function: site.function, value, why: `allocated in ${fn}, called here` });
    if (site.value === 0) continue;
    const pass = passOf(site.file);
    const actions = pass ? actionsAt(pass, site.line) : [];
    if (!actions.length) {
      others.push({ file: site.file, line: site.line, function: site.function, value: site.value, why: pass ? 'no map allocation on this line' : 'the file could not be analyzed' });
      continue;
    }
    attributeSite(site, actions, maps, others);
  }
  return { maps: [...maps.values()].sort((a, b) => b.value - a.value), others: others.sort((a, b) => b.value - a.value), split };
}

function attributeSite(site: Site, actions: Action[], maps: Map<string, MapBytes>, others: OtherSite[]): void {
  // A store names the map it grows; when a line also makes a map (`m[k] = make(...)`), the make is the
  // smaller allocation: makemap of an empty map is a header, the outer store grows tables.
  const store = actions.find((a) => a.what === 'store');
  const alloc = actions.find((a) => a.what !== 'store');
  const primary = store ?? alloc!;
  const entry = (id: MapId): MapBytes => {
    let m = maps.get(id.key);
    if (!m) maps.set(id.key, (m = { id, value: 0, storage: 0, boxing: 0, sites: [], storageSamples: { objects: 0, meanSize: 0 } }));
    return m;
  };
  const addTo = (m: MapBytes, what: SiteWhat, value: number) => {
    m.value += value;
    if (what === 'box') m.boxing += value; else m.storage += value;
    const s = m.sites.find((x) => x.file === site.file && x.line === site.line && x.what === what);
    if (s) s.value += value; else m.sites.push({ file: site.file, line: site.line, what, value });
  };
  let other = 0;
  for (const b of site.buckets) {
    const boxSized = primary.boxBytes !== undefined && b.objectSize === primary.boxBytes;
    let what: SiteWhat | undefined;
    if (b.kind === 'box' || ((b.kind === 'stripped' || b.kind === 'other') && primary.what === 'store' && boxSized)) what = 'box';
    else if (b.kind === 'storage' || b.kind === 'stripped') what = primary.what === 'store' ? 'grow' : primary.what;
    if (!what) { other += b.value; continue; }
    // A line making one map and storing it into another: allocations of the make's size go to the made map.
    const target = what !== 'box' && store && alloc && b.kind !== 'storage' && b.objectSize > 0 && b.objectSize <= 64 ? alloc : primary;
    const m = entry(target.map);
    if (target.hint !== undefined) m.hint = target.hint;
    addTo(m, target === primary ? what : target.what === 'make' ? 'make' : 'literal', b.value);
    if (what !== 'box') {
      const s = m.storageSamples;
      const n = s.objects + b.objects;
      s.meanSize = n > 0 ? (s.meanSize * s.objects + b.objectSize * b.objects) / n : 0;
      s.objects = n;
    }
  }
  if (alloc?.hint !== undefined) entry(alloc.map).hint = alloc.hint;
  if (other) others.push({ file: site.file, line: site.line, function: site.function, value: other, why: 'runtime frames say it is not map storage or a box' });
}
