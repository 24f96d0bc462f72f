// ifacebox: a value stored into a map whose value type is an interface (`m[k] = v`, and the values
// of a map composite literal) that the conversion to the interface heap-allocates.
// docs/rules/ifacebox.md says what and why; syntax/boxing.ts decides what allocates
// (cmd/compile/internal/walk/convert.go dataWord, runtime/iface.go convT*), syntax/constant.ts what
// the compiler takes from read-only data (walk/order.go addrTemp; escape/escape.go from Go 1.25).
import type { SyntaxNode } from '../parse/parser';
import type { Finding, ParsedFile, Pass, Range, Rule } from './types';
import { compareGoVersions, formatGoVersion, type GoVersion } from './goversion';
import { codeKids, field, hasToken, isBroken, nodeRange, outerParens, shortText, unparen } from './syntax/nodes';
import { underlying, type GoType } from './syntax/gotypes';
import type { TypeResolver, Typed } from './syntax/resolve';
import { classifyBoxing, typeString, type Boxing } from './syntax/boxing';
import { constness, knownValue, staticness } from './syntax/constant';
import { storeImpact, type StoreImpact } from './hotpath';
import { indexAssignments, inRegions, mapLiterals } from './syntax/candidates';
import { layoutText } from './syntax/typetext';
import { allocCharge } from '../sim/alloc';
import { isUnknown, layoutOf } from '../sim/layout';
import { narrowingOf } from './narrow';

/** The newest Go release the sim models (sim/alloc.ts, sim/swiss-rules.ts read Go 1.26). */
export const NEWEST_RUNTIME: GoVersion = { major: 1, minor: 26, patch: 0 };

export interface StoreSite {
  /** The stored value expression. */
  valueRange: Range;
  /** Where the compiler reports the escape (see compilerSite). */
  siteRange: Range;
  verdict: 'allocates' | 'none' | 'unknown';
  /** allocates: the runtime function, e.g. 'convT64'. */
  runtimeFunc?: string;
  /** allocates: bytes per store by the allocator model. */
  bytes?: number;
  /** none: why (constant, read-only data, pointer-shaped, zero-size, one byte or bool, interface value, nil). */
  reason?: string;
  /** How much the store matters (hotpath.ts); undefined in one-time code (package initializers, init). */
  where?: StoreImpact;
  /** The value's type as Go spells it; undefined when unknown. */
  typeText?: string;
  /** The full classification (boxing.ts), for messages and hovers. */
  boxing: Boxing;
}

interface Store {
  value: SyntaxNode;
  site: Range;
  map: Typed;
  mapType: GoType & { kind: 'map' };
  /** The map stored into: the index expression's operand, or the (outermost) map literal. */
  mapNode: SyntaxNode;
}

/** The map type when `t` is a map whose value type is an interface. */
function ifaceMap(t: GoType): (GoType & { kind: 'map' }) | undefined {
  const u = underlying(t);
  return u.kind === 'map' && underlying(u.value).kind === 'interface' ? u : undefined;
}

/**
 * Where `go build -gcflags=-m` prints "... escapes to heap" for the stored value. Measured
 * (docs/rules/ifacebox.md): Go 1.19 puts it at the assignment statement (a literal element: at its
 * colon); Go 1.21 .. 1.26 at the value's own position in the compiler's syntax tree. Go 1.20 was not
 * measured; it is taken as 1.19.
 */
function compilerSite(pass: Pass, value: SyntaxNode, stmtOrColon: SyntaxNode): Range {
  const v = pass.runtimeVersion ?? NEWEST_RUNTIME;
  if (compareGoVersions(v, { major: 1, minor: 21, patch: 0 }) < 0) return nodeRange(stmtOrColon);
  return { start: nodeRange(compilerPos(value)).start, end: nodeRange(value).end };
}

/**
 * The node whose start is the compiler's position of an expression (cmd/compile/internal/syntax:
 * an operation is at its operator, a call at its '(', an index or slice at '[', a selector or type
 * assertion at its '.', a composite literal at its '{'); anything else at its start. Measured with
 * Go 1.26.8 `-gcflags=-m` (docs/rules/ifacebox.md).
 */
