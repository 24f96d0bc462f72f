// ifacebox's suggestion for struct-shaped payloads (docs/rules/ifacebox.md "Struct-shaped
// payloads"): a `map[string]any` local built with a fixed set of constant keys and handed to an
// encoder is a struct in disguise. This module finds such maps and writes the struct they would
// be (field names from the keys, types from the stored values, `json:"key"` tags) with the cost of
// one build before and after. It changes nothing: the LSP offers the declaration as a code action
// that inserts the type (lsp/codeactions.ts payloadActions), never as a finding's fix, so the
// CLI's --fix never applies it.
//
// Offered only when the file shows the whole life of the map:
//   - a local declared with a map literal or make of `map[string]any` / `map[string]interface{}`;
//   - every key a string constant (a literal, or a constant of this package spelled by a literal),
//     every store `m["k"] = v` a statement of the declaration's own block (so each key is stored
//     on every build: a struct field is always encoded, a map key only once stored);
//   - every other use an argument of an encoder call (analysis/hotpath.ts isEncoder: json.Marshal,
//     Encode, Execute, Printf...): not returned, not read, not passed elsewhere, not reassigned.
// The numbers: the map's own bytes from the simulation (sim/, the inserts of one build), each
// store's box from ifacebox's classification (ifacebox.ts storeSites), and the struct's box from the
// same classification (syntax/boxing.ts classifyBoxing) on the struct's layout.
import type { SyntaxNode } from '../parse/parser';
import type { Pass, Position, Range } from './types';
import { formatGoVersion } from './goversion';
import { codeKids, field, hasToken, isBroken, nodeRange, outerParens as outer, sameNode, shortText as short, unparen, walk } from './syntax/nodes';
import { emptyInterfaceValue, madeMapType } from './syntax/anymap';
import type { GoType, StructField } from './syntax/gotypes';
import type { TypeResolver } from './syntax/resolve';
import { classifyBoxing } from './syntax/boxing';
import { constness, knownValue } from './syntax/constant';
import { isEncoder } from './hotpath';
import { NEWEST_RUNTIME, perStoreBytes, storeSites, type StoreSite } from './ifacebox';
import { layoutOf, simulate } from '../sim';
import { runtimeOf } from '../sim/alloc';
import type { ClassicStructure, SwissStructure } from '../sim/model';

export interface PayloadField {
  /** The map key, the field's json tag. */
  key: string;
  /** The exported Go field name made from the key. */
  name: string;
  /** The field's type as the struct spells it (`any` when the stored values' type is unknown or mixed). */
  type: string;
  /** The number of stores of this key. */
  stores: number;
}

export interface PayloadCost {
  /** The runtime release the numbers are for ("1.26"). */
  goVersion: string;
  /** Distinct keys: the map's entries after one build. */
  entries: number;
  /** The make hint the compiler passes (a literal's element count, or make's constant size); undefined: none. */
  hint?: number;
  /**
   * The map's own allocations in one build (simulation: sim/ simulate of `entries` inserts after
   * make with the hint): bytes allocated, what growing discarded included. `allocations` only when
   * the simulation shows the header and one bucket (classic) or one group (Swiss) and no more.
   */
  map: { bytes: number; allocations?: number; structure: string } | { unknown: string };
  /** The stores' boxes (ifacebox.ts storeSites, the allocator model): stores that allocate, and their bytes. */
  boxes: { allocations: number; bytes: number; atMost: boolean; unknownStores: number };
  /** The struct: its size, and what handing it to the encoder as an interface value costs (classifyBoxing). */
  struct: {
    size?: number;
    box: { runtimeFunc: string; bytes: number } | { none: string } | { unknown: string };
    /** Boxes that remain: stores into fields typed `any` that allocate in the map too. */
    fieldBoxes: { allocations: number; bytes: number };
  };
}

