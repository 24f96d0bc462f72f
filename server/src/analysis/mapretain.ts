// mapretain: a package-level map variable, a map struct field, or a local map captured by a
// closure that outlives its function, that is emptied (a range-delete loop, as rangeclear matches
// it, or `clear(M)`) and never released. docs/rules/mapretain.md says what and why.
//
// The fact behind it (DESIGN.md "What is true"): a Go map never gives memory back while it is
// reachable. The loop and clear keep the bucket array (Go <= 1.23, runtime/map.go mapclear) or the
// groups, tables and directory (Go >= 1.24, internal/runtime/maps/map.go Clear); only dropping
// every reference (M = nil, M = make(...), M = map[K]V{}) lets the GC free the old storage.
//
// Released = any assignment to the same variable (or to the same field of the same struct type)
// anywhere in the package, outside its declaration: `M = nil`, `M = make(...)`, `M = other`, a size
// cap `if len(M) > n { M = make(...) }`, a reassignment in init(). For a field, assigning the
// whole owning struct (`*s = S{}`, `x.inner = Inner{}`, `global = &S{...}`) also counts. A keyed
// composite literal `S{M: make(...)}` is initialization of a new struct, not a release, and does
// not count. Taking the address (`&M`, `&s.m`) counts: the pointer's holder may reassign it.
// A captured local is released by the same forms inside its function, its closures included.
import type { SyntaxNode } from '../parse/parser';
import type { Finding, Fix, ParsedFile, Pass, Rule, TextEdit } from './types';
import { atLeast } from './goversion';
import { compilerClearsLoop, lineIndent, makeTypeText, matchLoop, replaceStatement, type LoopMatch } from './rangeclear';
import { chainParts, codeKids, contains, exprKey, field, hasToken, isBroken, isNameChain, nodeRange, sameNode, spanRange, treeId, unparen } from './syntax/nodes';
import { declsOf, type PackageIndex, type Decl } from './syntax/scope';
import type { TypeResolver } from './syntax/resolve';
import { derefUnderlying, underlying, type GoType, type StructField } from './syntax/gotypes';
import { assignmentIsShared, capturedLocal, sameDecl, storageOf } from './syntax/storage';
import { isPooled } from './syntax/pooled';
import { callsOf, deleteLoops, inRegions, structTypes } from './syntax/candidates';
import { mapSubject } from './syntax/subject';
import { clearingImpact, mapUses } from './retention';
import { TYPICAL_ENTRIES } from '../explain/findingnumbers';

interface Clearing { stmt: SyntaxNode; mapExpr: SyntaxNode; how: 'loop' | 'clear'; range: ReturnType<typeof nodeRange>; form?: LoopMatch['form'] }

/** `clear(M)` as a statement, M a name chain, clear the builtin. */
function matchClear(call: SyntaxNode, index: () => PackageIndex): Clearing | undefined {
  const stmt = call.parent;
  if (!stmt || stmt.type !== 'expression_statement' || field(call, 'function')?.text !== 'clear') return undefined;
  const args = codeKids(field(call, 'arguments')!);
  if (args.length !== 1 || !isNameChain(args[0])) return undefined;
  if (index().lookup('clear', call)) return undefined; // the package's own clear
  return { stmt, mapExpr: args[0], how: 'clear', range: nodeRange(call) };
}

/**
 * What the emptied map is: a package variable (its declaration), a field (name + declaring
 * struct), or a local captured by a closure that outlives its function.
 */
type Target =
  | { kind: 'package'; decl: Decl }
  | { kind: 'field'; name: string; owner: GoType }
  | { kind: 'captured'; decl: Decl; fn: SyntaxNode; escape: string };