function compilerPos(e: SyntaxNode): SyntaxNode {
  const token = (t: string) => {
    for (let i = 0; i < e.childCount; i++) { const c = e.child(i); if (c && !c.isNamed && c.type === t) return c; }
    return undefined;
  };
  switch (e.type) {
    case 'binary_expression': return field(e, 'operator') ?? e;
    case 'call_expression': return field(e, 'arguments') ?? e;
    case 'type_conversion_expression': return token('(') ?? e;
    case 'index_expression': case 'slice_expression': return token('[') ?? e;
    case 'selector_expression': case 'type_assertion_expression': return token('.') ?? e;
    case 'composite_literal': return field(e, 'body') ?? e;
    default: return e;
  }
}

function assignmentStores(pass: Pass, a: SyntaxNode, resolver: TypeResolver): Store[] {
  // Only plain `=`: op-assignments (`+=`) are not defined for interface operands.
  if (!hasToken(a, '=')) return [];
  const left = field(a, 'left');
  const right = field(a, 'right');
  if (!left || !right) return [];
  const ls = codeKids(left);
  const rs = codeKids(right);
  if (ls.length !== rs.length) return []; // `a, m[k] = f()`: one call's results; not followed
  const out: Store[] = [];
  ls.forEach((l, i) => {
    if (l.type !== 'index_expression') return;
    const operand = field(l, 'operand');
    if (!operand) return;
    const map = resolver.typeOfExpr(operand);
    const mapType = ifaceMap(map.type);
    if (mapType) out.push({ value: rs[i], site: compilerSite(pass, rs[i], a), map, mapType, mapNode: operand });
  });
  return out;
}

/** The value expression of a keyed or plain literal element. */
function elementValue(el: SyntaxNode): { value: SyntaxNode; colon?: SyntaxNode } | undefined {
  if (el.type === 'keyed_element') {
    const v = field(el, 'value');
    const inner = v && (v.type === 'literal_element' ? codeKids(v)[0] : v);
    let colon: SyntaxNode | undefined;
    for (let i = 0; i < el.childCount; i++) { const c = el.child(i); if (c && !c.isNamed && c.type === ':') colon = c; }
    return inner ? { value: inner, colon } : undefined;
  }
  const inner = el.type === 'literal_element' ? codeKids(el)[0] : el;
  return inner ? { value: inner } : undefined;
}

/** Map literals, also nested ones whose type is elided (`[]map[string]any{{"a": v}}`); `lit` is the outermost literal. */
function literalStores(pass: Pass, lit: SyntaxNode, body: SyntaxNode, t: GoType, typed: Typed, out: Store[], depth = 0): void {
  if (depth > 8) return;
  const u = underlying(t);
  const elemType = u.kind === 'map' ? u.value : u.kind === 'slice' || u.kind === 'array' ? u.elem : undefined;
  if (!elemType) return;
  const mapType = ifaceMap(t);
  for (const el of codeKids(body)) {
    const ev = elementValue(el);
    if (!ev) continue;
    if (ev.value.type === 'literal_value') { literalStores(pass, lit, ev.value, elemType, { type: elemType }, out, depth + 1); continue; }
    if (mapType) out.push({ value: ev.value, site: compilerSite(pass, ev.value, ev.colon ?? ev.value), map: typed, mapType, mapNode: lit });
  }
}

/** `nil`, or a conversion of nil (`[]byte(nil)`): typed nil is an ONIL the compiler makes static data. */
function isNilExpr(e: SyntaxNode, resolver: TypeResolver): boolean {
  const u = unparen(e);
  if (u.type === 'nil') return true;
  if (u.type === 'type_conversion_expression') { const o = field(u, 'operand'); return o !== undefined && isNilExpr(o, resolver); }
  if (u.type !== 'call_expression') return false;
  // T(nil) with T a type of the package (a call f(nil) is not a conversion).
  const fn = field(u, 'function');
  const args = field(u, 'arguments');
  const list = args ? codeKids(args) : [];
  const isType = fn?.type === 'identifier' && resolver.index.lookup(fn.text, fn)?.kind === 'type';
  return isType && list.length === 1 && isNilExpr(list[0], resolver);
}