export interface StructPayload {
  /** The map variable. */
  variable: string;
  /** The declaration's name node range (where the action is offered, with each store). */
  declRange: Range;
  /** The declaration statement and each store statement: a cursor in any of them offers the action. */
  ranges: Range[];
  /** The callee the map is handed to, as written (`json.Marshal`, `json.NewEncoder(w).Encode`). */
  encoder: string;
  typeName: string;
  fields: PayloadField[];
  /** `type <typeName> struct {...}`, gofmt's layout, ending in a newline. */
  structText: string;
  /** Where the declaration goes: the start of the line of the enclosing top-level declaration (or its doc comment). */
  insertAt: Position;
  cost: PayloadCost;
  /** One line: allocations and bytes per build, before and after, with where the numbers come from. */
  comparison: string;
}

/** A candidate map that is not offered, and why (for tests and diagnostics). */
export interface BlockedPayload { variable: string; declRange: Range; blocked: string }

const MAP_SPELLED = /map\s*\[\s*string\s*\]\s*(any\b|interface\s*\{\s*\})/;

const byPass = new WeakMap<Pass, (StructPayload | BlockedPayload)[]>();

/** Every struct-shaped payload of the file, and the candidates that are not one with the reason (once per Pass). */
export function structPayloadCandidates(pass: Pass): (StructPayload | BlockedPayload)[] {
  let found = byPass.get(pass);
  if (!found) byPass.set(pass, (found = candidates(pass)));
  return found;
}

function candidates(pass: Pass): (StructPayload | BlockedPayload)[] {
  // Typing in one function re-parses only it (lsp/incremental.ts): every use must be seen.
  if (pass.indexed !== pass.file) return [];
  if (!MAP_SPELLED.test(pass.file.text)) return [];
  const root = pass.file.tree.rootNode;
  const decls: { name: SyntaxNode; value: SyntaxNode; stmt: SyntaxNode }[] = [];
  walk(root, (n) => {
    if (n.type === 'short_var_declaration') {
      const ls = codeKids(field(n, 'left') ?? n), rs = codeKids(field(n, 'right') ?? n);
      if (ls.length === rs.length) ls.forEach((l, i) => { if (l.type === 'identifier' && mapTypeOf(rs[i])) decls.push({ name: l, value: rs[i], stmt: n }); });
    } else if (n.type === 'var_spec') {
      const names = codeKids(n).filter((k) => k.type === 'identifier');
      const value = field(n, 'value');
      const vs = value ? codeKids(value) : [];
      const declared = field(n, 'type');
      if (declared && !isPayloadMapType(declared)) return;
      const stmt = n.parent?.type === 'var_declaration' ? n.parent : n.parent?.parent?.type === 'var_declaration' ? n.parent.parent : undefined;
      if (stmt && names.length === vs.length) names.forEach((l, i) => { if (mapTypeOf(vs[i])) decls.push({ name: l, value: vs[i], stmt }); });
    }
  });
  if (!decls.length) return [];
  const resolver = pass.resolver();
  let sites: StoreSite[] | undefined;
  const out: (StructPayload | BlockedPayload)[] = [];
  const taken = new Set<string>();
  for (const d of decls) {
    if (isBroken(d.stmt)) continue;
    const top = topDeclaration(d.stmt);
    if (!top) continue; // package level: not a local
    const c = collect(d, top, resolver);
    if ('blocked' in c) { out.push({ variable: d.name.text, declRange: nodeRange(d.name), blocked: c.blocked }); continue; }
    sites ??= storeSites(pass);
    out.push(payloadOf(pass, d, top, c, resolver, sites, taken));
  }
  return out;
}

/** The struct-shaped payloads of the file (structPayloadCandidates without the blocked ones). */
export function structPayloads(pass: Pass): StructPayload[] {
  return structPayloadCandidates(pass).filter((p): p is StructPayload => !('blocked' in p));
}

/** `map[string]any` or `map[string]interface{}` spelled as a type node. */
function isPayloadMapType(t: SyntaxNode): boolean {
  const k = field(t, 'key');
  return emptyInterfaceValue(t) !== undefined && k?.type === 'type_identifier' && k.text === 'string';
}

/** The map type a value spells when it is `map[string]any{...}` or `make(map[string]any[, n])`. */
function mapTypeOf(value: SyntaxNode): SyntaxNode | undefined {
  const t = madeMapType(value);
  return t && isPayloadMapType(t) ? t : undefined;
}

