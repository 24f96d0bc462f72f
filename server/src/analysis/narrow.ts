// ifacebox's refactor: a `map[K]any` whose stores all store one concrete type T becomes `map[K]T`,
// which removes the box of every store and shrinks each slot (an interface value is two words).
// Offered only when the file shows every use of the map and each is one that means the same after
// the change (docs/rules/ifacebox.md "Narrowing"):
//   - the map: a local declared with its value, an unexported package variable, or an unexported
//     field of a struct type of this file, every use of it in this file;
//   - stores `m[k] = v` (and literal elements) of one type T, or untyped constants of T's kind;
//   - reads `m[k].(T)` and `v, ok := m[k].(T)` (the assertion goes), `len`, `delete`, `clear`,
//     `for k := range m`, `m == nil`, and `m[k]` handed to a fmt print, Errorf or json.Marshal (kept: it boxes once
//     per read, so not when it runs in a loop deeper than every store);
//   - the whole map handed to json.Marshal, MarshalIndent, json.NewEncoder(w).Encode or a plain fmt
//     print, whose bytes are the same after the change (sameOutput; test/narrow-output.test.ts).
// Anything else blocks it, and the hover says which use and where.
import type { SyntaxNode } from '../parse/parser';
import type { Pass, Range, TextEdit } from './types';
import { codeKids, contains, field, hasToken, nodeRange, outerParens as outer, shortText as short, unparen, walk } from './syntax/nodes';
import { isLiteral } from './syntax/constant';
import { emptyInterfaceValue as emptyIfaceValue, madeMapType } from './syntax/anymap';
import { derefUnderlying, underlying, type GoType } from './syntax/gotypes';
import type { TypeResolver } from './syntax/resolve';
import { typeString } from './syntax/boxing';
import { enclosingFunction, sameDecl } from './syntax/storage';
import { declsOf, type Decl } from './syntax/scope';
import { layoutText } from './syntax/typetext';

/** What a read of the map becomes. */
export interface NarrowRead {
  range: Range;
  /** The read as written (`m["k"].(string)`), for the preview. */
  text: string;
  /** assert: `m[k].(T)` -> `m[k]`; commaok: `v, ok := m[k].(T)` -> `v, ok := m[k]`; boxed: kept, boxes once per read. */
  kind: 'assert' | 'commaok' | 'boxed' | 'typeswitch';
}

export interface Narrowing {
  name: string;
  /** The map type before and after, as written (`map[string]any` -> `map[string]string`). */
  from: string;
  to: string;
  /** T as Go spells it, and for the simulation (this package's named types expanded). */
  valueText: string;
  keyLayout?: string;
  valueLayout?: string;
  stores: number;
  reads: NarrowRead[];
  edits: TextEdit[];
  /** A package variable's or a field's: the whole file, every use of which it read. */
  scope?: Range;
}

/** Why not, and the use that blocks it (its range: the hover says its line). */
export interface Blocked { blocked: string; at?: Range }

/** Narrowing per map (its declaration node), once per analysis of a file. */
const byPass = new WeakMap<Pass, Map<string, Narrowing | Blocked | undefined>>();

/**
 * The narrowing of the map `mapExpr` (a store's map operand) names, or why it is not offered;
 * undefined when the map is no candidate at all (not an empty-interface value type, a parameter).
 */
export function narrowingOf(pass: Pass, mapExpr: SyntaxNode, resolver: TypeResolver): Narrowing | Blocked | undefined {
  const target = targetOf(unparen(mapExpr), resolver);
  if (!target || 'blocked' in target) return target;
  // Typing in one function re-parses only it (lsp/incremental.ts): a local's uses are all in it, a
  // package variable's or a field's are not, so those wait for the whole parse after the pause.
  if (pass.indexed !== pass.file && (target.kind === 'field' || target.decl.binding === 'package')) return undefined;
  let memo = byPass.get(pass);
  if (!memo) byPass.set(pass, (memo = new Map()));
  const key = `${target.kind}:${target.declNode.startIndex}`;
  if (!memo.has(key)) memo.set(key, narrow(pass, target, resolver));
  return memo.get(key);
}

type Target =
  | { kind: 'var'; decl: Decl; declNode: SyntaxNode; scope: SyntaxNode; name: string }
  | { kind: 'field'; owner: GoType; declNode: SyntaxNode; typeNode: SyntaxNode; name: string };

