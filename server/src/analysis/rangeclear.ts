// rangeclear: a range loop whose body only deletes each key from the map it ranges over, and the
// sync.Map form (Range + Delete of every key). docs/rules/rangeclear.md says what and why.
//
// What the compiler does with the loop (checked with Go 1.26.8, `go build -gcflags=-S`): it
// compiles `for k := range m { delete(m, k) }` into one call of runtime.mapclear when optimizing
// (cmd/compile/internal/walk/range.go, isMapClear), also for `(m)`, `s.cache`, `a.b.c` and
// package-level maps; it keeps the mapIterStart/mapdelete/mapIterNext loop for `for k = range m`
// (key not declared by the loop), for `for k, _ := range m` (the blank value is a value
// variable: n.Value != nil), for float, complex, interface keys and structs/arrays holding
// them (not reflexive), and for everything under -N.
import type { SyntaxNode } from '../parse/parser';
import type { Finding, Fix, Pass, Rule, TextEdit } from './types';
import { atLeast } from './goversion';
import { lineStarts } from './edits';
import { explainRangeClear, type RangeClearFacts, type RangeClearForm } from '../explain/rangeclear';
import {
  ancestor, codeKids, exprKey, field, fields, hasToken, isBroken, isNameChain, nodeRange, spanRange, unparen, walk,
} from './syntax/nodes';
import type { PackageIndex } from './syntax/scope';
import type { TypeResolver, Typed } from './syntax/resolve';
import { UNKNOWN, isNamedOrPointerTo, reflexivity, underlying, type GoType } from './syntax/gotypes';
import { assignmentIsShared, storageOf } from './syntax/storage';
import { isPooled } from './syntax/pooled';
import { deleteLoops, inRegions, rangeCallStatements } from './syntax/candidates';
import { mapSubject } from './syntax/subject';

export interface LoopMatch {
  form: Exclude<RangeClearForm, 'sync.Map'>;
  stmt: SyntaxNode;
  header: SyntaxNode;
  mapExpr: SyntaxNode;
  key: SyntaxNode;
}

/**
 * Whether the compiler turns the loop into one runtime map clear (cmd/compile/internal/walk/range.go
 * isMapClear): only the `k :=` form with no value variable, and a reflexive key type.
 */
export function compilerClearsLoop(form: LoopMatch['form'], keyType: GoType): boolean {
  return form === 'define' && reflexivity(keyType) === 'reflexive';
}

/** `for k := range M { delete(M, k) }` and its `k, _ :=` / `k =` variants, or undefined. */
export function matchLoop(stmt: SyntaxNode): LoopMatch | undefined {
  const header = codeKids(stmt).find((c) => c.type === 'range_clause');
  const body = field(stmt, 'body');
  if (!header || !body) return undefined;
  const left = field(header, 'left');
  const mapExpr = field(header, 'right');
  if (!left || !mapExpr || !isNameChain(mapExpr)) return undefined;
  const vars = codeKids(left);
  const key = vars[0];
  if (!key || key.type !== 'identifier' || key.text === '_') return undefined;
  if (vars.length > 2 || (vars.length === 2 && vars[1].text !== '_')) return undefined;
  const define = hasToken(header, ':=');
  const form = !define ? 'assign' : vars.length === 2 ? 'define-blank' : 'define';
  if (form === 'assign' && vars.length !== 1) return undefined;
  const call = onlyCall(body);
  if (!call || field(call, 'function')?.text !== 'delete') return undefined;
  const args = codeKids(field(call, 'arguments')!);
  if (args.length !== 2 || exprKey(args[0]) !== exprKey(mapExpr) || unparen(args[1]).type !== 'identifier' || unparen(args[1]).text !== key.text) return undefined;
  return { form, stmt, header, mapExpr, key };
}

/** The call of a block whose only statement (comments aside) is that call. */
function onlyCall(block: SyntaxNode, extra: (rest: SyntaxNode[]) => boolean = (rest) => rest.length === 0): SyntaxNode | undefined {
  const list = codeKids(block).find((c) => c.type === 'statement_list');
  const stmts = list ? codeKids(list) : [];
  if (!stmts.length || stmts[0].type !== 'expression_statement' || !extra(stmts.slice(1))) return undefined;
  const call = codeKids(stmts[0])[0];
  return call?.type === 'call_expression' ? call : undefined;
}

interface SyncMatch { stmt: SyntaxNode; call: SyntaxNode; mapExpr: SyntaxNode }