function topDeclaration(n: SyntaxNode): SyntaxNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration') return p;
  return undefined;
}

interface Store { key: string; value: SyntaxNode; stmt: SyntaxNode }
interface Collected { stores: Store[]; encoders: SyntaxNode[]; hint?: number | 'unknown' }

const line = (n: SyntaxNode) => n.startPosition.row + 1;
const blocked = (why: string, n: SyntaxNode) => ({ blocked: `${why} (line ${line(n)})` });

/** The string a constant key spells, or undefined: a literal, or a constant of this package declared with one. */
function constantKey(k: SyntaxNode, resolver: TypeResolver, depth = 0): string | undefined {
  const e = unparen(k);
  if (e.type === 'raw_string_literal') return e.text.slice(1, -1).replace(/\r/g, '');
  if (e.type === 'interpreted_string_literal') {
    // Go's escapes that JSON shares (\" \\ \n \t \uXXXX...); others (\x41, \101, \a, \') are not read here.
    try { return JSON.parse(e.text) as string; } catch { return undefined; }
  }
  if (e.type === 'identifier' && depth < 4) {
    const d = resolver.index.lookup(e.text, e);
    return d?.kind === 'const' && d.valueNode && !d.typeNode ? constantKey(d.valueNode, resolver, depth + 1) : undefined;
  }
  return undefined;
}

/** The stores, encoder calls and make hint of the map declared at `d`, or the use that rules it out. */
function collect(d: { name: SyntaxNode; value: SyntaxNode; stmt: SyntaxNode }, top: SyntaxNode, resolver: TypeResolver): Collected | { blocked: string } {
  const c: Collected = { stores: [], encoders: [] };
  const v = unparen(d.value);
  if (v.type === 'composite_literal') {
    const body = field(v, 'body');
    const els = body ? codeKids(body) : [];
    for (const el of els) {
      if (el.type !== 'keyed_element') return blocked('an element without a key', el);
      const [kn, vn] = codeKids(el).map((x) => (x.type === 'literal_element' ? codeKids(x)[0] : x));
      const key = kn && constantKey(kn, resolver);
      if (key === undefined || !vn) return blocked(`the key ${kn ? short(kn) : '?'} is not a string constant`, el);
      c.stores.push({ key, value: vn, stmt: d.stmt });
    }
    c.hint = els.length; // walk/complit.go maplit: make(map, len(entries))
  } else {
    const args = codeKids(field(v, 'arguments') ?? v);
    if (args.length > 1) {
      const k = knownValue(args[1], resolver);
      c.hint = k?.kind === 'int' ? k.value : k?.kind === 'zero' ? 0 : 'unknown';
    }
  }
  const block = d.stmt.parent;
  // Its uses: the names in the function that resolve to this declaration (a name is in scope only
  // after its declaration, so the declaration is looked up from its uses).
  const name = d.name.text;
  const uses: SyntaxNode[] = [];
  walk(top, (n) => {
    if (n.type === 'identifier' && n.text === name && n.startIndex !== d.name.startIndex && resolver.index.lookup(name, n)?.nameNode.startIndex === d.name.startIndex) uses.push(n);
  });
  for (const u of uses) {
    const why = classify(u, name, block, resolver, c);
    if (why) return why;
  }
  if (!c.stores.length) return blocked(`${name} holds no key`, d.name);
  if (!c.encoders.length) return blocked(`${name} is not handed to an encoder`, d.name);
  return c;
}

