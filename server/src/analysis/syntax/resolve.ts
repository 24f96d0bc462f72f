// Type resolution from syntax: the declared type of an expression, found through the package's
// declarations (scope.ts) and resolved to the type model (gotypes.ts). What needs another
// package, a method's result or generic instantiation is `unknown`.
import type { SyntaxNode } from '../../parse/parser';
import type { Decl, PackageIndex } from './scope';
import { codeKids, field, fields, unparen } from './nodes';
import {
  UNKNOWN, derefUnderlying, externalType, predeclaredType, underlying,
  type GoType, type StructField,
} from './gotypes';

/** A type and, when it was read from one, the type expression that spells it. */
export interface Typed { type: GoType; typeNode?: SyntaxNode }

const MAX_DEPTH = 24;
const unknown = (why: string): Typed => ({ type: UNKNOWN(why) });

export class TypeResolver {
  /** One GoType per type_spec, so that a named type has one identity and recursion terminates. */
  private named = new Map<string, GoType>();

  constructor(readonly index: PackageIndex) {}

  /** The type a type expression denotes. */
  typeOf(n: SyntaxNode, depth = 0): GoType {
    if (depth > MAX_DEPTH) return UNKNOWN('type too deep');
    switch (n.type) {
      case 'parenthesized_type':
        return codeKids(n)[0] ? this.typeOf(codeKids(n)[0], depth + 1) : UNKNOWN('empty');
      case 'type_identifier':
      case 'identifier': // a type used as a conversion callee, T(x)
        return this.typeByName(n.text, n, depth);
      case 'generic_type': {
        // An instantiated generic type: its type parameters stay unknown inside.
        const base = field(n, 'type');
        return base ? this.typeOf(base, depth + 1) : UNKNOWN('generic type');
      }
      case 'qualified_type': {
        const pkg = field(n, 'package');
        const name = field(n, 'name');
        const importPath = pkg && this.index.importPath(n, pkg.text);
        if (!name || importPath === undefined) return UNKNOWN(`${n.text}: package not imported here`);
        return externalType(importPath, name.text);
      }
      case 'pointer_type':
        return { kind: 'pointer', elem: this.elem(n, depth) };
      case 'slice_type':
        return { kind: 'slice', elem: this.elem(n, depth, 'element') };
      case 'array_type': {
        const len = field(n, 'length');
        const lit = len && len.type === 'int_literal' ? Number(len.text.replace(/_/g, '')) : NaN;
        return { kind: 'array', elem: this.elem(n, depth, 'element'), len: Number.isSafeInteger(lit) ? lit : undefined };
      }
      case 'implicit_length_array_type':
        return { kind: 'array', elem: this.elem(n, depth, 'element') };
      case 'channel_type':
        return { kind: 'chan', elem: this.elem(n, depth, 'value') };
      case 'map_type': {
        const k = field(n, 'key');
        const v = field(n, 'value');
        return { kind: 'map', key: k ? this.typeOf(k, depth + 1) : UNKNOWN('key'), value: v ? this.typeOf(v, depth + 1) : UNKNOWN('value') };
      }
      case 'function_type':
        return { kind: 'func' };
      case 'interface_type':
        return { kind: 'interface' };
      case 'struct_type': {
        let cached: StructField[] | undefined;
        return { kind: 'struct', fields: () => (cached ??= this.structFields(n, depth)) };
      }
      default:
        return UNKNOWN(`type syntax ${n.type}`);
    }
  }

  private elem(n: SyntaxNode, depth: number, name?: string): GoType {
    const e = name ? field(n, name) : codeKids(n).at(-1);
    return e ? this.typeOf(e, depth + 1) : UNKNOWN('element');
  }

  private typeByName(name: string, at: SyntaxNode, depth: number): GoType {
    const decl = this.index.lookup(name, at);
    if (!decl) return predeclaredType(name) ?? UNKNOWN(`${name} is not declared in this package`);
    if (decl.kind === 'typeparam') return { kind: 'typeparam', name };
    if (decl.kind !== 'type' || !decl.spec || !decl.typeNode) return UNKNOWN(`${name} is not a type`);
    if (decl.spec.type === 'type_alias') return this.typeOf(decl.typeNode, depth + 1);
    const key = `${this.index.fileOf(decl.spec)?.path}:${decl.spec.startIndex}`;
    let t = this.named.get(key);
    if (!t) {
      let u: GoType | undefined;
      const spelled = decl.typeNode;
      t = { kind: 'named', name, pkg: '', underlying: () => (u ??= underlying(this.typeOf(spelled, depth + 1))) };
      this.named.set(key, t);
    }
    return t;
  }