function targetOf(mapExpr: SyntaxNode, resolver: TypeResolver): Target | undefined {
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
function isTargetField(sel: SyntaxNode, target: { name: string; owner: GoType }, resolver: TypeResolver, typeOf = (e: SyntaxNode) => resolver.typeOfExpr(e).type): boolean {
  if (sel.type !== 'selector_expression' || field(sel, 'field')?.text !== target.name) return false;
  const operand = field(sel, 'operand');
  const t = operand ? typeOf(operand) : undefined;
  // Unknown operand type: it may be the same struct; not reporting is the safe side.
  if (!t || derefUnderlying(t).kind === 'unknown') return true;
  return resolver.lookupField(t, target.name)?.owner === target.owner;
}

/** The identifier `name` resolving to decl. */
function isVar(n: SyntaxNode, decl: Decl, index: PackageIndex): boolean {
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
function assignedIn(n: SyntaxNode, withDefine: boolean): SyntaxNode[] {
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
 * Whether something may release the target: an assignment to it, or its address taken (the
 * pointer's holder may reassign it: `set(&M)`, `p := &s.m; *p = nil`). For package variables and
 * fields, anywhere in the package; for a captured local, anywhere in its function, closures included.
 */
function isReleased(target: Target, resolver: TypeResolver): boolean {
  const index = resolver.index;
  if (target.kind === 'captured') {
    const { decl, fn } = target;
    // `m, err := f()` after the declaration assigns m again; a shadowing one is taken as a release too (the safe side).
    const assigned = assignedIn(fn, true).filter((l) => !sameNode(l, decl.nameNode));
    return assigned.some((l) => isVar(l, decl, index)) || addressed(fn).some((x) => isVar(x, decl, index));
  }
  const released = releasesOf(resolver);
  if (target.kind === 'package') return (released.vars().get(target.decl.name) ?? []).some((d) => sameDecl(d, target.decl));
  const wholeOwner = released.mayHoldWhole(target.owner);
  for (const l of released.fieldAssigned()) {
    if (isTargetField(l, target, resolver, released.typeOf)) return true;
    // The whole owning struct replaced (or a pointer to a new one stored).
    if (wholeOwner(l) && derefUnderlying(released.typeOf(l)) === target.owner) return true;
  }
  return released.fieldAddressed().some((x) => isTargetField(x, target, resolver, released.typeOf));
}

/**
 * The package's assignments and address-takings, found and resolved once per analysis run (per
 * resolver) instead of once per clearing: a file with hundreds of clearings otherwise walks and
 * types every assignment of the package hundreds of times (seconds per edit on a 10,000-line file).
 */
interface Releases {
  /** Package-level-or-any declarations assigned (outside their declaration) or addressed, by name. */
  vars(): Map<string, Decl[]>;
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

function releasesOf(resolver: TypeResolver): Releases {
  const cached = releasesCache.get(resolver);
  if (cached) return cached;
  const index = resolver.index;
  let assigned: SyntaxNode[] | undefined, addr: SyntaxNode[] | undefined;
  const allAssigned = () => (assigned ??= index.files.flatMap((f) => perTree(assignedByTree, f.tree, () => assignedIn(f.tree.rootNode, false))));
  const allAddressed = () => (addr ??= index.files.flatMap((f) => perTree(addressedByTree, f.tree, () => addressed(f.tree.rootNode))));
  let vars: Map<string, Decl[]> | undefined;
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
        if (d) vars.set(n.text, [...(vars.get(n.text) ?? []), d]);
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

/** Whether the local decl is used (read, not only assigned) in fn outside the statement stmt. */
function usedOutside(decl: Decl, fn: SyntaxNode, stmt: SyntaxNode, index: PackageIndex): boolean {
  const assigned = assignedIn(fn, true);
  for (const id of fn.descendantsOfType('identifier')) {
    if (!id || !isVar(id, decl, index) || sameNode(id, decl.nameNode) || contains(stmt, id)) continue;
    if (!assigned.some((l) => sameNode(l, id))) return true;
  }
  return false;
}

/**
 * The runtime is the toolchain's, not the go line's: a module at `go 1.22` built by Go 1.26 runs
 * Swiss tables. The toolchain is at least the go line, so only go >= 1.24 settles it.
 */
function heldStorage(pass: Pass): string {
  if (atLeast(pass.goVersion, 1, 24)) return 'its groups, tables and directory';
  return 'its bucket array (Go ≤ 1.23) or its groups, tables and directory (Go ≥ 1.24)';
}

/** `//mapleak:ignore mapretain <reason>` on its own line above the statement. */
function suppressEdit(pass: Pass, stmt: SyntaxNode): TextEdit {
  const indent = lineIndent(pass, stmt.startPosition.row);
  const at = { line: stmt.startPosition.row, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}//mapleak:ignore mapretain reuse is intended\n` };
}

/** The test "this expression names the target map", for mapUses (a cheap text test first). */
function namesTarget(target: Target, resolver: TypeResolver): { name: string; test: (e: SyntaxNode) => boolean } {
  const index = resolver.index;
  if (target.kind === 'field') {
    const released = releasesOf(resolver);
    return { name: target.name, test: (e) => { const u = unparen(e); return u.type === 'selector_expression' && isTargetField(u, target, resolver, released.typeOf); } };
  }
  const decl = target.decl;
  return { name: decl.name, test: (e) => isVar(unparen(e), decl, index) && (target.kind !== 'captured' || contains(target.fn, e)) };
}

/** Why the owner of a field map lives on, when the package shows it: a package variable holds it. */
function ownerLives(target: Target, resolver: TypeResolver): string | undefined {
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

/** The steady size a bounded release keeps: the make hint seen, else the typical size the numbers assume. */
function steadySize(hints: readonly number[]): number {
  return hints.find((h) => h > 0) ?? TYPICAL_ENTRIES;
}

/** `if len(M) > limit { M = make(T) } else { clear(M) }` in place of the statement, indented as it. */
function boundedEdit(pass: Pass, c: Clearing, m: string, typeText: string, limit: number, hinted: boolean): TextEdit {
  const indent = lineIndent(pass, c.stmt.startPosition.row);
  const emptied = c.how === 'clear' || atLeast(pass.goVersion, 1, 21) || pass.goVersion === undefined
    ? `clear(${m})`
    : c.stmt.text.split('\n').map((l, i) => (i ? '\t' + l : l)).join('\n'); // before Go 1.21: the loop itself
  const make = hinted ? `make(${typeText}, ${limit})` : `make(${typeText})`;
  const text = `if len(${m}) > ${limit} {\n${indent}\t${m} = ${make}\n${indent}} else {\n${indent}\t${emptied}\n${indent}}`;
  return replaceStatement(pass, c.stmt, text);
}

function finding(pass: Pass, resolver: TypeResolver, c: Clearing): Finding | undefined {
  const typed = resolver.typeOfExpr(c.mapExpr);
  if (underlying(typed.type).kind !== 'map') return undefined; // clear of a slice, or a type we cannot see
  const target = targetOf(c.mapExpr, resolver);
  if (!target || isPooled(c.mapExpr, resolver) || isReleased(target, resolver)) return undefined;
  const index = resolver.index;
  const named = namesTarget(target, resolver);
  const uses = mapUses(target.kind === 'captured' ? [pass.indexed] : index.files, named.test, index, named.name);
  const impact = clearingImpact({ stmt: c.stmt, mapExpr: c.mapExpr, owner: target.kind, ownerLives: ownerLives(target, resolver), uses });
  if (!impact) return undefined; // emptied at the end of its owner's life
  const m = exprKey(c.mapExpr);
  const held = heldStorage(pass);
  const lives = target.kind === 'package' ? 'the program runs (it is a package-level variable)'
    : target.kind === 'field' ? 'the struct holding it lives'
    : `the closure capturing it lives (${target.escape})`;
  const fixes: Fix[] = [];
  const typeText = index.lookup('make', c.stmt) ? undefined : makeTypeText(typed, pass, index);
  const hint = uses.hints.find((h) => h > 0);
  const limit = steadySize(uses.hints);
  // Go rejects a local that is assigned but never used: when the clearing is the captured map's
  // only use, `m = make(...)` would not compile.
  if (typeText && (target.kind !== 'captured' || usedOutside(target.decl, target.fn, c.stmt, index))) {
    const made = hint !== undefined ? `make(${typeText}, ${hint})` : `make(${typeText})`;
    fixes.push({
      title: `Release it only when it outgrew its steady size: if len(${m}) > ${limit} { ${m} = ${made} } else { ${c.how === 'clear' ? `clear(${m})` : 'empty it' } } ` +
        `(${hint !== undefined ? 'the limit is its make hint' : `${limit.toLocaleString('en-US')} is a size assumed here: set the map's steady size`}; other references keep the old contents)`,
      preferred: true,
      effect: 'bounded',
      edits: [boundedEdit(pass, c, m, typeText, limit, hint !== undefined)],
    });
    fixes.push({
      title: `Replace with ${m} = make(${typeText}) (releases the old storage at the next GC if nothing else refers to it; other references keep the old contents)`,
      preferred: false,
      effect: 'fresh',
      edits: [replaceStatement(pass, c.stmt, `${m} = make(${typeText})`)],
    });
  }
  fixes.push({ title: 'Suppress with //mapleak:ignore mapretain (reuse is intended)', preferred: false, effect: 'suppress', edits: [suppressEdit(pass, c.stmt)] });
  const emptied = c.how === 'clear' ? `clear(${m}) empties ${m}` : `this loop empties ${m}`;
  const message = impact.level === 'high'
    ? `${emptied} but nothing in the package releases it, and it grows with its input: the map keeps ${held}, sized for its peak, for as long as ${lives}; after a spike it keeps the spike's memory`
    : `${emptied} and keeps ${held}, sized for the most entries it held, for as long as ${lives}: right for reuse at a steady size, a leak only if it once grew far past it`;
  return {
    rule: 'mapretain', severity: mapretain.severities[impact.level],
    range: c.range,
    message,
    fixes,
    impact,
    subject: { ...mapSubject(c.mapExpr, underlying(typed.type), index, emptiedBy(c, underlying(typed.type)), typed.typeNode), limit },
    explanation: [
      target.kind === 'captured'
        ? `**mapretain**: \`${m}\` is a local variable captured by a closure that outlives its function (${target.escape}); it is emptied here and never reassigned in that function or its closures.`
        : `**mapretain**: \`${m}\` is emptied here and never reassigned anywhere in its package.`,
      '',
      `Emptying a Go map does not give memory back: after \`clear\` or a range-delete loop the map keeps ${held}, ` +
        `sized for the most entries it ever held, for as long as ${lives}. Only dropping every reference ` +
        `(\`${m} = nil\`, \`${m} = make(...)\`) lets the GC free the old storage.`,
      '',
      'Clearing to reuse is right when the map refills to about the same size each cycle; clearing a long-lived map after a spike keeps the spike\'s memory. ' +
        `The preferred fix is safe either way: it releases the map only when it holds more than ${limit.toLocaleString('en-US')} entries. See docs/rules/mapretain.md.`,
    ].join('\n'),
  };
}

/** Whether the clearing is one runtime clear: clear(M), or a loop the compiler rewrites into one (see rangeclear.ts). */
function emptiedBy(c: Clearing, mapType: GoType): 'clear' | 'deletes' {
  if (c.how === 'clear') return 'clear';
  return c.form && mapType.kind === 'map' && compilerClearsLoop(c.form, mapType.key) ? 'clear' : 'deletes';
}

export const mapretain: Rule = {
  name: 'mapretain',
  doc: 'package-level, field or closure-captured maps that are emptied and never released',
  defaultSeverity: 'warning',
  severities: { high: 'warning', medium: 'information', low: 'hint' },
  inTests: false,
  run(pass: Pass): Finding[] {
    // Candidates from the text, as in rangeclear; the index is built only on a match.
    const resolve = pass.resolver;
    const out: Finding[] = [];
    const clearings: Clearing[] = [];
    for (const n of inRegions(pass, (span) => deleteLoops(pass.file, span))) {
      const l = isBroken(n) ? undefined : matchLoop(n);
      if (l && !resolve().index.lookup('delete', n)) clearings.push({ stmt: n, mapExpr: l.mapExpr, how: 'loop', range: spanRange(n, l.header), form: l.form });
    }
    for (const n of inRegions(pass, (span) => callsOf(pass.file, 'clear', span))) {
      const c = isBroken(n) ? undefined : matchClear(n, () => resolve().index);
      if (c) clearings.push(c);
    }
    for (const c of clearings) {
      const f = chainParts(c.mapExpr)[0].type === 'identifier' ? finding(pass, resolve(), c) : undefined;
      if (f) out.push(f);
    }
    return out;
  },
};