/** Why a use rules the suggestion out, or undefined after recording it (a store or an encoder call). */
function classify(use: SyntaxNode, name: string, block: SyntaxNode | null, resolver: TypeResolver, c: Collected): { blocked: string } | undefined {
  const e = outer(use);
  const p = e.parent;
  if (!p) return blocked(`a use of ${name}`, use);
  if (p.type === 'index_expression' && field(p, 'operand') && sameNode(field(p, 'operand')!, e)) {
    const ix = outer(p);
    const list = ix.parent;
    const stmt = list?.parent;
    const isStore = list?.type === 'expression_list' && stmt?.type === 'assignment_statement' && field(stmt, 'left') && sameNode(field(stmt, 'left')!, list);
    if (!isStore) return blocked(`${short(ix)} reads ${name}`, ix);
    if (!hasToken(stmt!, '=')) return blocked(`${short(stmt!)} updates ${name}[k] in place`, stmt!);
    const ls = codeKids(list!), rs = codeKids(field(stmt!, 'right') ?? stmt!);
    if (ls.length !== rs.length) return blocked(`${short(stmt!)} stores a call's results`, stmt!);
    const kn = field(p, 'index');
    const key = kn && constantKey(kn, resolver);
    if (key === undefined) return blocked(`the key ${kn ? short(kn) : '?'} is not a string constant`, ix);
    if (!block || !stmt!.parent || !sameNode(stmt!.parent, block)) return blocked(`${short(stmt!)} is stored on some paths only: a struct field is always encoded`, stmt!);
    c.stores.push({ key, value: rs[ls.findIndex((l) => sameNode(l, ix))], stmt: stmt! });
    return undefined;
  }
  if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
    const call = p.parent;
    if (isEncoder(call)) { c.encoders.push(call); return undefined; }
    return blocked(`${name} is passed to ${short(field(call, 'function') ?? call)}, not an encoder`, e);
  }
  const what = p.type === 'return_statement' || p.parent?.type === 'return_statement' ? 'returned'
    : p.type === 'unary_expression' ? 'its address is taken'
    : p.type === 'range_clause' ? 'ranged over'
    : p.type === 'expression_list' ? 'assigned or passed on'
    : `used as a whole (${short(p)})`;
  return blocked(`${name} is ${what}`, e);
}

// Go's initialisms in exported names (Effective Go, "MixedCaps"; the usual review list).
const INITIALISMS = new Set(['ACL', 'API', 'ASCII', 'CPU', 'CSS', 'DNS', 'EOF', 'GUID', 'HTML', 'HTTP', 'HTTPS', 'ID', 'IP', 'JSON', 'QPS', 'RAM', 'RPC', 'SLA', 'SMTP', 'SQL', 'SSH', 'TCP', 'TLS', 'TTL', 'UDP', 'UI', 'UID', 'UUID', 'URI', 'URL', 'UTF8', 'VM', 'XML', 'XSRF', 'XSS']);

/**
 * An exported Go name for a key: words split at anything not a letter or digit and at a lower-to-
 * upper change, each capitalized, initialisms upper-cased ("user_id" -> UserID, "avatarUrl" ->
 * AvatarURL, "http-status" -> HTTPStatus); a name that would start with a digit gets an F in front;
 * a key with no letter or digit is "Field".
 */
export function fieldName(key: string): string {
  const words = key.split(/[^\p{L}\p{N}]+/u).flatMap((w) => w.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u)).filter(Boolean);
  const name = words.map((w) => INITIALISMS.has(w.toUpperCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)).join('');
  if (!name) return 'Field';
  return /^\p{Lu}/u.test(name) ? name : `F${name}`;
}

/** Import paths to the name this file imports them as (a named import, else the path's last element, checked against the resolver). */
function importNames(root: SyntaxNode, resolver: TypeResolver): Map<string, string> {
  const out = new Map<string, string>();
  walk(root, (n) => {
    if (n.type === 'function_declaration' || n.type === 'method_declaration') return false;
    if (n.type !== 'import_spec') return;
    const p = field(n, 'path');
    const path = p?.text.slice(1, -1);
    if (!path) return;
    const alias = field(n, 'name')?.text;
    if (alias === '_' || alias === '.') return;
    const guess = alias ?? path.slice(path.lastIndexOf('/') + 1).replace(/\.v\d+$/, '').replace(/^go-/, '');
    const d = /^[A-Za-z_]\w*$/.test(guess) ? resolver.index.lookup(guess, n) : undefined;
    if (d?.kind === 'import' && d.importPath === path) out.set(path, guess);
  });
  return out;
}