  private structFields(n: SyntaxNode, depth: number): StructField[] {
    const list = codeKids(n).find((c) => c.type === 'field_declaration_list');
    const out: StructField[] = [];
    for (const f of list ? codeKids(list) : []) {
      if (f.type !== 'field_declaration') continue;
      const typeNode = field(f, 'type');
      if (!typeNode) continue;
      const type = this.typeOf(typeNode, depth + 1);
      const names = fields(f, 'name');
      if (names.length) for (const nm of names) out.push({ name: nm.text, type, embedded: false, typeNode });
      else out.push({ name: embeddedName(typeNode), type, embedded: true, typeNode });
    }
    return out;
  }

  /**
   * The field `name` of a struct type, through one pointer, with promotion from embedded
   * fields (breadth first: the shallowest wins, as in Go).
   */
  fieldOf(t: GoType, name: string): StructField | undefined {
    return this.lookupField(t, name)?.field;
  }

  /** Like fieldOf, also giving the struct type that declares the field (an embedded one if promoted). */
  lookupField(t: GoType, name: string): { field: StructField; owner: GoType } | undefined {
    let level: GoType[] = [t];
    for (let depth = 0; depth < 6 && level.length; depth++) {
      const next: GoType[] = [];
      for (const lt of level) {
        const s = derefUnderlying(lt);
        if (s.kind !== 'struct') continue;
        for (const f of s.fields()) {
          if (f.name === name) return { field: f, owner: s };
          if (f.embedded) next.push(f.type);
        }
      }
      level = next;
    }
    return undefined;
  }

  /** The declared type of a variable or constant. */
  typeOfDecl(d: Decl, depth = 0): Typed {
    if (depth > MAX_DEPTH) return unknown('too deep');
    if (d.kind !== 'var' && d.kind !== 'const') return unknown(`${d.name} is a ${d.kind}`);
    if (d.typeNode) return { type: this.typeOf(d.typeNode, depth + 1), typeNode: d.typeNode };
    if (d.valueNode) return this.typeOfExpr(d.valueNode, depth + 1);
    if (d.rangeOver) return this.rangeVarType(d.rangeOver.node, d.rangeOver.index, depth);
    if (d.tupleValue) return this.tupleType(d.tupleValue.node, d.tupleValue.index, depth);
    return unknown(`${d.name} has no visible type`);
  }

  private rangeVarType(over: SyntaxNode, index: number, depth: number): Typed {
    const t = underlying(this.typeOfExpr(over, depth + 1).type);
    const int: GoType = { kind: 'basic', name: 'int' };
    switch (t.kind) {
      case 'map': return { type: index === 0 ? t.key : t.value };
      case 'slice': case 'array': return { type: index === 0 ? int : t.elem };
      case 'pointer': {
        const a = underlying(t.elem);
        return a.kind === 'array' ? { type: index === 0 ? int : a.elem } : unknown('range over pointer');
      }
      case 'chan': return { type: t.elem };
      case 'basic':
        if (t.name === 'string') return { type: index === 0 ? int : { kind: 'basic', name: 'int32' } };
        return { type: t };
      default: return unknown('range over unknown');
    }
  }

  private tupleType(value: SyntaxNode, index: number, depth: number): Typed {
    const v = unparen(value);
    if (index === 1 && (v.type === 'type_assertion_expression' || v.type === 'index_expression' || (v.type === 'unary_expression' && v.text.startsWith('<-')))) {
      return { type: { kind: 'basic', name: 'bool' } }; // the comma-ok form
    }
    if (index === 0 && v.type !== 'call_expression') return this.typeOfExpr(v, depth + 1);
    const results = v.type === 'call_expression' ? this.calleeResults(v) : [];
    const r = results[index];
    return r ? { type: this.typeOf(r, depth + 1), typeNode: r } : unknown('multi-value');
  }

  /** Result type expressions of a call to a function declared in this package. */
  private calleeResults(call: SyntaxNode): SyntaxNode[] {
    const fn = field(call, 'function');
    if (!fn || fn.type !== 'identifier') return [];
    const d = this.index.lookup(fn.text, fn);
    if (!d || d.kind !== 'func' || !d.spec) return [];
    const result = field(d.spec, 'result');
    if (!result) return [];
    if (result.type !== 'parameter_list') return [result];
    return codeKids(result).flatMap((p) => {
      const t = field(p, 'type');
      if (!t) return [];
      const n = Math.max(1, fields(p, 'name').length);
      return Array<SyntaxNode>(n).fill(t);
    });
  }