function siteOf(pass: Pass, s: Store, resolver: TypeResolver): StoreSite {
  const goVersion = formatGoVersion(pass.runtimeVersion ?? NEWEST_RUNTIME);
  const isNil = isNilExpr(s.value, resolver);
  const typed = unparen(s.value).type === 'nil' ? undefined : resolver.typeOfExpr(s.value);
  const boxing = classifyBoxing({
    type: typed?.type ?? { kind: 'unknown', why: 'nil' },
    isNil,
    constant: constness(s.value, resolver),
    staticValue: staticness(s.value, resolver),
    known: knownValue(s.value, resolver),
    goVersion,
  });
  const where = storeImpact(s.value, s.mapNode, resolver, pass.file.path);
  const site: StoreSite = {
    valueRange: nodeRange(s.value), siteRange: s.site, verdict: boxing.verdict, where, boxing,
    typeText: typed && typed.type.kind !== 'unknown' ? typeText(typed) : undefined,
  };
  if (boxing.verdict === 'allocates') { site.runtimeFunc = boxing.runtimeFunc; site.bytes = boxing.bytes; }
  if (boxing.verdict === 'none') site.reason = boxing.reason;
  return site;
}

function typeText(t: Typed): string {
  return t.typeNode ? t.typeNode.text.replace(/\s+/g, ' ') : typeString(t.type);
}

/** Every store of a value into an interface-valued map slot in the file, classified. */
export function storeSites(pass: Pass): StoreSite[] {
  return stores(pass).map(({ store, resolver }) => siteOf(pass, store, resolver));
}

/** What a file spells, read once per syntax tree: the gate below needs no type resolution. */
interface Spelled {
  /** Names declared as interfaces (`type T interface{`, `T = interface{` in a type group). */
  interfaces: string[];
  /** The value type's first token of every `map[K]V` spelled: `any`, `error`, `interface{`, `T`, `pkg.T`. */
  mapValues: Set<string>;
  /** Names whose declaration line spells a map type (`type Attrs map[...]`, a field `attrs map[...]`). */
  mapNames: Set<string>;
}

// By file, not tree: the spelling is read from the text, and asking for a tree parses it.
const spelledByFile = new WeakMap<ParsedFile, Spelled>();