/** The type as the struct can spell it at package level, or undefined (then the field is `any`). */
function spell(t: GoType, at: SyntaxNode, imports: Map<string, string>, resolver: TypeResolver, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const d = depth + 1;
  switch (t.kind) {
    case 'basic': return t.name === 'unsafe.Pointer' ? undefined : t.name === 'uint8' ? 'byte' : t.name;
    case 'named': {
      if (t.pkg === '') {
        if (t.name === 'error') return 'error';
        const decl = resolver.index.lookup(t.name, at);
        return decl?.kind === 'type' && decl.binding === 'package' ? t.name : undefined;
      }
      const local = imports.get(t.pkg);
      return local ? `${local}.${t.name}` : undefined;
    }
    case 'pointer': { const e = spell(t.elem, at, imports, resolver, d); return e && `*${e}`; }
    case 'slice': { const e = spell(t.elem, at, imports, resolver, d); return e && `[]${e}`; }
    case 'array': { const e = t.len === undefined ? undefined : spell(t.elem, at, imports, resolver, d); return e && `[${t.len}]${e}`; }
    case 'map': {
      const k = spell(t.key, at, imports, resolver, d), v = spell(t.value, at, imports, resolver, d);
      return k && v ? `map[${k}]${v}` : undefined;
    }
    default: return undefined; // interfaces, funcs, chans (direction unknown), unnamed structs, type parameters, unknown
  }
}

const ANY: GoType = { kind: 'interface', text: 'any' };

/** The first name of `${base}`, `${base}2`... that neither the package nor another suggestion uses. */
function freshName(bases: string[], top: SyntaxNode, resolver: TypeResolver, taken: Set<string>): string {
  const free = (n: string) => !taken.has(n) && resolver.index.lookup(n, top) === undefined;
  for (const b of bases) if (free(b)) return b;
  for (let i = 2; ; i++) if (free(`${bases[0]}${i}`)) return `${bases[0]}${i}`;
}

/** gofmt's struct: fields, types and tags in columns (tabwriter: one space after the widest cell). */
function structText(name: string, fields: PayloadField[]): string {
  const w = (s: string) => [...s].length;
  const nw = Math.max(...fields.map((f) => w(f.name)));
  const tw = Math.max(...fields.map((f) => w(f.type)));
  const lines = fields.map((f) => `\t${f.name}${' '.repeat(nw - w(f.name) + 1)}${f.type}${' '.repeat(tw - w(f.type) + 1)}\`json:${JSON.stringify(f.key)}\``);
  return `type ${name} struct {\n${lines.join('\n')}\n}\n`;
}

/** Where the type goes: the line of the top-level declaration, or of the doc comment right above it. */
function insertionLine(top: SyntaxNode): number {
  let first = top;
  for (let p = top.previousSibling; p && p.type === 'comment' && p.endPosition.row >= first.startPosition.row - 1; p = p.previousSibling) first = p;
  return first.startPosition.row;
}