  /** The type of an expression. */
  typeOfExpr(e: SyntaxNode, depth = 0): Typed {
    if (depth > MAX_DEPTH) return unknown('too deep');
    e = unparen(e);
    switch (e.type) {
      case 'identifier': {
        const d = this.index.lookup(e.text, e);
        return d ? this.typeOfDecl(d, depth + 1) : unknown(`${e.text} is not declared in this package`);
      }
      case 'selector_expression': {
        const operand = field(e, 'operand');
        const name = field(e, 'field');
        if (!operand || !name) return unknown('selector');
        if (operand.type === 'identifier' && this.index.lookup(operand.text, operand)?.kind === 'import') {
          return unknown(`${e.text} is declared in another package`);
        }
        const f = this.fieldOf(this.typeOfExpr(operand, depth + 1).type, name.text);
        return f ? { type: f.type, typeNode: f.typeNode } : unknown(`${e.text}: no such field known`);
      }
      case 'composite_literal': {
        const t = field(e, 'type');
        return t ? { type: this.typeOf(t, depth + 1), typeNode: t } : unknown('literal');
      }
      case 'type_assertion_expression': {
        const t = field(e, 'type');
        return t ? { type: this.typeOf(t, depth + 1), typeNode: t } : unknown('assertion');
      }
      case 'unary_expression': {
        const op = field(e, 'operator')?.text;
        const x = field(e, 'operand');
        if (!x) return unknown('unary');
        const inner = this.typeOfExpr(x, depth + 1).type;
        if (op === '&') return { type: { kind: 'pointer', elem: inner } };
        if (op === '*') { const p = underlying(inner); return { type: p.kind === 'pointer' ? p.elem : UNKNOWN('deref') }; }
        if (op === '<-') { const c = underlying(inner); return { type: c.kind === 'chan' ? c.elem : UNKNOWN('receive') }; }
        return { type: inner };
      }
      case 'index_expression': {
        const x = field(e, 'operand');
        const t = x ? underlying(this.typeOfExpr(x, depth + 1).type) : UNKNOWN('index');
        if (t.kind === 'map') return { type: t.value };
        if (t.kind === 'slice' || t.kind === 'array') return { type: t.elem };
        return unknown('index');
      }
      case 'call_expression':
        return this.callType(e, depth);
      case 'interpreted_string_literal': case 'raw_string_literal':
        return { type: { kind: 'basic', name: 'string' } };
      case 'int_literal':
        return { type: { kind: 'basic', name: 'int' } };
      case 'float_literal':
        return { type: { kind: 'basic', name: 'float64' } };
      case 'imaginary_literal':
        return { type: { kind: 'basic', name: 'complex128' } };
      case 'true': case 'false':
        return { type: { kind: 'basic', name: 'bool' } };
      case 'func_literal':
        return { type: { kind: 'func' } };
      default:
        return unknown(`expression ${e.type}`);
    }
  }

  private callType(call: SyntaxNode, depth: number): Typed {
    const fn = field(call, 'function');
    const args = field(call, 'arguments');
    const first = args ? codeKids(args)[0] : undefined;
    if (!fn) return unknown('call');
    const callee = fn.type === 'identifier' ? this.index.lookup(fn.text, fn) : undefined;
    if (fn.type === 'identifier' && !callee && first) {
      if (fn.text === 'make') return { type: this.typeOf(first, depth + 1), typeNode: first };
      if (fn.text === 'new') return { type: { kind: 'pointer', elem: this.typeOf(first, depth + 1) } };
    }
    // A conversion T(x) to a type of this package.
    if (callee?.kind === 'type') return { type: this.typeOf(fn, depth + 1), typeNode: fn };
    if (fn.type === 'parenthesized_type' || fn.type === 'map_type' || fn.type === 'qualified_type') return { type: this.typeOf(fn, depth + 1), typeNode: fn };
    const results = this.calleeResults(call);
    return results.length === 1 ? { type: this.typeOf(results[0], depth + 1), typeNode: results[0] } : unknown(`result of ${fn.text}`);
  }
}

function embeddedName(typeNode: SyntaxNode): string {
  let t = typeNode;
  if (t.type === 'pointer_type') t = codeKids(t).at(-1) ?? t;
  if (t.type === 'generic_type') t = field(t, 'type') ?? t;
  if (t.type === 'qualified_type') return field(t, 'name')?.text ?? t.text;
  return t.text;
}