function spelled(f: ParsedFile): Spelled {
  let sp = spelledByFile.get(f);
  if (sp) return sp;
  const text = f.text;
  sp = { interfaces: [], mapValues: new Set(), mapNames: new Set() };
  // Found from each `interface` and `map[` in the text and read backwards from there: a regular
  // expression trying a name at every word of the file cost as much as a third of the analysis.
  for (let i = text.indexOf('interface'); i >= 0; i = text.indexOf('interface', i + 9)) {
    // `T interface{`, `T = interface{` (and, loosely, a parameter `x interface{}`)
    if (!/^\s*\{/.test(text.slice(i + 9, i + 73))) continue;
    const name = nameBefore(text, skipSpaceBack(text, i, true));
    if (name) sp.interfaces.push(text.slice(name, skipWordForward(text, name)));
  }
  for (let i = text.indexOf('map['); i >= 0; i = text.indexOf('map[', i + 4)) {
    // The key type may hold brackets itself (map[[2]int]V): find the matching ']'.
    let depth = 0, j = i + 3;
    for (; j < text.length && text[j] !== '\n'; j++) {
      if (text[j] === '[') depth++;
      else if (text[j] === ']' && --depth === 0) break;
    }
    const v = /^\s*(interface\s*\{|[A-Za-z_][\w.]*)/.exec(text.slice(j + 1, j + 64));
    if (v) sp.mapValues.add(v[1].startsWith('interface') ? 'interface{' : v[1]);
    // A declaration line spelling a map type: `Attrs map[`, `type Attrs map[`, `Attrs = map[`.
    const name = nameBefore(text, skipSpaceBack(text, i, true));
    if (name !== undefined && startsLine(text, name)) sp.mapNames.add(text.slice(name, skipWordForward(text, name)));
  }
  spelledByFile.set(f, sp);
  return sp;
}

const isSpace = (c: string) => /\s/.test(c);
const isWord = (c: string) => /\w/.test(c);

/** The index before the whitespace ending at `i` (and an `=` in it, with its own whitespace, when allowed). */
function skipSpaceBack(text: string, i: number, equals: boolean): number {
  while (i > 0 && isSpace(text[i - 1])) i--;
  if (equals && i > 0 && text[i - 1] === '=') {
    i--;
    while (i > 0 && isSpace(text[i - 1])) i--;
  }
  return i;
}

function skipWordForward(text: string, i: number): number {
  while (i < text.length && isWord(text[i])) i++;
  return i;
}

/** The start of the ASCII identifier ending at `end` (a whole word), or undefined. */
function nameBefore(text: string, end: number): number | undefined {
  let k = end;
  while (k > 0 && isWord(text[k - 1])) k--;
  return k < end && /[A-Za-z_]/.test(text[k]) ? k : undefined;
}

/** Whether only whitespace, after an optional `type` keyword, stands between a line start and `at`. */
function startsLine(text: string, at: number): boolean {
  const lineStart = (i: number) => {
    const j = skipSpaceBack(text, i, false);
    return j === 0 || /[\n\r\u2028\u2029]/.test(text.slice(j, i)) ;
  };
  if (lineStart(at)) return true;
  const t = skipSpaceBack(text, at, false);
  return t < at && t >= 4 && text.slice(t - 4, t) === 'type' && (t === 4 || !isWord(text[t - 5])) && lineStart(t - 4);
}

const STD_INTERFACES = ['any', 'error', 'interface{', 'fmt.Stringer', 'io.Reader', 'io.Writer', 'io.Closer', 'context.Context', 'reflect.Type'];

/**
 * A cheap gate before the package's type resolution (which costs more than the rest of the rule):
 * an interface-valued map type is spelled somewhere in the package as `map[K]V` with V `any`,
 * `interface{`, `error`, a standard-library interface we know, or an interface type the package
 * declares. Without one, no store of the file can be into an interface-valued map we can see.
 */
function packageSpelling(pass: Pass): { mayStore: boolean; mapNames: Set<string> } {
  // Once per package: merging every file's spelling for each of its files was quadratic (runtime: 580 files).
  return pass.perPackage('ifacebox.spelling', () => mergedSpelling(pass));
}

function mergedSpelling(pass: Pass): { mayStore: boolean; mapNames: Set<string> } {
  const all = [pass.indexed, ...pass.packageFiles].map(spelled);
  const ifaces = new Set([...STD_INTERFACES, ...all.flatMap((s) => s.interfaces)]);
  const mayStore = all.some((s) => [...s.mapValues].some((v) => ifaces.has(v)));
  const mapNames = new Set(all.flatMap((s) => [...s.mapNames]));
  return { mayStore, mapNames };
}

function stores(pass: Pass): { store: Store; resolver: TypeResolver }[] {
  const out: { store: Store; resolver: TypeResolver }[] = [];
  const gate = packageSpelling(pass);
  if (!gate.mayStore) return out;
  // Candidates from the text (syntax/candidates.ts), in tree order: a statement before the literals in it.
  const candidates = [...inRegions(pass, (span) => indexAssignments(pass.file, span)), ...inRegions(pass, (span) => mapLiterals(pass.file, gate.mapNames, span))]
    .sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
  for (const n of candidates) {
    if (isBroken(n)) continue;
    const found: Store[] = [];
    let resolver: TypeResolver;
    if (n.type === 'assignment_statement') {
      // Cheap filter first: only assignments to an index expression can store into a map.
      const left = field(n, 'left');
      if (!left || !codeKids(left).some((l) => l.type === 'index_expression')) continue;
      resolver = pass.resolver();
      found.push(...assignmentStores(pass, n, resolver));
    } else {
      const typeNode = field(n, 'type');
      const body = field(n, 'body');
      if (!typeNode || !body) continue;
      // Only literals that are, or hold, a map: spelled `map[`, or a name declared as a map type.
      // (Other packages' named types resolve to unknown, never to a map.)
      const holdsMap = typeNode.type === 'map_type' || typeNode.text.includes('map[') ||
        ((typeNode.type === 'type_identifier' || typeNode.type === 'slice_type' || typeNode.type === 'array_type') &&
          [...typeNode.text.matchAll(/[A-Za-z_]\w*/g)].some((m) => gate.mapNames.has(m[0])));
      if (!holdsMap) continue;
      resolver = pass.resolver();
      const t = resolver.typeOf(typeNode);
      literalStores(pass, n, body, t, { type: t, typeNode }, found);
    }
    for (const store of found) out.push({ store, resolver });
  }
  return out;
}

/** The map's type for messages, as the source spells it (`map[string]any` stays so). */
function mapText(s: Store): string {
  const n = s.map.typeNode;
  if (n && (n.type === 'map_type' || n.type === 'type_identifier' || n.type === 'qualified_type')) return n.text.replace(/\s+/g, ' ');
  // An element of an outer literal (`[]map[string]any{{...}}`): the map type spelled in the outer type.
  const outer = s.mapNode.type === 'composite_literal' ? field(s.mapNode, 'type') : undefined;
  const spelled = outer && (outer.type === 'map_type' ? outer : outer.descendantsOfType('map_type')[0]);
  if (spelled) return spelled.text.replace(/\s+/g, ' ');
  return typeString(s.mapType);
}

/**
 * `a[:]` (any slice expression) of a local or parameter array: taking the slice makes the array
 * escape, so the store costs the array's own heap copy besides the slice header's (escape
 * analysis: "moved to heap: a"; measured by the oracle, caseLocalArraySlice).
 */
function escapingArray(value: SyntaxNode, resolver: TypeResolver): { name: string; size: number; hasPointers: boolean } | undefined {
  const v = unparen(value);
  const operand = v.type === 'slice_expression' ? field(v, 'operand') : undefined;
  const o = operand && unparen(operand);
  if (!o || o.type !== 'identifier') return undefined;
  const d = resolver.index.lookup(o.text, o);
  if (!d || d.kind !== 'var' || (d.binding !== 'local' && d.binding !== 'parameter')) return undefined;
  const t = resolver.typeOfExpr(o).type;
  if (underlying(t).kind !== 'array') return undefined;
  const text = layoutText(t);
  const l = text === undefined ? undefined : layoutOf(text, 64);
  return l && !isUnknown(l) ? { name: o.text, size: l.size, hasPointers: l.hasPointers } : undefined;
}

/** Bytes per store as a person reads them: an integer, or one decimal for a tiny block's share. */
export function perStoreBytes(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function findingOf(pass: Pass, s: Store, site: StoreSite, resolver: TypeResolver): Finding | undefined {
  const b = site.boxing;
  // Only a verdict the types prove: an unknown type is never claimed to allocate (a constant of
  // another package, a pointer type, a nil slice would not), and the compiler's "escapes to heap"
  // does not settle it either (constants, bools and small values escape without an allocation).
  if (b.verdict !== 'allocates' || !site.where) return undefined;
  const goVersion = formatGoVersion(pass.runtimeVersion ?? NEWEST_RUNTIME);
  const expr = shortText(s.value);
  const mt = mapText(s);
  const { impact, handedTo } = site.where;
  const high = impact.level === 'high';
  const bytes = perStoreBytes(b.bytes);
  const ex = b.exception ? ` (${b.exception})` : '';
  const arr = b.runtimeFunc === 'convTslice' ? escapingArray(s.value, resolver) : undefined;
  const extra = arr ? `; slicing ${arr.name} moves the array to the heap too: one more allocation, ${perStoreBytes(allocCharge(arr.size, arr.hasPointers, goVersion))} B` : '';
  const context = (high ? `; ${impact.evidence[0]}`
    : handedTo ? `; the map is handed to ${handedTo}, whose work costs more than the box` : '') + extra;
  const object = b.hasPointers ? `a ${b.size}-byte object the GC scans` : b.size < 16 ? `${b.size} bytes in a 16-byte block shared by the tiny allocator` : `a ${b.size}-byte pointer-free object`;
  return {
    rule: 'ifacebox', severity: ifacebox.severities[impact.level], ...(high ? { severitySetting: 'loopSeverity' } : {}),
    range: site.valueRange,
    message: `storing ${expr} (${site.typeText}) in a ${mt} value allocates: runtime.${b.runtimeFunc}, ${bytes} B per store on Go ${goVersion}${ex}${context}`,
    fixes: [],
    impact,
    explanation: [
      `**ifacebox**: an interface value is a type word and a pointer-sized data word, and the map's storage is on the heap, ` +
        `so for \`${expr}\` (${site.typeText}) the compiler (cmd/compile/internal/walk/convert.go, dataWord) calls runtime.${b.runtimeFunc} (runtime/iface.go), ` +
        `which copies it to the heap as ${object} — ${bytes} B per store by the allocator model for Go ${goVersion}${b.exception ? `, ${b.exception}` : ''}.`,
      '',
      'Constants, pointer-shaped values (pointers, maps, chans, funcs), zero-size values, bools and one-byte integers are stored without allocating; ' +
        `so is any value in a map whose value type is concrete (\`map[${typeString(s.mapType.key)}]${site.typeText}\`). See docs/rules/ifacebox.md.`,
    ].join('\n'),
    compiler: { range: site.siteRange, onlyIfConfirmed: false, value: { range: site.valueRange, text: s.value.text } },
  };
}

/**
 * The narrowing refactor (analysis/narrow.ts) as the preferred fix of the first finding on each
 * map that allows it; on the others nothing (one edit per map). Where it is not offered, the
 * explanation says which use blocks it.
 */
function addNarrowing(pass: Pass, f: Finding, mapExpr: SyntaxNode, site: StoreSite, resolver: TypeResolver, offered: Set<string>): void {
  const n = narrowingOf(pass, mapExpr, resolver);
  if (!n) return;
  if ('blocked' in n) {
    // The line is the hover's to add (lsp/hover.ts): a kept finding's text would not move with it.
    f.blockedBy = n.at ? { why: n.blocked, at: n.at } : { why: n.blocked };
    return;
  }
  const key = `${n.name}:${n.from}:${JSON.stringify(n.edits[0].range)}`;
  if (offered.has(key)) return;
  offered.add(key);
  const asserts = n.reads.filter((r) => r.kind !== 'boxed').length;
  f.fixes.push({
    title: `Narrow ${n.name} to ${n.to}: every store is ${/^[aeiouAEIOU]/.test(n.valueText) ? 'an' : 'a'} ${n.valueText}, so none boxes (runtime.${site.runtimeFunc}, ${perStoreBytes(site.bytes ?? 0)} B per store)` +
      (asserts ? `; ${asserts} type assertion${asserts === 1 ? '' : 's'} on its reads go${asserts === 1 ? 'es' : ''}` : ''),
    preferred: true,
    effect: 'narrow',
    edits: n.edits,
    narrow: {
      name: n.name, from: n.from, to: n.to, keyLayout: n.keyLayout, valueLayout: n.valueLayout, stores: n.stores,
      runtimeFunc: site.runtimeFunc ?? '', bytesPerStore: site.bytes ?? 0,
      reads: n.reads.map((r) => ({ text: r.text, kind: r.kind })),
      ...(n.scope ? { scope: n.scope } : {}),
    },
  });
}

/** The name a map literal initializes: `m := map[...]{...}`, `var m = map[...]{...}`; else undefined. */
function initializedName(lit: SyntaxNode): SyntaxNode | undefined {
  const v = outerParens(lit);
  const list = v.parent;
  const stmt = list?.parent;
  if (list?.type !== 'expression_list' || !stmt) return undefined;
  const values = codeKids(list);
  const i = values.findIndex((x) => x.startIndex === v.startIndex);
  const names = stmt.type === 'short_var_declaration' ? codeKids(field(stmt, 'left')!) : stmt.type === 'var_spec' ? codeKids(stmt).filter((c) => c.type === 'identifier') : [];
  return names.length === values.length ? names[i] : undefined;
}

export const ifacebox: Rule = {
  name: 'ifacebox',
  doc: 'values stored in a map with an interface value type that the conversion heap-allocates',
  defaultSeverity: 'hint',
  severities: { high: 'warning', medium: 'information', low: 'hint' },
  inTests: false,
  extraSeverities: { loopSeverity: 'warning' },
  run(pass: Pass): Finding[] {
    const out: Finding[] = [];
    const offered = new Set<string>();
    for (const { store, resolver } of stores(pass)) {
      const site = siteOf(pass, store, resolver);
      const f = findingOf(pass, store, site, resolver);
      if (!f) continue;
      // A literal's elements are stores of the variable it initializes (`m := map[string]any{...}`).
      const named = store.mapNode.type === 'composite_literal' ? initializedName(store.mapNode) : store.mapNode;
      if (named) addNarrowing(pass, f, named, site, resolver, offered);
      out.push(f);
    }
    return out;
  },
};
