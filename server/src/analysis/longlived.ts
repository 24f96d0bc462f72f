// What a long-lived map is and what in its package may replace it: shared by the rules about maps
// that outlive the code filling them (mapretain: emptied whole; mapshrink: emptied key by key).
// A long-lived map is a package-level variable, a field of shared storage (reached through a
// pointer or a package variable), or a local captured by a closure that outlives its function.
//
// Assigned = any assignment to the same variable (or to the same field of the same struct type)
// anywhere in the package, outside its declaration: `M = nil`, `M = make(...)`, `M = other`, a size
// cap `if len(M) > n { M = make(...) }`, a reassignment in init(). For a field, assigning the
// whole owning struct (`*s = S{}`, `x.inner = Inner{}`, `global = &S{...}`) also counts. A keyed
// composite literal `S{M: make(...)}` is initialization of a new struct, not an assignment, and does
// not count. Taking the address (`&M`, `&s.m`) counts: the pointer's holder may reassign it.
// A captured local is assigned by the same forms inside its function, its closures included.
import type { SyntaxNode } from '../parse/parser';
import type { ParsedFile } from './types';
import { codeKids, contains, field, hasToken, sameNode, treeId, unparen } from './syntax/nodes';
import { declsOf, type PackageIndex, type Decl } from './syntax/scope';
import type { TypeResolver } from './syntax/resolve';
import { derefUnderlying, underlying, type GoType, type StructField } from './syntax/gotypes';
import { assignmentIsShared, capturedLocal, sameDecl, storageOf } from './syntax/storage';
import { structTypes } from './syntax/candidates';
import { mapUses, type MapUses } from './retention';

/**
 * What the emptied map is: a package variable (its declaration), a field (name + declaring
 * struct), or a local captured by a closure that outlives its function.
 */
export type Target =
  | { kind: 'package'; decl: Decl }
  | { kind: 'field'; name: string; owner: GoType }
  | { kind: 'captured'; decl: Decl; fn: SyntaxNode; escape: string };

export function targetOf(mapExpr: SyntaxNode, resolver: TypeResolver): Target | undefined {
  const storage = storageOf(mapExpr, resolver.index);
  const e = unparen(mapExpr);
  if (storage === 'local') {
    const c = capturedLocal(e, resolver);
    return c && { kind: 'captured', ...c };
  }
  if (storage === 'package' && e.type === 'identifier') {
    const d = resolver.index.lookup(e.text, e);
    return d && d.kind === 'var' && d.binding === 'package' ? { kind: 'package', decl: d } : undefined;
  }
  if (storage !== 'field' || e.type !== 'selector_expression') return undefined;
  // A field of a local or parameter struct value dies with that copy: only shared storage counts.
  if (!assignmentIsShared(e, resolver)) return undefined;
  const operand = field(e, 'operand');
  const name = field(e, 'field')?.text;
  if (!operand || !name) return undefined;
  const found = resolver.lookupField(resolver.typeOfExpr(operand).type, name);
  return found ? { kind: 'field', name, owner: found.owner } : undefined;
}

/** `x.name` where x's type declares (or promotes) the target field; an unknown x may be one. */
export function isTargetField(sel: SyntaxNode, target: { name: string; owner: GoType }, resolver: TypeResolver, typeOf = (e: SyntaxNode) => resolver.typeOfExpr(e).type): boolean {
  if (sel.type !== 'selector_expression' || field(sel, 'field')?.text !== target.name) return false;
  const operand = field(sel, 'operand');
  const t = operand ? typeOf(operand) : undefined;
  // Unknown operand type: it may be the same struct; not reporting is the safe side.
  if (!t || derefUnderlying(t).kind === 'unknown') return true;
  return resolver.lookupField(t, target.name)?.owner === target.owner;
}

/** The identifier `name` resolving to decl. */
export function isVar(n: SyntaxNode, decl: Decl, index: PackageIndex): boolean {
  return n.type === 'identifier' && n.text === decl.name && sameDecl(index.lookup(n.text, n), decl);
}

/** The operands of `&x` in n. */
function addressed(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const u of n.descendantsOfType('unary_expression')) {
    const o = u && field(u, 'operator')?.text === '&' ? field(u, 'operand') : undefined;
    if (o) out.push(unparen(o));
  }
  return out;
}

/** The expressions assigned to by `=`, `op=`, `:=` (a redeclaration) and `for x = range` in n. */
export function assignedIn(n: SyntaxNode, withDefine: boolean): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const types = withDefine ? ['assignment_statement', 'short_var_declaration', 'range_clause'] : ['assignment_statement', 'range_clause'];
  for (const a of n.descendantsOfType(types)) {
    if (!a || (a.type === 'range_clause' && hasToken(a, ':='))) continue;
    const left = field(a, 'left');
    if (left) out.push(...codeKids(left).map(unparen));
  }
  return out;
}