const blocked = (why: string, n?: SyntaxNode): Blocked => (n ? { blocked: why, at: nodeRange(n) } : { blocked: why });

function targetOf(e: SyntaxNode, resolver: TypeResolver): Target | Blocked | undefined {
  const index = resolver.index;
  if (e.type === 'identifier') {
    // A declaring name (a literal's variable) is in scope only after its statement: read it there.
    const d = index.lookup(e.text, e) ?? declaredAt(e);
    if (!d || d.kind !== 'var') return undefined;
    if (d.binding === 'parameter') return blocked(`${d.name} is a parameter: the caller's map, of the caller's type`);
    if (d.binding === 'package') {
      if (/^[A-Z]/.test(d.name)) return blocked(`${d.name} is exported: other packages may use it as a map[K]any`);
      return { kind: 'var', decl: d, declNode: d.nameNode, scope: d.nameNode.tree.rootNode, name: d.name };
    }
    const fn = enclosingFunction(d.nameNode);
    return fn ? { kind: 'var', decl: d, declNode: d.nameNode, scope: fn, name: d.name } : undefined;
  }
  if (e.type !== 'selector_expression') return undefined;
  const name = field(e, 'field')?.text;
  const operand = field(e, 'operand');
  if (!name || !operand) return undefined;
  const found = resolver.lookupField(resolver.typeOfExpr(operand).type, name);
  const fd = found?.field;
  if (!found || !fd?.typeNode) return undefined;
  if (/^[A-Z]/.test(name)) return blocked(`the field ${name} is exported: other packages may use it as a map[K]any`);
  return { kind: 'field', owner: found.owner, declNode: fd.typeNode, typeNode: fd.typeNode, name };
}

/** The declaration whose name is `name` (`m := ...`, `var m = ...`), when it is one. */
function declaredAt(name: SyntaxNode): Decl | undefined {
  const list = name.parent;
  let stmt = list?.type === 'expression_list' ? list.parent : list;
  if (stmt?.type === 'var_spec') stmt = stmt.parent?.type === 'var_spec_list' ? stmt.parent.parent : stmt.parent;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'var_declaration')) return undefined;
  return declsOf(stmt, enclosingFunction(stmt) ? 'local' : 'package').find((d) => d.nameNode.startIndex === name.startIndex);
}

/** Stores and the value types to replace, and the edits of the reads, collected over the uses. */
interface Collected {
  values: SyntaxNode[];
  /** Value type nodes to replace with T. */
  typeNodes: SyntaxNode[];
  asserts: { assertion: SyntaxNode; index: SyntaxNode; type: SyntaxNode; commaok: boolean }[];
  /** Type switches on m[k] reduced to their T case (the key ranges over m): the switch and its edit. */
  switches: { stmt: SyntaxNode; caseType: SyntaxNode; edit: TextEdit }[];
  boxed: SyntaxNode[];
  storeDepths: number[];
}