/** `M.Range(func(k, _ any) bool { M.Delete(k); return true })` as a statement, or undefined. */
function matchSyncMap(stmt: SyntaxNode): SyncMatch | undefined {
  const call = codeKids(stmt)[0];
  if (codeKids(stmt).length !== 1 || call?.type !== 'call_expression') return undefined;
  const fn = field(call, 'function');
  const mapExpr = fn && field(fn, 'operand');
  if (!fn || fn.type !== 'selector_expression' || field(fn, 'field')?.text !== 'Range' || !mapExpr || !isNameChain(mapExpr)) return undefined;
  const lit = codeKids(field(call, 'arguments')!);
  if (lit.length !== 1 || lit[0].type !== 'func_literal') return undefined;
  const params = paramNames(lit[0]);
  if (!params || params[0] === '_' || field(lit[0], 'result')?.text !== 'bool') return undefined;
  const body = field(lit[0], 'body');
  const returnsTrue = (rest: SyntaxNode[]) =>
    rest.length === 1 && rest[0].type === 'return_statement' && rest[0].text.replace(/\s+/g, ' ') === 'return true';
  const del = body && onlyCall(body, returnsTrue);
  const delFn = del && field(del, 'function');
  if (!del || !delFn || delFn.type !== 'selector_expression' || field(delFn, 'field')?.text !== 'Delete') return undefined;
  const delArgs = codeKids(field(del, 'arguments')!);
  if (exprKey(field(delFn, 'operand')!) !== exprKey(mapExpr) || delArgs.length !== 1 || unparen(delArgs[0]).text !== params[0]) return undefined;
  return { stmt, call, mapExpr };
}

/** The two parameter names of `func(k, v any) bool`, with `any` or `interface{}` types. */
function paramNames(lit: SyntaxNode): [string, string] | undefined {
  const list = field(lit, 'parameters');
  if (!list) return undefined;
  const names: string[] = [];
  for (const p of codeKids(list)) {
    const t = field(p, 'type');
    if (p.type !== 'parameter_declaration' || !t || !/^(any|interface\s*\{\s*\})$/.test(t.text)) return undefined;
    const ns = fields(p, 'name');
    if (!ns.length) return undefined;
    names.push(...ns.map((n) => n.text));
  }
  return names.length === 2 ? [names[0], names[1]] : undefined;
}

const startsCache = new WeakMap<Pass['file'], { text: string; starts: number[] }>();

/**
 * The spaces and tabs that begin line `row` of the pass's file. Line starts are computed once per
 * file text, not per finding: splitting the text for each of hundreds of findings costs seconds.
 */
export function lineIndent(pass: Pass, row: number): string {
  let c = startsCache.get(pass.file);
  if (!c || c.text !== pass.file.text) startsCache.set(pass.file, c = { text: pass.file.text, starts: lineStarts(pass.file.text) });
  const from = c.starts[row];
  if (from === undefined) return '';
  return /^[ \t]*/.exec(pass.file.text.slice(from, c.starts[row + 1] ?? pass.file.text.length))![0];
}

/** The statement replaced by `line`, keeping the comments it held on lines above it (as gofmt indents them). */
export function replaceStatement(pass: Pass, stmt: SyntaxNode, line: string): TextEdit {
  const indent = lineIndent(pass, stmt.startPosition.row);
  const comments: string[] = [];
  walk(stmt, (n) => { if (n.type === 'comment') comments.push(n.text); });
  return { range: nodeRange(stmt), newText: comments.map((c) => `${c}\n${indent}`).join('') + line };
}

/**
 * A test or benchmark of clearing itself (`TestMapClear`, `BenchmarkDeleteAll`, the runtime's own
 * map tests): the loop is what it measures, and replacing it would change what is tested.
 */
function testsTheLoop(pass: Pass, stmt: SyntaxNode): boolean {
  if (!/_test\.go$/.test(pass.file.path)) return false;
  const fn = ancestor(stmt, ['function_declaration']);
  const name = fn && field(fn, 'name')?.text;
  return !!name && /^(Test|Benchmark|Fuzz)/.test(name) && /clear|delet|range|iter/i.test(name);
}

/** Whether a loop `for k = range` uses the only mention of local k besides its declaration. */
function keyOnlyUsedByLoop(loop: LoopMatch, index: PackageIndex): boolean {
  const decl = index.lookup(loop.key.text, loop.stmt);
  if (!decl || decl.binding !== 'local') return false;
  const scope = ancestor(decl.nameNode, ['block', 'func_literal', 'function_declaration', 'method_declaration']);
  if (!scope) return false;
  let others = 0;
  walk(scope, (n) => {
    if (n.startIndex >= loop.stmt.startIndex && n.endIndex <= loop.stmt.endIndex) return false;
    if (n.type === 'identifier' && n.text === loop.key.text && n.startIndex !== decl.nameNode.startIndex) others++;
  });
  return others === 0;
}

