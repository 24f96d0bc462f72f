// Where a map variable lives, which decides what reassigning it can release: a package-level
// variable or a struct field outlives the code that filled it; a local dies with its function
// (the GC does not keep a dead local alive); a parameter belongs to the caller.
import type { SyntaxNode } from '../../parse/parser';
import type { PackageIndex } from './scope';
import { chainParts, unparen } from './nodes';

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