function narrow(pass: Pass, target: Target, resolver: TypeResolver): Narrowing | Blocked | undefined {
  const c: Collected = { values: [], typeNodes: [], asserts: [], switches: [], boxed: [], storeDepths: [] };
  let mapTypeNode: SyntaxNode | undefined;
  // The declaration: its spelled type and its initial value.
  if (target.kind === 'var') {
    const d = target.decl;
    if (d.typeNode) {
      if (!emptyIfaceValue(d.typeNode)) return d.typeNode.type === 'map_type' ? undefined : blocked(`${d.name}'s type is named (${d.typeNode.text}): narrowing it changes every map of that type`);
      mapTypeNode = d.typeNode;
      c.typeNodes.push(emptyIfaceValue(d.typeNode)!);
    }
    if (!d.valueNode) return d.typeNode ? blocked(`${d.name} is declared without a value: the map assigned to it later is not seen here`, d.nameNode) : undefined;
    const made = madeMapType(d.valueNode);
    if (!made) return blocked(`${d.name} is initialized with ${short(d.valueNode)}, not a make or a map literal`, d.valueNode);
    if (!emptyIfaceValue(made)) return undefined;
    mapTypeNode ??= made;
    c.typeNodes.push(emptyIfaceValue(made)!);
    literalValues(d.valueNode, c);
  } else {
    if (!emptyIfaceValue(target.typeNode)) return undefined;
    if (!contains(pass.file.tree.rootNode, target.typeNode)) return blocked(`the struct declaring ${target.name} is in another file`);
    mapTypeNode = target.typeNode;
    c.typeNodes.push(emptyIfaceValue(target.typeNode)!);
  }

  // Every use: none in another file of the package.
  for (const f of pass.packageFiles) {
    if (f.path === pass.file.path || !f.text.includes(target.name)) continue;
    const other = usesIn(f.tree.rootNode, target, resolver);
    // Named by file and line in the text: a range would be taken for one of this file.
    if (other.length) return blocked(`${target.name} is also used in ${f.path.split(/[\\/]/).pop()}:${other[0].startPosition.row + 1}`);
  }
  const scope = target.kind === 'var' ? target.scope : pass.file.tree.rootNode;
  for (const u of usesIn(scope, target, resolver)) {
    const why = classify(u, target, resolver, c, pass.file.text);
    if (why) return why;
  }
  if (!c.values.length) return undefined;

  // One concrete type T over the stores (untyped constants take it).
  let t: GoType | undefined;
  const constants: SyntaxNode[] = [];
  for (const v of c.values) {
    if (unparen(v).type === 'nil') return blocked('a store of nil: the narrowed map has no nil value of that type', v);
    if (isLiteral(v)) { constants.push(v); continue; }
    const vt = resolver.typeOfExpr(v).type;
    if (!t) t = vt;
    else if (typeString(vt) !== typeString(t)) return blocked(`stores of two types, ${typeString(t)} and ${typeString(vt)}`, v);
  }
  if (!t) return undefined; // constants only: nothing boxes
  const tText = spellable(t);
  if (!tText) return blocked(`${typeString(t)} cannot be spelled here (an unknown type, an interface, or another package's type)`);
  for (const k of constants) if (!constantFits(k, t)) return blocked(`the constant ${short(k)} is not a ${tText}`, k);
  for (const a of c.asserts) if (a.type.text.replace(/\s+/g, '') !== tText.replace(/\s+/g, '')) return blocked(`a read asserts ${a.type.text}, not ${tText}`, a.assertion);
  for (const w of c.switches) {
    if (w.caseType.text.replace(/\s+/g, '') !== tText.replace(/\s+/g, '')) return blocked(`a type switch on ${name(w.stmt)} has no case ${tText} alone`, w.stmt);
    // Its replacement copies its case's text: another edit inside would be lost.
    const inner = [...c.asserts.map((x) => x.assertion), ...c.typeNodes, ...c.switches.filter((o) => o !== w).map((o) => o.stmt)].find((n) => contains(w.stmt, n));
    if (inner) return blocked(`a type switch on ${name(w.stmt)} holds another use that changes`, inner);
  }
  const deepest = Math.max(...c.storeDepths);
  for (const b of c.boxed) if (loopDepth(b) > deepest) return blocked(`m[k] is printed in a loop that runs more often than the stores: each read would box`, b);

  const edits: TextEdit[] = [
    ...c.typeNodes.map((n) => ({ range: nodeRange(n), newText: tText })),
    ...c.asserts.map((a) => ({ range: { start: nodeRange(a.index).end, end: nodeRange(a.assertion).end }, newText: '' })),
    ...c.switches.map((w) => w.edit),
  ];
  const from = mapTypeNode!.text.replace(/\s+/g, ' ');
  const keyNode = field(mapTypeNode!, 'key');
  const mt = resolver.typeOf(mapTypeNode!);
  const u = underlying(mt);
  return {
    name: target.name, from, to: `map[${keyNode?.text ?? '?'}]${tText}`, valueText: tText,
    keyLayout: u.kind === 'map' ? layoutText(u.key) : undefined, valueLayout: layoutText(t),
    stores: c.values.length,
    reads: [...c.asserts.map((a) => ({ range: nodeRange(a.assertion), text: oneLine(a.assertion), kind: a.commaok ? 'commaok' as const : 'assert' as const })),
      ...c.switches.map((w) => ({ range: nodeRange(w.stmt), text: switchHead(w.stmt), kind: 'typeswitch' as const })),
      ...c.boxed.map((b) => ({ range: nodeRange(b), text: oneLine(b), kind: 'boxed' as const }))]
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
    edits: dedupe(edits),
    ...(target.kind === 'field' || target.decl.binding === 'package' ? { scope: nodeRange(pass.file.tree.rootNode) } : {}),
  };
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const k = JSON.stringify(e.range);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function oneLine(n: SyntaxNode): string {
  return n.text.replace(/\s+/g, ' ');
}

/** The element values of a map literal (stores at creation). */
function literalValues(value: SyntaxNode, c: Collected): void {
  const v = unparen(value);
  if (v.type !== 'composite_literal') return;
  const body = field(v, 'body');
  for (const el of body ? codeKids(body) : []) {
    if (el.type !== 'keyed_element') continue;
    const val = field(el, 'value');
    const inner = val && (val.type === 'literal_element' ? codeKids(val)[0] : val);
    if (inner) { c.values.push(inner); c.storeDepths.push(loopDepth(inner)); }
  }
}

/** The nodes naming the target in `root`: identifiers resolving to the variable, or selectors of the field. */
function usesIn(root: SyntaxNode, target: Target, resolver: TypeResolver): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  walk(root, (n) => {
    if (target.kind === 'var') {
      if (n.type === 'identifier' && n.text === target.name && n.startIndex !== target.declNode.startIndex && sameDecl(resolver.index.lookup(n.text, n), target.decl)) out.push(n);
    } else if (n.type === 'selector_expression' && field(n, 'field')?.text === target.name) {
      const operand = field(n, 'operand');
      const found = operand && resolver.lookupField(resolver.typeOfExpr(operand).type, target.name);
      if (!found || found.owner === target.owner) out.push(n);
    } else if (n.type === 'keyed_element') {
      // `S{attrs: make(...)}`: the field initialized in a literal of its struct (a literal whose
      // type is elided may be one: it counts, the safe side).
      const key = codeKids(n)[0];
      const k = key && (key.type === 'literal_element' ? codeKids(key)[0] : key);
      if (!k || (k.type !== 'field_identifier' && k.type !== 'identifier') || k.text !== target.name) return;
      const lit = n.parent?.type === 'literal_value' ? n.parent.parent : undefined;
      const type = lit?.type === 'composite_literal' ? field(lit, 'type') : undefined;
      if (!type || derefUnderlying(resolver.typeOf(type)) === target.owner) out.push(k);
    }
  });
  return out;
}

