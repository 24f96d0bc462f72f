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
  const all = released.fieldAssigned();
  // In text order, as fieldAssigned: selectors of the target's field (isTargetField, decided once per
  // assignment), and the whole owning struct replaced (or a pointer to a new one stored).
  const owners = released.fieldOwners(target.name);
  const picks = new Set([...(owners.byOwner.get(target.owner) ?? []), ...owners.unknown, ...released.wholeAssigned(target.owner)]);
  const out = [...picks].sort((a, b) => a - b).map((i) => all[i]);
  return [...out, ...released.fieldAddressed().filter((x) => released.isField(x, target))];
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
   * The assigned selectors of a field name (fieldAssigned() indexes) by the struct type that declares
   * the field (isTargetField's test, once per selector); `unknown`: the operand's type is not known.
   */
  fieldOwners(name: string): { byOwner: Map<GoType, number[]>; unknown: number[] };
  /**
   * isTargetField of `(e)` (parentheses dropped), the selector's field and its owner found once per
   * node object: the same uses are asked about for every map of their field name.
   */
  isField(e: SyntaxNode, target: { name: string; owner: GoType }): boolean;
  /**
   * fieldAssigned() indexes that replace a whole `owner` struct: package variables and selectors of
   * fields that may hold it (holderNames) whose type is owner or *owner, grouped by type once.
   */
  wholeAssigned(owner: GoType): number[];
  /** The type of fieldAssigned()[i], resolved once (no node key to build per question). */
  assignedType(i: number): GoType;
  /** fieldAssigned() by index: the selectors by their field's name, and the rest (package variables). */
  fieldAssignedByName(): { plain: number[]; byField: Map<string, number[]> };
  /**
   * A filter before typing an assigned expression to see whether it replaces a whole `owner`
   * struct: a selector `x.f` can only if some struct of the package declares a field f (one of
   * these names) whose type may be owner (or *owner). Typing every assigned selector of
   * cmd/compile's ssa took seconds.
   */
  holderNames(owner: GoType): Set<string>;
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
  let byName: { plain: number[]; byField: Map<string, number[]> } | undefined;
  const ownersByName = new Map<string, { byOwner: Map<GoType, number[]>; unknown: number[] }>();
  const assignedTypes: GoType[] = [];
  const assignedByType = new Map<string, Map<GoType, number[]>>();
  const selectorFields = new WeakMap<SyntaxNode, { name: string; owner: GoType | 'unknown' | null } | null>();
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
    fieldAssignedByName: () => {
      if (byName) return byName;
      byName = { plain: [], byField: new Map() };
      r.fieldAssigned().forEach((n, i) => {
        if (n.type !== 'selector_expression') { byName!.plain.push(i); return; }
        const name = field(n, 'field')?.text ?? '';
        const list = byName!.byField.get(name);
        if (list) list.push(i); else byName!.byField.set(name, [i]);
      });
      return byName;
    },
    fieldOwners: (name) => {
      let o = ownersByName.get(name);
      if (o) return o;
      o = { byOwner: new Map(), unknown: [] };
      const all = r.fieldAssigned();
      for (const i of r.fieldAssignedByName().byField.get(name) ?? []) {
        const operand = field(all[i], 'operand');
        const t = operand ? r.typeOf(operand) : undefined;
        if (!t || derefUnderlying(t).kind === 'unknown') { o.unknown.push(i); continue; }
        const owner = resolver.lookupField(t, name)?.owner;
        if (!owner) continue;
        const list = o.byOwner.get(owner);
        if (list) list.push(i); else o.byOwner.set(owner, [i]);
      }
      ownersByName.set(name, o);
      return o;
    },
    isField: (e, target) => {
      let f = selectorFields.get(e);
      if (f === undefined) {
        const u = unparen(e);
        const name = u.type === 'selector_expression' ? field(u, 'field')?.text : undefined;
        if (name === undefined) f = null;
        else {
          const operand = field(u, 'operand');
          const t = operand ? r.typeOf(operand) : undefined;
          // Unknown operand type: it may be the same struct; not reporting is the safe side.
          f = { name, owner: !t || derefUnderlying(t).kind === 'unknown' ? 'unknown' : resolver.lookupField(t, name)?.owner ?? null };
        }
        selectorFields.set(e, f);
      }
      return f !== null && f.name === target.name && (f.owner === 'unknown' || f.owner === target.owner);
    },
    wholeAssigned: (owner) => {
      const { plain, byField } = r.fieldAssignedByName();
      const byType = (key: string, indices: readonly number[]) => {
        let g = assignedByType.get(key);
        if (!g) {
          g = new Map();
          for (const i of indices) {
            const o = derefUnderlying(r.assignedType(i));
            const list = g.get(o);
            if (list) list.push(i); else g.set(o, [i]);
          }
          assignedByType.set(key, g);
        }
        return g.get(owner) ?? [];
      };
      return [...byType('', plain), ...[...r.holderNames(owner)].flatMap((n) => byType(`.${n}`, byField.get(n) ?? []))];
    },
    assignedType: (i) => (assignedTypes[i] ??= r.typeOf(r.fieldAssigned()[i])),
    holderNames: (owner) => {
      let names = holders.get(owner);
      if (!names) holders.set(owner, (names = fieldsMayHold(structFields ??= packageFields(index.files, resolver), owner)));
      return names;
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
    return { name: target.name, test: (e) => released.isField(e, target) };
  }
  const decl = target.decl;
  return { name: decl.name, test: (e) => isVar(unparen(e), decl, index) && (target.kind !== 'captured' || contains(target.fn, e)) };
}

/** Why the owner of a field map lives on, when the package shows it: a package variable holds it. */
export function ownerLives(target: Target, resolver: TypeResolver): string | undefined {
  if (target.kind === 'package') return `${target.decl.name} is a package-level variable: it lives as long as the program`;
  if (target.kind === 'captured') return `the closure capturing it lives on (${target.escape})`;
  const holder = packageHolders(resolver).get(target.owner);
  return holder === undefined ? undefined : `its owner is held by the package-level variable ${holder}, which lives as long as the program`;
}

// The first package variable holding each struct type, typed once per package view: asked per
// finding, typing every package variable each time made packages with many maps quadratic.
const holdersByResolver = new WeakMap<TypeResolver, { trees: string; holders: Map<GoType, string> }>();

function packageHolders(resolver: TypeResolver): Map<GoType, string> {
  // The trees are part of the key: an edited package (lsp/incremental.ts) keeps its resolver.
  const trees = resolver.index.files.map((f) => treeId(f)).join(',');
  let holders = holdersByResolver.get(resolver)?.trees === trees ? holdersByResolver.get(resolver)!.holders : undefined;
  if (!holders) {
    holders = new Map();
    for (const f of resolver.index.files) {
      for (const d of packageVars(f)) {
        const owner = derefUnderlying(resolver.typeOfDecl(d).type);
        if (!holders.has(owner)) holders.set(owner, d.name);
      }
    }
    holdersByResolver.set(resolver, { trees, holders });
  }
  return holders;
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
