// Maps handed back to a sync.Pool: clearing them to reuse them is the point of the pool, so
// rules must not suggest replacing them with a fresh map.
import type { SyntaxNode } from '../../parse/parser';
import type { TypeResolver } from './resolve';
import { chainParts, codeKids, exprKey, field, unparen } from './nodes';
import { derefUnderlying, isNamedOrPointerTo, type GoType } from './gotypes';

/**
 * Whether the map `mapExpr` (an identifier or selector chain) is put into a sync.Pool anywhere
 * in the package: `p.Put(M)`, `p.Put(&M)`, or a Put of the variable or value whose field M is
 * (the same text, like `s` for `s.cache`, or any value of the struct type that holds the field).
 */
export function isPooled(mapExpr: SyntaxNode, resolver: TypeResolver): boolean {
  const parts = chainParts(mapExpr);
  const prefixes = new Set<string>();
  const owners: GoType[] = [];
  for (let i = 1; i <= parts.length; i++) prefixes.add(parts.slice(0, i).map((p) => p.text).join('.'));
  // `s` in `pool.Put(s)` is M's `s` only if it is the same variable, not a namesake elsewhere.
  const root = resolver.index.lookup(parts[0].text, parts[0]);
  const sameRoot = (arg: SyntaxNode) => {
    const r = chainParts(arg)[0];
    const d = r.type === 'identifier' ? resolver.index.lookup(r.text, r) : undefined;
    return d !== undefined && root !== undefined && d.nameNode.tree === root.nameNode.tree && d.nameNode.startIndex === root.nameNode.startIndex;
  };
  // The struct types along the chain: a.b.c is owned by a's type and a.b's type.
  let cur = unparen(mapExpr);
  while (cur.type === 'selector_expression') {
    const operand = field(cur, 'operand');
    if (!operand) break;
    const operandType = resolver.typeOfExpr(operand).type;
    owners.push(derefUnderlying(operandType));
    const declared = resolver.lookupField(operandType, field(cur, 'field')?.text ?? '');
    if (declared) owners.push(declared.owner); // a promoted field belongs to the embedded struct
    cur = unparen(operand);
  }
  for (const file of resolver.index.files) {
    if (!file.text.includes('.Put(')) continue; // most files hand nothing to a pool
    let found = false;
    for (const n of file.tree.rootNode.descendantsOfType('call_expression')) {
      if (!n) continue;
      const fn = field(n, 'function');
      const args = field(n, 'arguments');
      if (!fn || fn.type !== 'selector_expression' || field(fn, 'field')?.text !== 'Put' || !args) continue;
      const argList = codeKids(args);
      const pool = field(fn, 'operand');
      if (argList.length !== 1 || !pool) continue;
      if (!isNamedOrPointerTo(resolver.typeOfExpr(pool).type, 'sync', 'Pool')) continue;
      let arg = unparen(argList[0]);
      if (arg.type === 'unary_expression' && field(arg, 'operator')?.text === '&') arg = unparen(field(arg, 'operand') ?? arg);
      if (prefixes.has(exprKey(arg)) && sameRoot(arg)) { found = true; break; }
      const argType = derefUnderlying(resolver.typeOfExpr(arg).type);
      if (owners.some((o) => o === argType && o.kind === 'struct')) { found = true; break; }
    }
    if (found) return true;
  }
  return false;
}
