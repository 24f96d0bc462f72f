// Where a map variable lives, which decides what reassigning it can release: a package-level
// variable or a struct field outlives the code that filled it; a local dies with its function
// (the GC does not keep a dead local alive); a parameter belongs to the caller. A local captured
// by a closure lives as long as the closure, which may outlive its function (capturedLocal).
import type { SyntaxNode } from '../../parse/parser';
import { declsOf, type Decl, type PackageIndex } from './scope';
import type { TypeResolver } from './resolve';
import { ancestor, chainParts, codeKids, exprKey, field, outerParens, sameNode, treeId, unparen } from './nodes';
import { underlying } from './gotypes';

export type Storage = 'local' | 'parameter' | 'package' | 'field' | 'unknown';

/** The storage class of an identifier or selector chain (`m`, `s.cache`, `(a.b.c)`, `pkg.Var`). */
export function storageOf(expr: SyntaxNode, index: PackageIndex): Storage {
  const e = unparen(expr);
  const parts = chainParts(e);
  const root = parts[0];
  if (root.type !== 'identifier') return 'unknown';
  const d = index.lookup(root.text, root);
  if (parts.length > 1) return d?.kind === 'import' ? 'package' : 'field';
  if (!d || d.kind !== 'var') return 'unknown';
  switch (d.binding) {
    case 'local': return 'local';
    case 'package': return 'package';
    // A named result flows to the caller like a parameter does.
    case 'parameter': case 'receiver': case 'result': return 'parameter';
  }
}

/**
 * Whether assigning to `expr` changes storage that others see: a package-level variable, or a
 * field reached through a pointer (or a package-level struct). Assigning a field of a struct
 * value that is a local or parameter copy (`func (s T) f() { s.m = ... }`) changes only the copy.
 * Unknown types answer false: callers use this to decide whether a reassignment fix is worth it.
 */
export function assignmentIsShared(expr: SyntaxNode, resolver: TypeResolver): boolean {
  const e = unparen(expr);
  const parts = chainParts(e);
  const root = parts[0];
  if (root.type !== 'identifier') return false;
  const d = resolver.index.lookup(root.text, root);
  if (d?.kind === 'import' || (d?.kind === 'var' && d.binding === 'package')) return true;
  // Any pointer among the operands of the chain (the root included) makes the rest shared.
  for (let cur = e; cur.type === 'selector_expression';) {
    const operand = field(cur, 'operand');
    if (!operand) return false;
    if (underlying(resolver.typeOfExpr(operand).type).kind === 'pointer') return true;
    cur = unparen(operand);
  }
  return false;
}

const FUNCTIONS = ['function_declaration', 'method_declaration', 'func_literal'] as const;

/** The function (declaration, method or literal) whose body holds n. */
export function enclosingFunction(n: SyntaxNode): SyntaxNode | undefined {
  return n.parent ? ancestor(n.parent, FUNCTIONS) : undefined;
}

export function sameDecl(a: Decl | undefined, b: Decl): boolean {
  return a !== undefined && sameNode(a.nameNode, b.nameNode);
}

/**
 * A local map variable that a func literal captures, and how that literal certainly outlives the
 * function that declares the variable: `use` (the map named inside the literal) resolves to a
 * local declared outside it, in `fn`, and the outermost literal below fn is returned or stored in
 * shared storage. Undefined when the use is not in a closure or the closure may die with fn.
 */
export interface CapturedLocal {
  decl: Decl;
  /** The function that declares the variable. */
  fn: SyntaxNode;
  /** 'returned from New', 'stored in handlers.reset' */
  escape: string;
}

/**
 * A local variable a closure could keep: declared with a value. Declared without one
 * (`var m map[K]V`) it is nil until assigned, and that assignment is a release.
 */
function capturable(decl: Decl): boolean {
  return decl.kind === 'var' && decl.binding === 'local' && !!(decl.valueNode || decl.tupleValue || decl.rangeOver);
}

export function capturedLocal(use: SyntaxNode, resolver: TypeResolver): CapturedLocal | undefined {
  const u = unparen(use);
  if (u.type !== 'identifier') return undefined;
  const decl = resolver.index.lookup(u.text, u);
  if (!decl || !capturable(decl)) return undefined;
  const fn = enclosingFunction(decl.nameNode);
  if (!fn) return undefined;
  let lit: SyntaxNode | undefined;
  for (let f = enclosingFunction(u); f && !sameNode(f, fn); f = enclosingFunction(f)) lit = f;
  if (!lit || lit.type !== 'func_literal') return undefined; // used in its own function: a plain local
  const escape = closureEscape(lit, fn, resolver);
  return escape ? { decl, fn, escape } : undefined;
}

