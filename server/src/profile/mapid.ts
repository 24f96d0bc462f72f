// Which map an expression or an allocation names, as one identity the profile's bytes are summed
// under: a package variable, a struct field (every instance of T.f together), a local at its
// declaration, or the maps stored as another map's values (`byUser[…]`).
import * as path from 'path';
import type { SyntaxNode } from '../parse/parser';
import type { Pass } from '../analysis/types';
import { field, unparen } from '../analysis/syntax/nodes';
import { derefUnderlying, typeName, underlying, type GoType } from '../analysis/syntax/gotypes';
import { layoutText } from '../analysis/syntax/typetext';
import type { TypeResolver } from '../analysis/syntax/resolve';
import { enclosingFunction } from '../analysis/syntax/storage';

export type MapKind = 'package' | 'field' | 'local';

export interface MapId {
  /** Unique across the workspace: the bytes of one map are summed under it. */
  key: string;
  /** `sessions`, `Store.byID`, `byUser[…]`. */
  name: string;
  kind: MapKind;
  /** Where it is declared (absolute file, 1-based line). */
  file: string;
  line: number;
  /** The maps that are values of the map `elementOf` (a map of maps). */
  elementOf?: string;
  typeText?: string;
  /** For the simulation (sim/layout syntax); undefined when not known. */
  keyType?: string;
  valueType?: string;
}

const lineOf = (n: SyntaxNode) => n.startPosition.row + 1;

function mapTypeOf(e: SyntaxNode, resolver: TypeResolver): { key?: string; value?: string; text?: string; valueType?: GoType } | undefined {
  const typed = resolver.typeOfExpr(e);
  const t = typed.type;
  const u = underlying(t);
  if (u.kind === 'unknown') return {};
  if (u.kind !== 'map') return undefined;
  // As the declaration spells it (`[128]byte`, not `[128]uint8`).
  const text = typed.typeNode?.type === 'map_type' ? typed.typeNode.text.replace(/\s+/g, ' ') : typeName(t);
  return { key: layoutText(u.key), value: layoutText(u.value), text, valueType: u.value };
}

/** The map `expr` names, or undefined when it is not a map we can name (a call's result, an unknown type). */
export function mapIdOf(expr: SyntaxNode, pass: Pass, depth = 0): MapId | undefined {
  if (depth > 4) return undefined;
  const resolver = pass.resolver();
  const e = unparen(expr);
  const types = mapTypeOf(e, resolver);
  if (!types) return undefined;
  const typed = { typeText: types.text, keyType: types.key, valueType: types.value };
  const fileOf = (n: SyntaxNode) => resolver.index.fileOf(n)?.path ?? pass.file.path;
  const dir = path.dirname(pass.file.path);
  if (e.type === 'identifier') {
    const d = resolver.index.lookup(e.text, e);
    if (!d || d.kind !== 'var') return undefined;
    const file = fileOf(d.nameNode);
    if (d.binding === 'package') return { key: `package:${dir}:${d.name}`, name: d.name, kind: 'package', file, line: lineOf(d.nameNode), ...typed };
    // A local made here and then stored somewhere longer-lived is that map (`m := make(...); s.cache = m`).
    const stored = storedInto(d.nameNode, e.text, pass, depth);
    if (stored) return stored;
    return { key: `local:${file}:${lineOf(d.nameNode)}:${d.name}`, name: d.name, kind: 'local', file, line: lineOf(d.nameNode), ...typed };
  }
  if (e.type === 'selector_expression') {
    const operand = field(e, 'operand');
    const name = field(e, 'field')?.text;
    if (!operand || !name) return undefined;
    const ot = resolver.typeOfExpr(operand).type;
    const found = resolver.lookupField(ot, name);
    if (!found?.field.typeNode) return undefined;
    return { ...fieldMapId(ownerName(ot, found.owner), name, found.field.typeNode, pass), ...typed };
  }
  if (e.type === 'index_expression') {
    const outer = field(e, 'operand');
    const o = outer && mapIdOf(outer, pass, depth + 1);
    if (!o) return undefined;
    return { ...o, ...typed, key: `${o.key}[]`, name: `${o.name}[…]`, elementOf: o.name };
  }
  return undefined;
}

/** The map a field `owner.name` is, all instances together, at the field's declaration (`typeNode`: its type). */
export function fieldMapId(owner: string, name: string, typeNode: SyntaxNode, pass: Pass): MapId {
  const declNode = typeNode.parent ?? typeNode;
  const file = pass.resolver().index.fileOf(declNode)?.path ?? pass.file.path;
  return { key: `field:${path.dirname(file)}:${owner}.${name}`, name: `${owner}.${name}`, kind: 'field', file, line: lineOf(declNode) };
}

/** The named type that declares a field: the operand's own type, else the embedded one's owner. */
function ownerName(operandType: GoType, owner: GoType): string {
  let t = operandType;
  if (t.kind === 'pointer') t = t.elem;
  if (t.kind === 'named' && derefUnderlying(t) === owner) return t.name;
  return typeName(owner);
}

/**
 * A local initialized by the allocation and later assigned whole to a longer-lived place in the
 * same function (`x.f = m`, `M[k] = m`, `pkgVar = m`): that place's identity.
 */
function storedInto(nameNode: SyntaxNode, name: string, pass: Pass, depth: number): MapId | undefined {
  const fn = enclosingFunction(nameNode);
  if (!fn) return undefined;
  for (const a of fn.descendantsOfType('assignment_statement')) {
    if (!a || a.startIndex < nameNode.startIndex) continue;
    const left = field(a, 'left');
    const right = field(a, 'right');
    if (!left || !right || field(a, 'operator')?.text !== '=' && !a.children.some((c) => c?.type === '=')) continue;
    const ls = left.namedChildren.filter((c): c is SyntaxNode => c !== null);
    const rs = right.namedChildren.filter((c): c is SyntaxNode => c !== null);
    if (ls.length !== 1 || rs.length !== 1 || unparen(rs[0]).text !== name) continue;
    const target = unparen(ls[0]);
    if (target.type === 'identifier' && target.text === name) continue;
    const id = mapIdOf(target, pass, depth + 1);
    if (id && id.kind !== 'local') return id;
  }
  return undefined;
}
