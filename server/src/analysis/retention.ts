// Whether emptying a long-lived map keeps memory that matters (mapretain; DESIGN.md "Impact").
// Emptying keeps the map's storage sized for the most entries it ever held. That is right for
// reuse — a map refilled to about the same size each cycle — and a leak only when the map once grew
// far past what it later holds, on an owner that lives on. Code cannot say the sizes, but it
// shows which of the two it is meant to be. Measured on real trees (bench/realworld), every
// clearing of this kind was one of these, and none a leak:
//   - a reset of the owner for its next use: Reset/reset/Purge/Clear methods, a doc comment saying
//     the storage is reused, a per-call scratch map refilled right after it is emptied;
//   - a batch: the map's contents consumed (ranged over, handed to a call) and then emptied;
//   - a size cap: emptied when len(M) reaches a bound, or made with a size hint;
//   - end of life: emptied in Close/Stop/Shutdown, after which the owner is dropped (no finding).
// A warning needs the opposite evidence: an owner that lives on, filled elsewhere with keys from
// its input, never shrunk key by key and never bounded.
import type { SyntaxNode } from '../parse/parser';
import type { Impact, ParsedFile } from './types';
import { ancestor, codeKids, contains, exprKey, field, outerParens, unparen, walk } from './syntax/nodes';
import { callsOf, indexAssignments } from './syntax/candidates';
import { enclosingFunction } from './syntax/storage';
import { intValue } from './syntax/subject';
import type { PackageIndex } from './syntax/scope';

/** Where the package touches one map: found once per finding over every file of the package view. */
export interface MapUses {
  /** `M[k] = v` and `M[k] op= v`: the index expressions assigned. */
  stores: SyntaxNode[];
  /** `delete(M, k)` calls outside range-delete loops over M. */
  deletes: SyntaxNode[];
  /** `len(M)` calls. */
  lens: SyntaxNode[];
  /** `make(T, N)` hints N of the maps assigned to M (constructors, literals), when N is a constant. */
  hints: number[];
}

/** The map uses of `isMap` (a test of an expression naming the map) in the package's files. */
export function mapUses(files: readonly ParsedFile[], isMap: (e: SyntaxNode) => boolean, index: PackageIndex, name: string): MapUses {
  const uses: MapUses = { stores: [], deletes: [], lens: [], hints: [] };
  for (const f of files) {
    if (!f.text.includes(name)) continue; // most files never name the map
    const named = namedUses(f).get(name);
    if (!named) continue;
    for (const u of named.stores) if (isMap(u.map)) uses.stores.push(u.use);
    for (const u of named.deletes) if (isMap(u.map)) uses.deletes.push(u.use);
    for (const u of named.lens) if (isMap(u.map)) uses.lens.push(u.use);
    for (const { size, target } of named.makes) {
      const n = intValue(size, index);
      if (n !== undefined && isMap(target)) uses.hints.push(n);
    }
  }
  return uses;
}

/**
 * One file's candidate uses of the map named `name` (the identifier or field its expression ends
 * in), each with its map expression: the same node objects every time, so a test may remember its
 * answer for each (longlived.ts namesTarget).
 */
interface NamedUses {
  stores: { use: SyntaxNode; map: SyntaxNode }[];
  deletes: { use: SyntaxNode; map: SyntaxNode }[];
  lens: { use: SyntaxNode; map: SyntaxNode }[];
  makes: { size: SyntaxNode; target: SyntaxNode }[];
}

// A file's index stores, deletes, lens and sized makes, grouped by the name of the map they touch,
// found once per file: a package with many maps asked for each map's uses walked every file's
// stores once per map, which made code dense with maps quadratic (issue 16).
const namedUsesByFile = new WeakMap<ParsedFile, Map<string, NamedUses>>();

function namedUses(f: ParsedFile): Map<string, NamedUses> {
  let byName = namedUsesByFile.get(f);
  if (byName) return byName;
  byName = new Map();
  const group = (name: string | undefined): NamedUses | undefined => {
    if (name === undefined) return undefined;
    let g = byName!.get(name);
    if (!g) byName!.set(name, (g = { stores: [], deletes: [], lens: [], makes: [] }));
    return g;
  };
  for (const a of indexAssignments(f)) {
    for (const l of codeKids(field(a, 'left')!)) {
      const operand = l.type === 'index_expression' ? field(l, 'operand') : undefined;
      if (operand) group(endName(operand))?.stores.push({ use: l, map: operand });
    }
  }
  for (const call of callsOf(f, 'delete')) {
    const args = codeKids(field(call, 'arguments')!);
    if (args.length === 2 && !inDeleteLoop(call)) group(endName(args[0]))?.deletes.push({ use: call, map: args[0] });
  }
  for (const call of callsOf(f, 'len')) {
    const args = codeKids(field(call, 'arguments')!);
    if (args.length === 1) group(endName(args[0]))?.lens.push({ use: call, map: args[0] });
  }
  for (const call of callsOf(f, 'make')) {
    const args = codeKids(field(call, 'arguments')!);
    const target = args.length === 2 ? assignedTo(call) : undefined;
    if (target) group(endName(target))?.makes.push({ size: args[1], target });
  }
  namedUsesByFile.set(f, byName);
  return byName;
}