/** The type expression text for `make(...)`, when it can be written in this file. */
export function makeTypeText(typed: Typed, pass: Pass, index: PackageIndex): string | undefined {
  const node = typed.typeNode;
  if (!node || underlying(typed.type).kind !== 'map') return undefined;
  // Qualified names must mean the same package in the file that receives the fix.
  let ok = true;
  walk(node, (n) => {
    if (n.type !== 'qualified_type') return;
    const pkg = field(n, 'package')?.text ?? '';
    if (index.importPath(n, pkg) === undefined || index.importPath(n, pkg) !== index.importPath(pass.file.tree.rootNode, pkg)) ok = false;
  });
  return ok && !node.text.includes('\n') ? node.text : undefined;
}

function keyTypeText(typed: Typed): string | undefined {
  const t = typed.typeNode;
  if (!t) return undefined;
  const n = t.type === 'map_type' ? field(t, 'key') : undefined;
  return n?.text;
}

function loopText(loop: LoopMatch, m: string): string {
  const k = loop.key.text;
  const head = loop.form === 'assign' ? `${k} =` : loop.form === 'define-blank' ? `${k}, _ :=` : `${k} :=`;
  return `\`for ${head} range ${m} { delete(${m}, ${k}) }\``;
}

function loopFinding(pass: Pass, index: PackageIndex, resolver: TypeResolver, loop: LoopMatch): Finding | undefined {
  const m = exprKey(loop.mapExpr);
  const typed = resolver.typeOfExpr(loop.mapExpr);
  const mapType = underlying(typed.type);
  if (mapType.kind !== 'map' && mapType.kind !== 'unknown') return undefined; // ranging over a slice, string, ...
  const keyType: GoType = mapType.kind === 'map' ? mapType.key : UNKNOWN('map type unknown');
  const refl = reflexivity(keyType);
  const storage = storageOf(loop.mapExpr, index);
  const facts: RangeClearFacts = {
    form: loop.form, mapText: m, keyType, valueType: mapType.kind === 'map' ? mapType.value : UNKNOWN('map type unknown'),
    keyTypeText: keyTypeText(typed), reflexivity: refl, storage, goVersion: pass.goVersion,
    compilerClears: compilerClearsLoop(loop.form, keyType),
  };
  if (loop.form === 'assign' && keyOnlyUsedByLoop(loop, index)) return undefined; // removing the loop would leave k unused
  if (testsTheLoop(pass, loop.stmt)) return undefined;
  if (index.lookup('delete', loop.stmt)) return undefined; // the package's own delete, not the builtin

  const fixes: Fix[] = [];
  // No go.mod and no setting: the go command builds such files at its own (newest) version.
  // A package that declares its own clear (or make) would get its function called, not the builtin.
  if ((pass.goVersion === undefined || atLeast(pass.goVersion, 1, 21)) && !index.lookup('clear', loop.stmt)) {
    const nan = refl === 'nonreflexive' ? ' (also removes NaN keys, which the loop leaves behind)'
      : refl === 'unknown' ? ' (also removes NaN keys, which the loop would leave behind if the key type holds floats or interfaces)' : '';
    fixes.push({ title: `Replace with clear(${m})${nan}`, preferred: true, effect: 'clear', edits: [replaceStatement(pass, loop.stmt, `clear(${m})`)] });
  }
  const reassignable = (storage === 'package' || storage === 'field') && mapType.kind === 'map' && !index.lookup('make', loop.stmt)
    && assignmentIsShared(loop.mapExpr, resolver) && !isPooled(loop.mapExpr, resolver);
  const typeText = reassignable ? makeTypeText(typed, pass, index) : undefined;
  let makeLine: string | undefined;
  if (typeText) {
    makeLine = `${m} = make(${typeText})`;
    fixes.push({
      title: `Replace with ${makeLine} (releases the old storage at the next GC; other references to the map keep its contents)`,
      preferred: fixes.length === 0,
      effect: 'fresh',
      edits: [replaceStatement(pass, loop.stmt, makeLine)],
    });
  }
  if (!fixes.length) return undefined; // like gopls' modernizers: no finding without a remedy

  return {
    rule: 'rangeclear', severity: rangeclear.severities.medium,
    impact: { level: 'medium', evidence: [facts.compilerClears ? 'readability: one call says what the loop does (the compiler already compiles it to one map clear)' : 'the loop deletes key by key where one call empties the map'] },
    range: spanRange(loop.stmt, loop.header),
    message: loopMessage(loop, facts, m, makeLine),
    fixes,
    explanation: explainRangeClear(facts),
    subject: mapSubject(loop.mapExpr, mapType, index, facts.compilerClears ? 'clear' : 'deletes', typed.typeNode),
  };
}