/**
 * What may replace the target: its assignments (the assigned expression) and the places its
 * address is taken (the pointer's holder may reassign it: `set(&M)`, `p := &s.m; *p = nil`), in
 * package order. For package variables and fields, anywhere in the package; for a captured local,
 * anywhere in its function, closures included.
 */
export function assignmentsOf(target: Target, resolver: TypeResolver): SyntaxNode[] {
  const index = resolver.index;
  if (target.kind === 'captured') {
    const { decl, fn } = target;
    // `m, err := f()` after the declaration assigns m again; a shadowing one is taken as one too (the safe side).
    const assigned = assignedIn(fn, true).filter((l) => !sameNode(l, decl.nameNode));
    return [...assigned.filter((l) => isVar(l, decl, index)), ...addressed(fn).filter((x) => isVar(x, decl, index))];
  }
  const released = releasesOf(resolver);
  if (target.kind === 'package') return (released.vars().get(target.decl.name) ?? []).filter((v) => sameDecl(v.decl, target.decl)).map((v) => v.node);
  const wholeOwner = released.mayHoldWhole(target.owner);
  const out: SyntaxNode[] = [];
  for (const l of released.fieldAssigned()) {
    if (isTargetField(l, target, resolver, released.typeOf)) out.push(l);
    // The whole owning struct replaced (or a pointer to a new one stored).
    else if (wholeOwner(l) && derefUnderlying(released.typeOf(l)) === target.owner) out.push(l);
  }
  return [...out, ...released.fieldAddressed().filter((x) => isTargetField(x, target, resolver, released.typeOf))];
}

/** Whether anything in the package may release the target (assignmentsOf). */
export function isReleased(target: Target, resolver: TypeResolver): boolean {
  return assignmentsOf(target, resolver).length > 0;
}

/**
 * The package's assignments and address-takings, found and resolved once per analysis run (per
 * resolver) instead of once per clearing: a file with hundreds of clearings otherwise walks and
 * types every assignment of the package hundreds of times (seconds per edit on a 10,000-line file).
 */
export interface Releases {
  /** Package-level-or-any declarations assigned (outside their declaration) or addressed, by name, with the node. */
  vars(): Map<string, { decl: Decl; node: SyntaxNode }[]>;
  /** Assigned expressions that may be a field or a whole struct holding one. */
  fieldAssigned(): SyntaxNode[];
  /**
   * A filter before typing an assigned expression to see whether it replaces a whole `owner`
   * struct: a selector `x.f` can only if some struct of the package declares a field f whose type
   * may be owner (or *owner). Typing every assigned selector of cmd/compile's ssa took seconds.
   */
  mayHoldWhole(owner: GoType): (assigned: SyntaxNode) => boolean;
  fieldAddressed(): SyntaxNode[];
  /** The type of an expression of the package, resolved once (the operands of assigned selectors). */
  typeOf(e: SyntaxNode): GoType;
}

const releasesCache = new WeakMap<TypeResolver, Releases>();

// Syntax only, so shared by every file's analysis of the package (each builds its own resolver).
const assignedByTree = new WeakMap<object, SyntaxNode[]>();
const addressedByTree = new WeakMap<object, SyntaxNode[]>();
function perTree(cache: WeakMap<object, SyntaxNode[]>, tree: object, find: () => SyntaxNode[]): SyntaxNode[] {
  let found = cache.get(tree);
  if (!found) cache.set(tree, (found = find()));
  return found;
}

export function releasesOf(resolver: TypeResolver): Releases {
  const cached = releasesCache.get(resolver);
  if (cached) return cached;
  const index = resolver.index;
  let assigned: SyntaxNode[] | undefined, addr: SyntaxNode[] | undefined;
  const allAssigned = () => (assigned ??= index.files.flatMap((f) => perTree(assignedByTree, f.tree, () => assignedIn(f.tree.rootNode, false))));
  const allAddressed = () => (addr ??= index.files.flatMap((f) => perTree(addressedByTree, f.tree, () => addressed(f.tree.rootNode))));
  let vars: Map<string, { decl: Decl; node: SyntaxNode }[]> | undefined;
  let fields: SyntaxNode[] | undefined;
  const holders = new Map<GoType, Set<string>>();
  let structFields: StructField[] | undefined;
  // A node's id is its subtree's address, which trees share (tree.copy) and reuse once deleted: the tree and span make the key one place.
  const types = new Map<string, GoType>();
  const r: Releases = {
    vars: () => {
      if (vars) return vars;
      vars = new Map();
      for (const n of [...allAssigned(), ...allAddressed()]) {
        // Only package-level names can be package targets; a shadowing local resolves to itself below.
        if (n.type !== 'identifier' || !index.packageDecl(n.text)) continue;
        const d = index.lookup(n.text, n);
        if (d) vars.set(n.text, [...(vars.get(n.text) ?? []), { decl: d, node: n }]);
      }
      return vars;
    },
    // A plain name replaces a whole shared struct only if it is a package variable: a local or a
    // parameter holds its own copy or pointer. Typing every local of a large package (cmd/compile's
    // ssa: ~100 files) took 20 s per analyzed file; package names are a map lookup away.
    fieldAssigned: () => (fields ??= allAssigned().filter((node) => node.type !== 'identifier' || index.packageDecl(node.text)?.kind === 'var')),
    mayHoldWhole: (owner) => {
      let names = holders.get(owner);
      if (!names) holders.set(owner, (names = fieldsMayHold(structFields ??= packageFields(index.files, resolver), owner)));
      const found = names;
      return (n) => n.type !== 'selector_expression' || found.has(field(n, 'field')?.text ?? '');
    },
    fieldAddressed: allAddressed,
    typeOf: (e) => {
      const key = `${treeId(e.tree)}:${e.id}:${e.startIndex}:${e.endIndex}`;
      let t = types.get(key);
      if (!t) types.set(key, t = resolver.typeOfExpr(e).type);
      return t;
    },
  };
  releasesCache.set(resolver, r);
  return r;
}

