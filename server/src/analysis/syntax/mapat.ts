// The map under a cursor, for the map hover: a map type written in any position (`map[K]V`, the
// cursor on `map` or its brackets), a named map type, or a variable, parameter, field or selector
// whose type resolves to a map. Pure syntax and type resolution; no LSP, no numbers.
import type { SyntaxNode } from '../../parse/parser';
import type { Position, Range } from '../types';
import { codeKids, field, nodeRange, unparen } from './nodes';
import { typeName, underlying, type GoType } from './gotypes';
import type { Typed, TypeResolver } from './resolve';
import { declsOf, type Decl, type PackageIndex } from './scope';
import { closureHolding, storageOf, type Storage } from './storage';
import { layoutText } from './typetext';
import { intValue } from './subject';

export type MapAtKind = 'type' | 'named-type' | 'variable';

export interface MapAt {
  kind: MapAtKind;
  /** The hovered name or type as written (`m`, `s.cache`, `map[string]int`, `Cache`). */
  text: string;
  range: Range;
  /** Where a variable lives (decides the retention sentence); undefined for types. */
  storage?: Storage;
  /** A local captured by a closure that outlives its function: how it does ('returned from New'). */
  heldByClosure?: string;
  /** The map type for display: as written when the declaration spells it, else reconstructed. */
  typeText: string;
  keyText: string;
  valueText: string;
  /** Key and value types spelled for sim/layout (layoutText); undefined when unknown. */
  keyType?: string;
  valueType?: string;
  /** Why a key or value type has no layout here (another package, a type parameter...). */
  unknown?: string;
  /** The N of `make(map[K]V, N)` (an integer literal or constant) that made it, when visible. */
  hint?: number;
}