/** Loops around a node inside its function (a func literal starts again at 0). */
function loopDepth(n: SyntaxNode): number {
  let d = 0;
  for (let p = n.parent; p && p.type !== 'function_declaration' && p.type !== 'method_declaration' && p.type !== 'func_literal'; p = p.parent) {
    if (p.type === 'for_statement') d++;
  }
  return d;
}

const same = (a: SyntaxNode | undefined | null, b: SyntaxNode) => !!a && a.startIndex === b.startIndex && a.endIndex === b.endIndex;

const FMT_READS = /^(Print|Println|Printf|Sprint|Sprintln|Sprintf|Fprint|Fprintln|Fprintf|Errorf)$/;

/** Why a use blocks the narrowing, or undefined after recording what it needs (c). */
function classify(use: SyntaxNode, target: Target, resolver: TypeResolver, c: Collected, source: string): Blocked | undefined {
  const name = target.name;
  // A field initialized in a composite literal: `attrs: make(map[string]any)`.
  if (use.type === 'field_identifier' || (target.kind === 'field' && use.type === 'identifier')) {
    const el = use.parent?.type === 'literal_element' ? use.parent.parent : use.parent;
    const val = el?.type === 'keyed_element' ? field(el, 'value') : undefined;
    const inner = val && (val.type === 'literal_element' ? codeKids(val)[0] : val);
    const made = inner && madeMapType(inner);
    if (!made || !emptyIfaceValue(made)) return blocked(`${name} is initialized with ${inner ? short(inner) : 'something'} here`, use);
    c.typeNodes.push(emptyIfaceValue(made)!);
    literalValues(inner!, c);
    return undefined;
  }
  const e = outer(use);
  const p = e.parent;
  if (!p) return blocked(`a use of ${name}`, use);
  // m[k]: a store, an assertion, or a read handed to fmt.
  if (p.type === 'index_expression' && same(field(p, 'operand'), e)) {
    const ix = outer(p);
    const q = ix.parent;
    if (q?.type === 'expression_list' && q.parent?.type === 'assignment_statement' && same(field(q.parent, 'left'), q)) {
      const a = q.parent;
      if (!hasToken(a, '=')) return blocked(`${short(a)} updates ${name}[k] in place`, a);
      const ls = codeKids(q);
      const rs = codeKids(field(a, 'right')!);
      if (ls.length !== rs.length) return blocked(`${short(a)} stores a call's results`, a);
      const v = rs[ls.findIndex((l) => same(l, ix))];
      c.values.push(v);
      c.storeDepths.push(loopDepth(a));
      return undefined;
    }
    if (q?.type === 'type_assertion_expression' && same(field(q, 'operand'), ix)) {
      const type = field(q, 'type');
      if (!type) return blocked(`a type assertion on ${name}[k]`, q);
      const ta = outer(q);
      const list = ta.parent;
      const stmt = list?.parent;
      const commaok = list?.type === 'expression_list' && (stmt?.type === 'short_var_declaration' || stmt?.type === 'assignment_statement') &&
        same(field(stmt, 'right'), list) && codeKids(list).length === 1 && codeKids(field(stmt, 'left')!).length === 2;
      c.asserts.push({ assertion: q, index: ix, type, commaok });
      return undefined;
    }
    if (q?.type === 'argument_list' && q.parent?.type === 'call_expression') {
      const fn = field(q.parent, 'function');
      const pkg = fn?.type === 'selector_expression' ? importOf(field(fn, 'operand'), resolver) : undefined;
      const fname = fn?.type === 'selector_expression' ? field(fn, 'field')?.text ?? '' : '';
      if ((pkg === 'fmt' && FMT_READS.test(fname)) || (pkg === 'encoding/json' && JSON_ENCODE.test(fname))) { c.boxed.push(ix); return undefined; }
      return blocked(`${short(ix)} is passed to ${fn ? short(fn) : 'a call'} as an interface value`, ix);
    }
    if (q?.type === 'type_switch_statement' && same(field(q, 'value'), ix)) {
      const w = reducedSwitch(q, ix, target, resolver, source);
      if ('blocked' in w) return w;
      c.switches.push(w);
      return undefined;
    }
    if (q?.type === 'type_switch_statement' || q?.parent?.type === 'type_switch_statement') return blocked(`a type switch on ${short(ix)}`, ix);
    return blocked(`${short(ix)} is read as an interface value (${short(q ?? ix)})`, ix);
  }
  // len(m), delete(m, k), clear(m); the whole map encoded or printed where the bytes do not change.
  if (p.type === 'argument_list' && p.parent?.type === 'call_expression') {
    const fn = field(p.parent, 'function')?.text;
    if (same(codeKids(p)[0], e) && (fn === 'len' || fn === 'delete' || fn === 'clear') && resolver.index.lookup(fn, p.parent) === undefined) return undefined;
    if (sameOutput(p.parent, e, resolver)) return undefined;
    return blocked(`${name} is passed to ${fn ?? 'a call'} as a ${'map[K]any'}`, e);
  }
  // for k := range m, for range m.
  if (p.type === 'range_clause' && same(field(p, 'right'), e)) {
    const left = field(p, 'left');
    const vars = left ? codeKids(left) : [];
    if (vars.length <= 1 || vars[1].text === '_') return undefined;
    return blocked(`the range over ${name} reads each value as an interface value (${vars[1].text})`, e);
  }
  // m == nil, m != nil.
  if (p.type === 'binary_expression' && /^(==|!=)$/.test(field(p, 'operator')?.text ?? '')) {
    const other = codeKids(p).find((k) => !same(k, e));
    if (other && unparen(other).type === 'nil') return undefined;
  }
  // x.attrs = make(...): a field (re)initialized.
  if (target.kind === 'field' && p.type === 'expression_list' && p.parent?.type === 'assignment_statement' && same(field(p.parent, 'left'), p) && hasToken(p.parent, '=')) {
    const ls = codeKids(p);
    const rs = codeKids(field(p.parent, 'right')!);
    const v = ls.length === rs.length ? rs[ls.findIndex((l) => same(l, e))] : undefined;
    const made = v && madeMapType(v);
    if (made && emptyIfaceValue(made)) {
      c.typeNodes.push(emptyIfaceValue(made)!);
      literalValues(v!, c);
      return undefined;
    }
  }
  const what = p.type === 'return_statement' || p.parent?.type === 'return_statement' ? 'returned'
    : p.type === 'unary_expression' ? 'taken by address'
    : p.type === 'argument_list' ? 'passed to a call'
    : p.type === 'expression_list' ? 'assigned or passed on'
    : p.type === 'literal_element' || p.type === 'keyed_element' ? 'put into a composite literal'
    : p.type === 'selector_expression' ? 'used through a method or field'
    : `used as a whole (${short(p)})`;
  return blocked(`${name} is ${what}: that use keeps its type map[K]any`, e);
}