/**
 * The names of the struct fields (of the package's struct types) whose type may be `owner` or a
 * pointer to it: declared as it, or as something we cannot tell apart from it (an unknown or
 * type-parameter type, an unnamed struct type).
 */
function fieldsMayHold(fields: readonly StructField[], owner: GoType): Set<string> {
  const names = new Set<string>();
  for (const fd of fields) {
    const declared = underlying(fd.type);
    const named = declared.kind === 'pointer' ? declared.elem : fd.type;
    const u = derefUnderlying(fd.type);
    if (u === owner || u.kind === 'unknown' || u.kind === 'typeparam' || (u.kind === 'struct' && named.kind !== 'named')) names.add(fd.name);
  }
  return names;
}

/** The fields of every struct type spelled in the package's files, typed once. */
function packageFields(files: readonly ParsedFile[], resolver: TypeResolver): StructField[] {
  return files.flatMap((f) => structTypes(f).flatMap((st) => {
    const t = resolver.typeOf(st);
    return t.kind === 'struct' ? t.fields() : [];
  }));
}

/** The test "this expression names the target map", for mapUses (a cheap text test first). */
export function namesTarget(target: Target, resolver: TypeResolver): { name: string; test: (e: SyntaxNode) => boolean } {
  const index = resolver.index;
  if (target.kind === 'field') {
    const released = releasesOf(resolver);
    return { name: target.name, test: (e) => { const u = unparen(e); return u.type === 'selector_expression' && isTargetField(u, target, resolver, released.typeOf); } };
  }
  const decl = target.decl;
  return { name: decl.name, test: (e) => isVar(unparen(e), decl, index) && (target.kind !== 'captured' || contains(target.fn, e)) };
}

/** Why the owner of a field map lives on, when the package shows it: a package variable holds it. */
export function ownerLives(target: Target, resolver: TypeResolver): string | undefined {
  if (target.kind === 'package') return `${target.decl.name} is a package-level variable: it lives as long as the program`;
  if (target.kind === 'captured') return `the closure capturing it lives on (${target.escape})`;
  for (const f of resolver.index.files) {
    for (const d of packageVars(f)) {
      const t = resolver.typeOfDecl(d).type;
      if (derefUnderlying(t) === target.owner) return `its owner is held by the package-level variable ${d.name}, which lives as long as the program`;
    }
  }
  return undefined;
}

function packageVars(f: ParsedFile): Decl[] {
  return f.tree.rootNode.namedChildren.flatMap((n) => n?.type === 'var_declaration' ? declsOf(n, 'package') : []);
}

// mapUses of one target, once per package view: every clearing of the same map asks for them, and
// scanning the package once per clearing made code with thousands of them quadratic (issue 16).
const usesByResolver = new WeakMap<TypeResolver, Map<string, MapUses>>();
const ownerIds = new WeakMap<object, number>();
let nextOwnerId = 0;

function targetKey(target: Target, resolver: TypeResolver): string {
  if (target.kind === 'field') {
    let id = ownerIds.get(target.owner);
    if (id === undefined) ownerIds.set(target.owner, (id = nextOwnerId++));
    return `f:${target.name}:${id}`;
  }
  const at = `${resolver.index.fileOf(target.decl.nameNode)?.path}:${target.decl.nameNode.startIndex}`;
  return target.kind === 'package' ? `p:${at}` : `c:${at}:${target.fn.startIndex}`;
}

/** Where the package (a captured local: its file) touches the target map (retention.ts mapUses), memoized. */
export function targetUses(target: Target, resolver: TypeResolver, files: readonly ParsedFile[]): MapUses {
  let memo = usesByResolver.get(resolver);
  if (!memo) usesByResolver.set(resolver, (memo = new Map()));
  // The files' trees are part of the key: an edited package (lsp/incremental.ts) keeps its resolver.
  const key = `${targetKey(target, resolver)}|${files.map((f) => treeId(f)).join(',')}`;
  let uses = memo.get(key);
  if (!uses) {
    const named = namesTarget(target, resolver);
    memo.set(key, (uses = mapUses(files, named.test, resolver.index, named.name)));
  }
  return uses;
}