/** The map at `pos`, or undefined when the cursor is not on one (or its type is not a map we can see). */
export function mapAt(root: SyntaxNode, pos: Position, resolver: TypeResolver): MapAt | undefined {
  const node = root.descendantForPosition({ row: pos.line, column: pos.character });
  if (!node) return undefined;
  const parent = node.parent;
  // `map`, `[` or `]` of a map type, or the map type node itself.
  const mapType = node.type === 'map_type' ? node : parent?.type === 'map_type' && !node.isNamed ? parent : undefined;
  if (mapType) return fromType(mapType, 'type', resolver.typeOf(mapType), mapType, makeCallHint(mapType, resolver.index));
  switch (node.type) {
    case 'type_identifier': {
      const t = resolver.typeOf(node);
      return t.kind === 'named' ? fromType(node, 'named-type', t, undefined) : undefined;
    }
    case 'identifier':
      return fromIdentifier(node, resolver);
    case 'field_identifier': {
      if (parent?.type === 'selector_expression') return fromExpr(parent, resolver.typeOfExpr(parent), storageOf(parent, resolver.index), undefined);
      if (parent?.type === 'field_declaration') {
        const tn = field(parent, 'type');
        return tn ? fromExpr(node, { type: resolver.typeOf(tn), typeNode: tn }, 'field', undefined) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fromIdentifier(id: SyntaxNode, resolver: TypeResolver): MapAt | undefined {
  const index = resolver.index;
  const declared = declarationAt(id);
  if (declared) {
    const storage: Storage = declared.binding === 'package' ? 'package' : declared.binding === 'local' ? 'local' : 'parameter';
    return withClosure(fromExpr(id, resolver.typeOfDecl(declared), storage, hintOf(declared, index)), declared, resolver);
  }
  const d = index.lookup(id.text, id);
  if (!d || d.kind !== 'var') return undefined;
  return withClosure(fromExpr(id, resolver.typeOfDecl(d), storageOf(id, index), hintOf(d, index)), d, resolver);
}

/** A local map that an outliving closure captures is not a plain local: the closure keeps it. */
function withClosure(m: MapAt | undefined, d: Decl, resolver: TypeResolver): MapAt | undefined {
  if (m?.storage === 'local') m.heldByClosure = closureHolding(d, resolver);
  return m;
}

/** The declaration `id` is the name of, when the cursor is on a declaring occurrence. */
function declarationAt(id: SyntaxNode): Decl | undefined {
  const p = id.parent;
  if (!p) return undefined;
  const same = (d: Decl) => d.nameNode.startIndex === id.startIndex && d.nameNode.endIndex === id.endIndex;
  if (p.type === 'var_spec') {
    const decl = p.parent?.type === 'var_spec_list' ? p.parent.parent : p.parent;
    if (!decl) return undefined;
    return declsOf(decl, decl.parent?.type === 'source_file' ? 'package' : 'local').find(same);
  }
  if (p.type === 'expression_list' && p.parent?.type === 'short_var_declaration' && field(p.parent, 'left')?.startIndex === p.startIndex) {
    return declsOf(p.parent, 'local').find(same);
  }
  if (p.type === 'expression_list' && p.parent?.type === 'range_clause' && field(p.parent, 'left')?.startIndex === p.startIndex) {
    const right = field(p.parent, 'right');
    const i = codeKids(p).findIndex((k) => k.startIndex === id.startIndex);
    return right && i >= 0 ? { name: id.text, kind: 'var', binding: 'local', nameNode: id, rangeOver: { node: right, index: i } } : undefined;
  }
  if (p.type === 'parameter_declaration' || p.type === 'variadic_parameter_declaration') {
    const list = p.parent;
    const fn = list?.parent;
    const binding = fn && field(fn, 'result')?.startIndex === list!.startIndex ? 'result' : fn && field(fn, 'receiver')?.startIndex === list!.startIndex ? 'receiver' : 'parameter';
    // `xs ...T` is a []T: not a map whatever T is.
    const typeNode = p.type === 'parameter_declaration' ? field(p, 'type') : undefined;
    return typeNode ? { name: id.text, kind: 'var', binding, nameNode: id, typeNode } : undefined;
  }
  return undefined;
}

/** `var m = make(map[K]V, N)` / `m := make(...)`: N when it is an integer literal or such a constant. */
function hintOf(d: Decl, index: PackageIndex): number | undefined {
  const v = d.valueNode && unparen(d.valueNode);
  return v && v.type === 'call_expression' ? makeArgsHint(v, index) : undefined;
}

/** The hint of the make call whose first argument is `mapType`. */
function makeCallHint(mapType: SyntaxNode, index: PackageIndex): number | undefined {
  const call = mapType.parent?.type === 'argument_list' ? mapType.parent.parent : undefined;
  return call?.type === 'call_expression' && codeKids(mapType.parent!)[0]?.startIndex === mapType.startIndex ? makeArgsHint(call, index) : undefined;
}

function makeArgsHint(call: SyntaxNode, index: PackageIndex): number | undefined {
  const fn = field(call, 'function');
  if (fn?.type !== 'identifier' || fn.text !== 'make' || index.lookup('make', call)) return undefined;
  const args = codeKids(field(call, 'arguments')!);
  return args.length === 2 ? intValue(args[1], index) : undefined;
}

function fromExpr(at: SyntaxNode, typed: Typed, storage: Storage, hint: number | undefined): MapAt | undefined {
  const spelled = typed.typeNode && (typed.typeNode.type === 'map_type' || typed.typeNode.type === 'type_identifier') ? typed.typeNode : undefined;
  const m = fromType(at, 'variable', typed.type, spelled, hint);
  if (m) m.storage = storage;
  return m;
}

function fromType(at: SyntaxNode, kind: MapAtKind, t: GoType, spelled: SyntaxNode | undefined, hint?: number): MapAt | undefined {
  const u = underlying(t);
  if (u.kind !== 'map') return undefined;
  const keyNode = spelled?.type === 'map_type' ? field(spelled, 'key') : undefined;
  const valueNode = spelled?.type === 'map_type' ? field(spelled, 'value') : undefined;
  const keyText = keyNode?.text ?? typeName(u.key);
  const valueText = valueNode?.text ?? typeName(u.value);
  const typeText = t.kind === 'named' ? t.name : spelled?.type === 'map_type' ? spelled.text : `map[${keyText}]${valueText}`;
  const out: MapAt = { kind, text: at.text, range: nodeRange(at), typeText, keyText, valueText };
  const k = layoutText(u.key), v = layoutText(u.value);
  if (k !== undefined) out.keyType = k;
  if (v !== undefined) out.valueType = v;
  if (hint !== undefined) out.hint = hint;
  const kw = unknownPart(u.key), vw = kw ? undefined : unknownPart(u.value);
  if (kw) out.unknown = `the key type ${keyText} has no known layout (${kw})`;
  else if (vw) out.unknown = `the value type ${valueText} has no known layout (${vw})`;
  return out;
}

/** The reason the first unknown part of a type is unknown (depth-first), if any. */
function unknownPart(t: GoType, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  switch (t.kind) {
    case 'unknown': return t.why;
    case 'typeparam': return `${t.name} is a type parameter: its layout depends on the instantiation`;
    case 'array': return t.len === undefined ? 'an array length that is not an integer literal' : unknownPart(t.elem, depth + 1);
    case 'named': return t.pkg === '' ? unknownPart(t.underlying(), depth + 1) : undefined;
    case 'struct': for (const f of t.fields()) { const w = unknownPart(f.type, depth + 1); if (w) return w; } return undefined;
    default: return undefined;
  }
}