// Calls whose output is the same bytes for a map[K]any holding only T values and for a map[K]T:
// encoding/json encodes an interface by its dynamic value, and fmt's %v (Print, Println, Sprint,
// Sprintln, Fprint, Fprintln) prints the value inside the interface; maps sorted by key either way
// (test/narrow-output.test.ts runs both). Printf-style calls are not: %T and %#v spell the type.
const JSON_ENCODE = /^(Marshal|MarshalIndent)$/;
const FMT_PLAIN = /^(Print|Println|Sprint|Sprintln|Fprint|Fprintln)$/;

/** Whether `call` writes the map `arg` the same after narrowing (json.Marshal(m), json.NewEncoder(w).Encode(m), fmt.Println(m)). */
function sameOutput(call: SyntaxNode, arg: SyntaxNode, resolver: TypeResolver): boolean {
  const fn = field(call, 'function');
  if (fn?.type !== 'selector_expression') return false;
  const name = field(fn, 'field')?.text ?? '';
  const operand = field(fn, 'operand');
  const args = codeKids(field(call, 'arguments')!);
  const pkg = importOf(operand, resolver);
  if (pkg === 'encoding/json') return JSON_ENCODE.test(name) && same(args[0], arg);
  if (pkg === 'fmt') return FMT_PLAIN.test(name) && !hasSpread(call);
  // json.NewEncoder(w).Encode(m)
  if (name === 'Encode' && operand?.type === 'call_expression') {
    const inner = field(operand, 'function');
    return inner?.type === 'selector_expression' && field(inner, 'field')?.text === 'NewEncoder' && importOf(field(inner, 'operand'), resolver) === 'encoding/json' && same(args[0], arg);
  }
  return false;
}

