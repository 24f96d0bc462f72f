// The map a finding is about, as the simulation needs it (MapSubject): its key and value types
// spelled for sim/layout, and the size hint of the `make` that created it when the code shows it
// (a variable declared as `make(map[K]V, N)` or `M := make(...)`, N an integer literal or a
// constant declared with one). explain/findingnumbers.ts sizes its numbers with them.
import type { SyntaxNode } from '../../parse/parser';
import type { MapSubject } from '../types';
import type { GoType } from './gotypes';
import { codeKids, exprKey, field, unparen } from './nodes';
import type { PackageIndex } from './scope';
import { layoutText } from './typetext';

/** The value of a Go integer literal (`1_000`, `0x10`, `0o17`, `017`, `0b1`), or undefined. */
export function intLiteralValue(text: string): number | undefined {
  const s = text.replace(/_/g, '').toLowerCase();
  let v: number;
  if (/^0[0-7]+$/.test(s)) v = parseInt(s.slice(1), 8); // legacy octal: 017 is 15
  else if (/^(0x[0-9a-f]+|0o[0-7]+|0b[01]+|[0-9]+)$/.test(s)) v = Number(s);
  else return undefined;
  return Number.isSafeInteger(v) ? v : undefined;
}

/** An integer constant expression we can read: a literal, or a constant declared as one. */
export function intValue(n: SyntaxNode, index: PackageIndex, depth = 0): number | undefined {
  const e = unparen(n);
  if (e.type === 'int_literal') return intLiteralValue(e.text);
  if (e.type !== 'identifier' || depth > 4) return undefined;
  const d = index.lookup(e.text, e);
  return d && d.kind === 'const' && d.valueNode ? intValue(d.valueNode, index, depth + 1) : undefined;
}

/** The hint N of `make(map[K]V, N)` that initializes the variable `mapExpr` names, or undefined. */
export function makeHint(mapExpr: SyntaxNode, index: PackageIndex): number | undefined {
  const e = unparen(mapExpr);
  if (e.type !== 'identifier') return undefined; // fields are made elsewhere (constructors); not followed
  const decl = index.lookup(e.text, e);
  const call = decl && decl.kind === 'var' && decl.valueNode ? unparen(decl.valueNode) : undefined;
  if (!call || call.type !== 'call_expression' || field(call, 'function')?.text !== 'make') return undefined;
  if (index.lookup('make', call)) return undefined; // the package's own make
  const args = codeKids(field(call, 'arguments')!);
  if (args.length !== 2) return undefined;
  const n = intValue(args[1], index);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** The subject of a finding on the map `mapExpr` of type `mapType` (its underlying type). */
export function mapSubject(mapExpr: SyntaxNode, mapType: GoType, index: PackageIndex, emptiedBy?: MapSubject['emptiedBy'], spelled?: SyntaxNode): MapSubject {
  const subject: MapSubject = { expr: exprKey(mapExpr) };
  // As written (`[]byte` stays `[]byte`; the layout text says `[]uint8`).
  if (spelled?.type === 'map_type') subject.typeText = spelled.text.replace(/\s+/g, ' ');
  if (mapType.kind === 'map') {
    subject.keyType = layoutText(mapType.key);
    subject.valueType = layoutText(mapType.value);
  }
  const hint = makeHint(mapExpr, index);
  if (hint !== undefined) subject.hint = hint;
  if (emptiedBy) subject.emptiedBy = emptiedBy;
  return subject;
}