/** How a closure that captures the local `decl` outlives its function ('returned from New'), if one does. */
export function closureHolding(decl: Decl, resolver: TypeResolver): string | undefined {
  if (!capturable(decl)) return undefined;
  // Hovers ask again for each use of the same local: one answer per declaration and resolver.
  let memo = holdingMemo.get(resolver);
  if (!memo) holdingMemo.set(resolver, (memo = new Map()));
  const key = `${treeId(decl.nameNode.tree)}:${decl.nameNode.startIndex}`;
  if (!memo.has(key)) memo.set(key, findHolding(decl, resolver));
  return memo.get(key);
}

const holdingMemo = new WeakMap<TypeResolver, Map<string, string | undefined>>();

function findHolding(decl: Decl, resolver: TypeResolver): string | undefined {
  const fn = enclosingFunction(decl.nameNode);
  // Only the function's outermost literals can carry a capture out of it; each is judged once.
  for (const lit of fn ? fn.descendantsOfType('func_literal') : []) {
    if (!lit || !lit.text.includes(decl.name)) continue;
    const owner = enclosingFunction(lit);
    if (!owner || !sameNode(owner, fn!)) continue;
    const uses = lit.descendantsOfType('identifier').some((id) => id?.text === decl.name && sameDecl(resolver.index.lookup(id.text, id), decl));
    const escape = uses ? closureEscape(lit, fn!, resolver) : undefined;
    if (escape) return escape;
  }
  return undefined;
}

/**
 * How the func literal `lit`, created in `fn`, outlives it: returned, or stored in a package
 * variable or a shared field, directly or through a local bound to it (`f := func() {...}; return f`).
 * A literal passed to a call (a `go` statement, a handler registration) is not followed: whether
 * the callee keeps it is not visible here, so the answer is no.
 */
function closureEscape(lit: SyntaxNode, fn: SyntaxNode, resolver: TypeResolver): string | undefined {
  const direct = valueEscape(lit, fn, resolver);
  if (direct) return direct;
  const bound = boundName(lit);
  if (!bound) return undefined;
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || id.text !== bound.name || sameNode(id, bound.nameNode)) continue;
    if (!sameDecl(resolver.index.lookup(id.text, id), bound)) continue;
    const e = valueEscape(id, fn, resolver);
    if (e) return e;
  }
  return undefined;
}

/** The local variable a literal initializes (`f := func...`, `var f = func...`). */
function boundName(lit: SyntaxNode): Decl | undefined {
  const list = lit.parent;
  const stmt = list?.parent;
  if (!list || !stmt || list.type !== 'expression_list') return undefined;
  const spec = stmt.type === 'var_spec' ? stmt.parent?.type === 'var_declaration' ? stmt.parent : stmt.parent?.parent : stmt;
  if (!spec || (spec.type !== 'short_var_declaration' && spec.type !== 'var_declaration')) return undefined;
  return declsOf(spec, 'local').find((d) => d.valueNode && sameNode(d.valueNode, lit));
}

/** `return X` (from fn itself, not from a nested literal) or `shared = X` for the value X. */
function valueEscape(value: SyntaxNode, fn: SyntaxNode, resolver: TypeResolver): string | undefined {
  const v = outerParens(value);
  const list = v.parent;
  const stmt = list?.parent;
  if (!list || !stmt || list.type !== 'expression_list') return undefined;
  if (stmt.type === 'return_statement') {
    const owner = enclosingFunction(stmt);
    if (!owner || !sameNode(owner, fn)) return undefined;
    return returnedFrom(fn);
  }
  if (stmt.type !== 'assignment_statement' || field(stmt, 'operator')?.text !== '=' || !sameNode(field(stmt, 'right') ?? stmt, list)) return undefined;
  const values = codeKids(list);
  const lefts = codeKids(field(stmt, 'left')!);
  const i = values.findIndex((x) => sameNode(x, v));
  const left = lefts.length === values.length ? unparen(lefts[i]) : undefined;
  if (!left) return undefined;
  if (left.type === 'identifier') {
    // A named result of fn is what fn returns.
    const d = resolver.index.lookup(left.text, left);
    const owner = d && d.binding === 'result' ? enclosingFunction(d.nameNode) : undefined;
    if (owner && sameNode(owner, fn)) return returnedFrom(fn);
  }
  return assignmentIsShared(left, resolver) ? `stored in ${exprKey(left)}` : undefined;
}

function returnedFrom(fn: SyntaxNode): string {
  const name = field(fn, 'name')?.text;
  return name ? `returned from ${name}` : 'returned';
}