/** The name an expression naming a map ends in: `m`, `s.m`, `(m)`; undefined for anything else. */
function endName(e: SyntaxNode): string | undefined {
  const u = unparen(e);
  if (u.type === 'selector_expression') return field(u, 'field')?.text;
  return u.type === 'identifier' || u.type === 'field_identifier' ? u.text : undefined;
}

/** A delete that is the body of `for k := range M { delete(M, k) }` (the clearing itself). */
function inDeleteLoop(call: SyntaxNode): boolean {
  const loop = call.parent?.parent?.parent?.parent;
  if (loop?.type !== 'for_statement') return false;
  const header = codeKids(loop).find((c) => c.type === 'range_clause');
  const over = header && field(header, 'right');
  const args = codeKids(field(call, 'arguments')!);
  return !!over && exprKey(over) === exprKey(args[0]);
}

/** What a `make(...)` initializes: the left side of `x = make`, or the key of `f: make(...)` in a literal. */
function assignedTo(call: SyntaxNode): SyntaxNode | undefined {
  const v = outerParens(call);
  const p = v.parent;
  if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const key = codeKids(p.parent)[0];
    return key && key !== p ? codeKids(key)[0] ?? key : undefined;
  }
  if (p?.type !== 'expression_list') return undefined;
  const stmt = p.parent;
  if (stmt?.type === 'var_spec') {
    const names = codeKids(stmt).filter((c) => c.type === 'identifier');
    return names[codeKids(p).findIndex((r) => r.startIndex === v.startIndex)];
  }
  if (stmt?.type !== 'assignment_statement' && stmt?.type !== 'short_var_declaration') return undefined;
  const right = codeKids(p);
  const left = codeKids(field(stmt, 'left')!);
  return left.length === right.length ? left[right.findIndex((r) => r.startIndex === v.startIndex)] : undefined;
}

/** The clearing being judged and what is known of the map's owner. */
export interface Clearing {
  /** The statement that empties the map (`clear(M)` or the range-delete loop). */
  stmt: SyntaxNode;
  mapExpr: SyntaxNode;
  /** 'package' | 'field' | 'captured' */
  owner: 'package' | 'field' | 'captured';
  /** Why the owner lives on, when the code says so ("held by the package variable srv"); undefined if not seen. */
  ownerLives?: string;
  uses: MapUses;
}

// A method that empties its owner for the next use (reuse by design).
const REUSE_NAMES = /^(re(set|init|start|use|cycle|fresh|load|build|new)|clear|purge|flush|prepare|begin|start|next|rotate|truncate|empty|invalidate|wipe|zero|commit|rollback|abort|discard|finish|done|end|clean|drain|swap|sweep|compact|deleteall|removeall|drop)/i;
// A method after which the owner is dropped: emptying it there frees nothing that dropping it would not.
export const END_OF_LIFE = /^(close|stop|shutdown|shut_down|release|dispose|destroy|teardown|terminate|free|finalize|quit|kill)/i;
const DOC_REUSE = /\bre-?us(e|ed|es|ing)\b|\brecycl|until the next|for the next|next (call|use|cycle|round|frame|batch|block|iteration)/i;
// Constructors fill a map once; a map filled only there does not grow with input.
export const CONSTRUCTOR = /^(new|New|init$|Init$|make|Make|build|Build|load|Load|parse|Parse|setup|Setup)/;

/** The function or method declaration around n, and the comment lines right above it. */
export function declarationOf(n: SyntaxNode): { decl?: SyntaxNode; name?: string; doc: string; method: boolean } {
  const decl = ancestor(n, ['function_declaration', 'method_declaration']);
  if (!decl) return { doc: '', method: false };
  const lines: string[] = [];
  let line = decl.startPosition.row;
  for (let c = decl.previousNamedSibling; c && c.type === 'comment' && c.endPosition.row >= line - 1; c = c.previousNamedSibling) {
    lines.unshift(c.text);
    line = c.startPosition.row;
  }
  return { decl, name: field(decl, 'name')?.text, doc: lines.join('\n'), method: decl.type === 'method_declaration' };
}

const sameMap = (a: SyntaxNode, b: SyntaxNode) => exprKey(a) === exprKey(b);

/** The `if` conditions between n and the function body that enclose it. */
export function guards(n: SyntaxNode, fn: SyntaxNode | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let p = n.parent; p && p !== fn; p = p.parent) {
    if (p.type === 'if_statement') { const c = field(p, 'condition'); if (c && !contains(c, n)) out.push(c); }
    if (fn && p.startIndex === fn.startIndex && p.endIndex === fn.endIndex) break;
  }
  return out;
}

