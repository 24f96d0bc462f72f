// `map[K]any` spelled in the source: the empty-interface value type of a map type node, and the
// map type a `make(...)` or a map literal spells. Shared by ifacebox's narrowing (narrow.ts) and
// its struct-shaped payloads (structpayload.ts).
import type { SyntaxNode } from '../../parse/parser';
import { codeKids, field, unparen } from './nodes';

/** The value type node of a `map[K]V` type node when V is the empty interface (`any`, `interface{}`). */
export function emptyInterfaceValue(mapType: SyntaxNode | undefined): SyntaxNode | undefined {
  if (mapType?.type !== 'map_type') return undefined;
  const v = field(mapType, 'value');
  if (!v) return undefined;
  if (v.type === 'type_identifier' && v.text === 'any') return v;
  if (v.type === 'interface_type' && codeKids(v).length === 0) return v;
  return undefined;
}

/** The map type node `make(map...)` or a `map...{}` literal spells, else undefined. */
export function madeMapType(value: SyntaxNode): SyntaxNode | undefined {
  const v = unparen(value);
  if (v.type === 'composite_literal') {
    const t = field(v, 'type');
    return t?.type === 'map_type' ? t : undefined;
  }
  if (v.type === 'call_expression' && field(v, 'function')?.text === 'make') {
    const first = codeKids(field(v, 'arguments') ?? v)[0];
    return first?.type === 'map_type' ? first : undefined;
  }
  return undefined;
}
