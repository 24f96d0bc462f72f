// Where a map variable lives, which decides what reassigning it can release: a package-level
// variable or a struct field outlives the code that filled it; a local dies with its function
// (the GC does not keep a dead local alive); a parameter belongs to the caller.
import type { SyntaxNode } from '../../parse/parser';
import type { PackageIndex } from './scope';
import type { TypeResolver } from './resolve';
import { chainParts, field, unparen } from './nodes';
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