function loopMessage(loop: LoopMatch, f: RangeClearFacts, m: string, makeLine: string | undefined): string {
  const clearOffered = f.goVersion === undefined || atLeast(f.goVersion, 1, 21);
  // Without clear (Go < 1.21) a finding exists only when the make fix does.
  const release = `${makeLine} lets the GC free its storage (clear needs Go 1.21)`;
  const keyType = f.keyTypeText ? `key type ${f.keyTypeText}` : 'its key type';
  if (f.compilerClears) {
    return clearOffered
      ? `${loopText(loop, m)} empties ${m}; clear(${m}) says so (the compiler already compiles this loop to one map clear)`
      : `${loopText(loop, m)} empties ${m} but keeps its storage (the compiler already compiles this loop to one map clear); ${release}`;
  }
  const remedy = clearOffered ? `clear(${m}) removes every key in one call` : release;
  if (f.reflexivity === 'nonreflexive') {
    return `this loop deletes the keys of ${m} one by one and leaves NaN keys behind (${keyType} is not reflexive); ${remedy}`;
  }
  if (f.reflexivity === 'unknown') {
    return `this loop deletes every key of ${m}, except NaN keys if its key type (unknown here) holds floats or interfaces; ${remedy}`;
  }
  return `this loop empties ${m} by deleting its keys one by one (the compiler turns only \`for k := range ${m} { delete(${m}, k) }\` into one map clear); ${remedy}`;
}

function syncMapFinding(pass: Pass, resolver: TypeResolver, match: SyncMatch): Finding | undefined {
  if (pass.goVersion !== undefined && !atLeast(pass.goVersion, 1, 23)) return undefined;
  if (!isNamedOrPointerTo(resolver.typeOfExpr(match.mapExpr).type, 'sync', 'Map')) return undefined;
  const m = exprKey(match.mapExpr);
  const facts: RangeClearFacts = {
    form: 'sync.Map', mapText: m, keyType: { kind: 'interface' }, valueType: { kind: 'interface' },
    reflexivity: 'nonreflexive', storage: storageOf(match.mapExpr, resolver.index), goVersion: pass.goVersion, compilerClears: false,
  };
  return {
    rule: 'rangeclear', severity: rangeclear.severities.medium,
    impact: { level: 'medium', evidence: ['sync.Map Range + Delete of every key, where Clear() empties it in one call'] },
    range: nodeRange(match.call),
    message: `this Range call deletes every key of ${m} one by one; ${m}.Clear() empties it in one call`,
    fixes: [{ title: `Replace with ${m}.Clear()`, preferred: true, effect: 'syncclear', edits: [replaceStatement(pass, match.stmt, `${m}.Clear()`)] }],
    explanation: explainRangeClear(facts),
    subject: { expr: m }, // sync.Map: the simulation models the built-in map only
  };
}

export const rangeclear: Rule = {
  name: 'rangeclear',
  doc: 'range loops whose body only deletes each key from the map they range over',
  defaultSeverity: 'information',
  severities: { high: 'information', medium: 'information', low: 'hint' },
  inTests: true,
  run(pass: Pass): Finding[] {
    // Candidates come from the text (syntax/candidates.ts); declarations are indexed only once a candidate matched.
    const resolve = pass.resolver;
    const out: Finding[] = [];
    for (const n of inRegions(pass, (span) => deleteLoops(pass.file, span))) {
      if (isBroken(n)) continue; // well-formed loops elsewhere are still found; never fix through an ERROR
      const l = matchLoop(n);
      const f = l && loopFinding(pass, resolve().index, resolve(), l);
      if (f) out.push(f);
    }
    for (const n of inRegions(pass, (span) => rangeCallStatements(pass.file, span))) {
      if (isBroken(n)) continue;
      const m = matchSyncMap(n);
      const f = m && syncMapFinding(pass, resolve(), m);
      if (f) out.push(f);
    }
    return out;
  },
};