function payloadOf(pass: Pass, d: { name: SyntaxNode; value: SyntaxNode; stmt: SyntaxNode }, top: SyntaxNode, c: Collected, resolver: TypeResolver, sites: StoreSite[], taken: Set<string>): StructPayload {
  const goVersion = formatGoVersion(pass.runtimeVersion ?? NEWEST_RUNTIME);
  const imports = importNames(pass.file.tree.rootNode, resolver);
  const siteAt = new Map(sites.map((s) => [`${s.valueRange.start.line}:${s.valueRange.start.character}`, s]));
  const siteOf = (v: SyntaxNode) => { const r = nodeRange(v).start; return siteAt.get(`${r.line}:${r.character}`); };

  // Fields in the order their keys first appear; a key stored with values of two types is `any`.
  const byKey = new Map<string, { field: PayloadField; type?: GoType; values: SyntaxNode[] }>();
  const names = new Set<string>();
  for (const s of c.stores) {
    const vt = unparen(s.value).type === 'nil' ? undefined : resolver.typeOfExpr(s.value).type;
    const text = vt ? spell(vt, top, imports, resolver) : undefined;
    let f = byKey.get(s.key);
    if (!f) {
      let name = fieldName(s.key);
      for (let i = 2; names.has(name); i++) name = `${fieldName(s.key)}${i}`;
      names.add(name);
      f = { field: { key: s.key, name, type: text ?? 'any', stores: 0 }, type: text ? vt : ANY, values: [] };
      byKey.set(s.key, f);
    } else if (f.field.type !== (text ?? 'any')) {
      f.field.type = 'any';
      f.type = ANY;
    }
    f.field.stores++;
    f.values.push(s.value);
  }
  const fields = [...byKey.values()].map((f) => f.field);
  const fn = field(top, 'name')?.text ?? 'payload';
  const base = fn.charAt(0).toLowerCase() + fn.slice(1);
  const v = d.name.text;
  const typeName = freshName([`${base}Payload`, `${base}${v.charAt(0).toUpperCase()}${v.slice(1)}Payload`], top, resolver, taken);
  taken.add(typeName);

  // Before: the map's own allocations (simulation) and each store's box (ifacebox's classification).
  const entries = byKey.size;
  const hint = typeof c.hint === 'number' ? c.hint : undefined;
  const map = c.hint === 'unknown' ? { unknown: 'its make hint is not a constant' } : mapCost(goVersion, entries, hint);
  const boxes = { allocations: 0, bytes: 0, atMost: false, unknownStores: 0 };
  const fieldBoxes = { allocations: 0, bytes: 0 };
  for (const f of byKey.values()) {
    for (const value of f.values) {
      const s = siteOf(value);
      if (!s || s.verdict === 'unknown') { boxes.unknownStores++; continue; }
      if (s.verdict !== 'allocates') continue;
      boxes.allocations++;
      boxes.bytes += s.bytes ?? 0;
      if (s.boxing.verdict === 'allocates' && s.boxing.exception) boxes.atMost = true;
      if (f.field.type === 'any') { fieldBoxes.allocations++; fieldBoxes.bytes += s.bytes ?? 0; }
    }
  }
  // After: the struct handed to the encoder as an interface value (an interface parameter's
  // argument escapes), classified like any stored value: its layout, the allocator model.
  const structType: GoType = { kind: 'struct', fields: () => [...byKey.values()].map((f): StructField => ({ name: f.field.name, type: f.type ?? ANY, embedded: false })) };
  const allConstant = c.stores.every((s) => constness(s.value, resolver) === 'yes');
  const b = classifyBoxing({ type: structType, isNil: false, constant: 'no', staticValue: allConstant ? 'yes' : 'no', goVersion });
  const box = b.verdict === 'allocates' ? { runtimeFunc: b.runtimeFunc, bytes: b.bytes } : b.verdict === 'none' ? { none: b.reason } : { unknown: b.why };
  const size = b.verdict === 'allocates' ? b.size : undefined;
  const cost: PayloadCost = { goVersion, entries, hint, map, boxes, struct: { size, box, fieldBoxes } };

  const stmts = [d.stmt, ...c.stores.map((s) => s.stmt)];
  const ranges: Range[] = [];
  for (const s of stmts) if (!ranges.some((r) => r.start.line === nodeRange(s).start.line && r.start.character === nodeRange(s).start.character)) ranges.push(nodeRange(s));
  const encoder = (field(c.encoders[0], 'function')?.text ?? 'the encoder').replace(/\s+/g, '');
  return {
    variable: v, declRange: nodeRange(d.name), ranges, encoder, typeName, fields,
    structText: structText(typeName, fields),
    insertAt: { line: insertionLine(top), character: 0 },
    cost,
    comparison: comparisonLine(cost, encoder),
  };
}

/**
 * The map's own allocations in one build: make (with the compiler's hint), then `entries` inserts,
 * simulated (sim/ simulate); bytes allocated = what it holds after + what growing discarded.
 */