/** Uses of the map in fn before and after the statement: ranged over, handed to a call, stored into. */
function usesAround(c: Clearing, fn: SyntaxNode): { consumedAt?: number; refilledAt?: number } {
  const out: { consumedAt?: number; refilledAt?: number } = {};
  walk(fn, (n) => {
    if (contains(c.stmt, n)) return false;
    if (n.type !== 'identifier' && n.type !== 'selector_expression') return;
    if (!sameMap(n, c.mapExpr)) return;
    const p = n.parent;
    const before = n.endIndex <= c.stmt.startIndex;
    if (before && p?.type === 'range_clause' && field(p, 'right')?.startIndex === n.startIndex) out.consumedAt ??= n.startPosition.row;
    if (before && p?.type === 'argument_list' && p.parent?.type === 'call_expression' && !['len', 'delete', 'clear'].includes(field(p.parent, 'function')?.text ?? '')) out.consumedAt ??= n.startPosition.row;
    if (!before && p?.type === 'index_expression' && field(p, 'operand')?.startIndex === n.startIndex && p.parent?.type === 'expression_list' &&
      p.parent.parent?.type === 'assignment_statement' && field(p.parent.parent, 'left')?.startIndex === p.parent.startIndex) out.refilledAt ??= n.startPosition.row;
    return false;
  });
  return out;
}

/**
 * The impact of one clearing, or undefined when it deserves no finding (end of life). Low for
 * reuse and for what the code does not settle; high only for a leak's evidence.
 */
export function clearingImpact(c: Clearing): Impact | undefined {
  const m = exprKey(c.mapExpr);
  const { name, doc, method } = declarationOf(c.stmt);
  const fn = enclosingFunction(c.stmt);
  // Reset-style and Close-style are methods of the owner: a package function named Reset empties
  // shared state, which says nothing of the owner's next use.
  if (method && name && END_OF_LIFE.test(name)) return undefined;
  const reuse: string[] = [];
  if (method && name && REUSE_NAMES.test(name)) reuse.push(`emptied in the method ${name}(), which readies its owner for the next use`);
  if (DOC_REUSE.test(doc)) reuse.push(`the doc comment of ${name ?? 'its function'} says the storage is reused`);
  const guard = guards(c.stmt, fn).find((g) => c.uses.lens.some((l) => contains(g, l)));
  if (guard) reuse.push(`emptied when ${guard.text.replace(/\s+/g, ' ')}: the storage kept is bounded by that size`);
  if (fn) {
    const around = usesAround(c, fn);
    if (around.refilledAt !== undefined) reuse.push('refilled right after: emptied to be reused');
    if (around.consumedAt !== undefined) reuse.push('emptied after its contents are used: a batch, reused each cycle');
  }
  const bound = c.uses.lens.find((l) => (!guard || !contains(guard, l)) && isComparison(l.parent));
  if (bound) reuse.push(`its size is checked (${bound.parent!.text.replace(/\s+/g, ' ')})`);
  if (c.uses.hints.length) reuse.push(`made with a size hint (${c.uses.hints[0].toLocaleString('en-US')}): its storage is sized for that from the start`);
  if (reuse.length) return { level: 'low', evidence: reuse };

  // A leak: an owner that lives on, filled elsewhere from input, never shrunk key by key.
  const fills = c.uses.stores.filter((s) => {
    const d = declarationOf(s);
    const key = field(s, 'index');
    return !(fn && contains(fn, s)) && !(d.name && CONSTRUCTOR.test(d.name)) && !(key && isLiteral(key));
  });
  if (c.ownerLives && fills.length && !c.uses.deletes.length) {
    const where = declarationOf(fills[0]).name;
    return {
      level: 'high',
      evidence: [
        c.ownerLives,
        `filled${where ? ` in ${where}()` : ''} with keys from its input, and nothing bounds its size`,
        `only ever emptied whole: no delete(${m}, k) shrinks it`,
      ],
    };
  }
  const evidence = ['the code does not say how large it grows: whether emptying keeps memory that matters depends on its peak against its steady size'];
  if (c.uses.deletes.length) evidence.push(`it is also shrunk key by key (${c.uses.deletes[0].text.replace(/\s+/g, ' ')})`);
  return { level: 'low', evidence };
}

export function isComparison(n: SyntaxNode | null): boolean {
  return !!n && n.type === 'binary_expression' && ['<', '<=', '>', '>=', '=='].includes(field(n, 'operator')?.text ?? '');
}

export function isLiteral(n: SyntaxNode): boolean {
  const u = unparen(n);
  return /literal$/.test(u.type) && u.type !== 'composite_literal' && u.type !== 'func_literal';
}