/** The import path a package name stands for (`json` -> "encoding/json"), else undefined. */
function importOf(n: SyntaxNode | undefined, resolver: TypeResolver): string | undefined {
  const d = n?.type === 'identifier' ? resolver.index.lookup(n.text, n) : undefined;
  return d?.kind === 'import' ? d.importPath : undefined;
}

function hasSpread(call: SyntaxNode): boolean {
  const args = field(call, 'arguments');
  return !!args && hasToken(args, '...');
}

const name = (stmt: SyntaxNode) => short(field(stmt, 'value') ?? stmt);

/** `switch v := m[k].(type)`, for the preview. */
function switchHead(stmt: SyntaxNode): string {
  const alias = field(stmt, 'alias');
  return `switch ${alias ? `${alias.text} := ` : ''}${oneLine(field(stmt, 'value')!)}.(type)`;
}

/**
 * A type switch on m[k] reduced to its one `case T:` clause, which is then the only live one: the
 * key is the variable of an enclosing `for k := range m` whose body neither deletes from nor
 * clears m nor assigns k, so the entry is there, and every value is a T (a `default:` is dead).
 * Anywhere else a missing key takes the no-match path, which the reduction would change.
 */
function reducedSwitch(stmt: SyntaxNode, ix: SyntaxNode, target: Target, resolver: TypeResolver, source: string): { stmt: SyntaxNode; caseType: SyntaxNode; edit: TextEdit } | Blocked {
  const why = `a type switch on ${short(ix)}: where its key may be missing, the path where no case matches is live too`;
  const key = unparen(field(ix, 'index') ?? ix);
  const kd = key.type === 'identifier' ? resolver.index.lookup(key.text, key) : undefined;
  const over = kd?.rangeOver?.index === 0 ? kd.rangeOver.node : undefined;
  const forStmt = over?.parent?.type === 'range_clause' ? over.parent.parent : undefined;
  if (!kd || !over || forStmt?.type !== 'for_statement' || !contains(forStmt, stmt) || !namesTargetMap(over, target, resolver)) return blocked(why, stmt);
  let touched = false;
  walk(field(forStmt, 'body') ?? forStmt, (n) => {
    if (n.type === 'call_expression' && /^(delete|clear)$/.test(field(n, 'function')?.text ?? '')) touched = true;
    if ((n.type === 'assignment_statement' || n.type === 'inc_statement' || n.type === 'dec_statement') && n.text.includes(key.text)) {
      const left = field(n, 'left') ?? codeKids(n)[0];
      if (left && codeKids(left).concat(left).some((l) => l.type === 'identifier' && l.text === key.text)) touched = true;
    }
  });
  if (touched) return blocked(`${why} (the loop deletes from the map, clears it or assigns its key)`, stmt);
  const clauses = codeKids(stmt).filter((k) => k.type === 'type_case' || k.type === 'default_case');
  const cases = clauses.filter((k) => k.type === 'type_case');
  const types = cases.length === 1 ? codeKids(cases[0]).filter((k) => k.type !== 'statement_list' && k.type !== 'comment') : [];
  if (cases.length !== 1 || types.length !== 1 || clauses.length > 2) return blocked(`a type switch on ${short(ix)} with cases besides one case T`, stmt);
  const body = codeKids(cases[0]).find((k) => k.type === 'statement_list');
  let colon: SyntaxNode | undefined;
  for (let i = 0; i < cases[0].childCount; i++) { const ch = cases[0].child(i); if (ch && !ch.isNamed && ch.type === ':') colon = ch; }
  if (!body || !colon) return blocked(`a type switch on ${short(ix)} whose T case is empty`, stmt);
  // The case's text after its colon, comments included, each line at its indentation (one deeper
  // than the switch, as a block's statements are).
  const caseText = source.slice(colon.endIndex, cases[0].endIndex).replace(/^[ \t]*\r?\n/, '').trimEnd();
  const alias = field(stmt, 'alias');
  const v = alias ? codeKids(alias)[0]?.text : undefined;
  let used = false;
  if (v && v !== '_') walk(body, (n) => { if (n.type === 'identifier' && n.text === v) used = true; });
  const indent = /^[\t ]*/.exec(source.slice(source.lastIndexOf('\n', stmt.startIndex) + 1, stmt.startIndex))![0];
  const head = used ? `${indent}\t${v} := ${ix.text}\n` : '';
  return { stmt, caseType: types[0], edit: { range: nodeRange(stmt), newText: `{\n${head}${caseText}\n${indent}}` } };
}