function mapCost(goVersion: string, entries: number, hint: number | undefined): PayloadCost['map'] {
  const key = layoutOf('string'), value = layoutOf('interface{}');
  if ('unknown' in key || 'unknown' in value) return { unknown: 'the layouts of string and interface{} are not known' };
  const steps = simulate({ key, value, goVersion, hint }, [{ op: 'insert', n: entries }]);
  const last = steps[steps.length - 1];
  const bytes = last.bytes + steps.reduce((s, st) => s + st.garbage, 0);
  const st = last.structure as ClassicStructure | SwissStructure | undefined;
  const swiss = runtimeOf(goVersion) === 'swiss';
  // Header + one bucket (B = 0, no overflow) or header + one group (a small Swiss map): 2 objects.
  const small = st && (st.runtime === 'classic' ? st.B === 0 && st.overflow === 0 && st.oldbuckets === 0 : st.small);
  const structure = small ? (swiss ? 'header and one group' : 'header and one bucket')
    : swiss ? 'header, directory and tables' : 'header and bucket arrays';
  return small ? { bytes, allocations: 2, structure } : { bytes, structure };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const bytesText = (n: number) => `${perStoreBytes(n)} B`;

/** Allocations and bytes of one build, each side; undefined where the numbers are not all known. */
export function totals(cost: PayloadCost): { before?: { allocations: number; bytes: number; atMost: boolean }; after?: { allocations: number; bytes: number } } {
  const { map, boxes, struct } = cost;
  const before = 'unknown' in map || map.allocations === undefined || boxes.unknownStores ? undefined
    : { allocations: map.allocations + boxes.allocations, bytes: map.bytes + boxes.bytes, atMost: boxes.atMost };
  const box = 'runtimeFunc' in struct.box ? { allocations: 1, bytes: struct.box.bytes } : 'none' in struct.box ? { allocations: 0, bytes: 0 } : undefined;
  const after = box && !boxes.unknownStores && { allocations: box.allocations + struct.fieldBoxes.allocations, bytes: box.bytes + struct.fieldBoxes.bytes };
  return { before, after: after || undefined };
}

/** The one-line comparison the action's preview carries, each number with where it comes from. */
export function comparisonLine(cost: PayloadCost, encoder: string): string {
  const { map, boxes, struct } = cost;
  const t = totals(cost);
  const boxPart = `${plural(boxes.allocations, 'box', 'boxes')}${boxes.atMost ? ' at most' : ''}, ${bytesText(boxes.bytes)} by ifacebox's classification` +
    (boxes.unknownStores ? `, ${plural(boxes.unknownStores, 'store')} of unknown type not counted` : '');
  const mapPart = 'unknown' in map ? `the map's own allocations not computed: ${map.unknown}`
    : map.allocations !== undefined ? `its ${map.structure}: ${plural(map.allocations, 'allocation')}, ${bytesText(map.bytes)} by the simulation`
    : `its ${map.structure}: ${bytesText(map.bytes)} by the simulation, growth included, allocations not counted`;
  const before = t.before ? `${t.before.atMost ? 'at most ' : ''}${plural(t.before.allocations, 'allocation')}, ${bytesText(t.before.bytes)} (${mapPart}; ${boxPart})` : `(${mapPart}; ${boxPart})`;
  const fb = (struct.fieldBoxes.allocations ? `; its any fields still box: ${plural(struct.fieldBoxes.allocations, 'allocation')}, ${bytesText(struct.fieldBoxes.bytes)}` : '') +
    (boxes.unknownStores ? '; its any fields box what the map\'s values of unknown type did' : '');
  const handed = 'runtimeFunc' in struct.box
    ? `handed to ${encoder} as an interface value, 1 allocation of ${bytesText(struct.box.bytes)} (runtime.${struct.box.runtimeFunc}: the struct's ${struct.size} B by the allocator model)`
    : 'none' in struct.box ? `handed to ${encoder} as an interface value, no allocation (${struct.box.none})`
    : `handed to ${encoder} as an interface value, one copy of unknown size (${struct.box.unknown})`;
  return `Per build on Go ${cost.goVersion}: map ${before} vs struct 0 allocations while it does not escape; ${handed}${fb}`;
}

/** The title's short form: "4 allocations, 360 B per build -> 1, 48 B", or undefined when a side is not known. */
export function shortComparison(cost: PayloadCost): string | undefined {
  const { before, after } = totals(cost);
  if (!before || !after) return undefined;
  return `${before.atMost ? 'up to ' : ''}${plural(before.allocations, 'allocation')}, ${bytesText(before.bytes)} per build -> ${after.allocations}, ${bytesText(after.bytes)}`;
}
