// mapretain: a package-level map variable, a map struct field, or a local map captured by a
// closure that outlives its function, that is emptied (a range-delete loop, as rangeclear matches
// it, or `clear(M)`) and never released. docs/rules/mapretain.md says what and why.
//
// The fact behind it (DESIGN.md "What is true"): a Go map never gives memory back while it is
// reachable. The loop and clear keep the bucket array (Go <= 1.23, runtime/map.go mapclear) or the
// groups, tables and directory (Go >= 1.24, internal/runtime/maps/map.go Clear); only dropping
// every reference (M = nil, M = make(...), M = map[K]V{}) lets the GC free the old storage.
//
// Released = anything that may replace the map (analysis/longlived.ts assignmentsOf): an assignment
// to it anywhere in the package, or its address taken.
import type { SyntaxNode } from '../parse/parser';
import type { Finding, Fix, Pass, Rule, TextEdit } from './types';
import { atLeast } from './goversion';
import { compilerClearsLoop, lineIndent, makeTypeText, matchLoop, replaceStatement, type LoopMatch } from './rangeclear';
import { chainParts, codeKids, contains, exprKey, field, isBroken, isNameChain, nodeRange, sameNode, spanRange } from './syntax/nodes';
import type { PackageIndex, Decl } from './syntax/scope';
import type { TypeResolver } from './syntax/resolve';
import { underlying, type GoType } from './syntax/gotypes';
import { isPooled } from './syntax/pooled';
import { callsOf, deleteLoops, inRegions } from './syntax/candidates';
import { mapSubject } from './syntax/subject';
import { clearingImpact } from './retention';
import { assignedIn, isReleased, isVar, ownerLives, targetOf, targetUses } from './longlived';
import { ignoreEdit } from './suppress';
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


/** The steady size a bounded release keeps: the make hint seen, else the typical size the numbers assume. */
function steadySize(hints: readonly number[], assumed = TYPICAL_ENTRIES): number {
  return hints.find((h) => h > 0) ?? assumed;
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
  const uses = targetUses(target, resolver, target.kind === 'captured' ? [pass.indexed] : index.files);
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
  const limit = steadySize(uses.hints, pass.steadyEntries);
  // Go rejects a local that is assigned but never used: when the clearing is the captured map's
  // only use, `m = make(...)` would not compile.
  if (typeText && (target.kind !== 'captured' || usedOutside(target.decl, target.fn, c.stmt, index))) {
    const made = hint !== undefined ? `make(${typeText}, ${hint})` : `make(${typeText})`;
    fixes.push({
      title: `Release it only when it outgrew its steady size: if len(${m}) > ${limit} { ${m} = ${made} } else { ${c.how === 'clear' ? `clear(${m})` : 'empty it' } } ` +
        `(${hint !== undefined ? 'the limit is its make hint' : `${limit.toLocaleString('en-US')} is a size assumed here (rules.mapretain.steadyEntries): set the map's steady size`}; other references keep the old contents)`,
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
  fixes.push({ title: 'Suppress with //mapleak:ignore mapretain (reuse is intended)', preferred: false, effect: 'suppress', edits: [ignoreEdit(pass, c.stmt, 'mapretain', 'reuse is intended')] });
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