/** Whether `e` (a range's operand) names the target map. */
function namesTargetMap(e: SyntaxNode, target: Target, resolver: TypeResolver): boolean {
  const u = unparen(e);
  if (target.kind === 'var') return u.type === 'identifier' && u.text === target.name && sameDecl(resolver.index.lookup(u.text, u), target.decl);
  if (u.type !== 'selector_expression' || field(u, 'field')?.text !== target.name) return false;
  const operand = field(u, 'operand');
  return !!operand && resolver.lookupField(resolver.typeOfExpr(operand).type, target.name)?.owner === target.owner;
}

function constantFits(k: SyntaxNode, t: GoType): boolean {
  const u = underlying(t);
  if (u.kind !== 'basic') return false;
  const n = u.name;
  const lit = unparen(k).type;
  if (lit === 'interpreted_string_literal' || lit === 'raw_string_literal') return n === 'string';
  if (lit === 'true' || lit === 'false') return n === 'bool';
  if (lit === 'int_literal' || lit === 'rune_literal') return /^(u?int\d*|uintptr|float\d+|complex\d+)$/.test(n);
  if (lit === 'float_literal') return /^(float\d+|complex\d+)$/.test(n);
  return lit === 'imaginary_literal' && /^complex/.test(n);
}

/** T as this file can spell it: a basic type, a slice of one, or a non-interface type of this package. */
function spellable(t: GoType): string | undefined {
  switch (t.kind) {
    case 'basic': return t.name === 'unsafe.Pointer' ? undefined : t.name === 'uint8' ? 'byte' : t.name;
    case 'slice': { const e = spellable(t.elem); return e && `[]${e}`; }
    case 'named': return t.pkg === '' && t.name !== 'error' && underlying(t).kind !== 'interface' && underlying(t).kind !== 'unknown' ? t.name : undefined;
    default: return undefined;
  }
}
