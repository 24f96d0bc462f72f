// Type resolution from syntax: the declared type of an expression, found through the package's
// declarations (scope.ts) and resolved to the type model (gotypes.ts). Calls give their results
// for functions and methods of the package, conversions, builtins and the standard-library table
// of stdlib.ts; what needs another package or generic instantiation is `unknown`.
import type { SyntaxNode } from '../../parse/parser';
import type { Decl, PackageIndex } from './scope';
import type { ForeignDecl } from '../types';
import { codeKids, field, fields, treeId, unparen } from './nodes';
import {
  UNKNOWN, derefUnderlying, externalType, predeclaredType, underlying,
  type GoType, type StructField,
} from './gotypes';
import { stdFuncResults, stdMethodResults, stdValueType } from './stdlib';

/** A type and, when it was read from one, the type expression that spells it. */
export interface Typed { type: GoType; typeNode?: SyntaxNode }

const MAX_DEPTH = 24;
const unknown = (why: string): Typed => ({ type: UNKNOWN(why) });

export class TypeResolver {
  /** One GoType per type_spec, so that a named type has one identity and recursion terminates. */
  private named = new Map<string, GoType>();
  /** Methods of the package's types, `Type.Method` -> method_declaration, built on first use. */
  private methods: Map<string, SyntaxNode> | undefined;

  /**
   * @param foreign a declaration of another package by import path and name, when its files can
   * be read (AnalysisContext.foreign: the standard library, the module's packages, its
   * dependencies in the module cache); undefined when they cannot.
   */
  constructor(readonly index: PackageIndex, private foreign: (importPath: string, name: string) => ForeignDecl | undefined = () => undefined) {}

  /** Whether `name` of the imported package is a constant: 'maybe' when that package cannot be read. */
  foreignConstant(importPath: string | undefined, name: string): 'yes' | 'no' | 'maybe' {
    const d = importPath === undefined ? undefined : this.foreign(importPath, name);
    return !d || d.kind === 'none' ? 'maybe' : d.kind === 'const' ? 'yes' : 'no';
  }

  /** Whether `name` of the imported package is a type with a basic underlying type (a constant conversion). */
  foreignBasicType(importPath: string | undefined, name: string): 'yes' | 'no' | 'maybe' {
    const d = importPath === undefined ? undefined : this.foreign(importPath, name);
    if (!d || d.kind === 'none') return 'maybe';
    return d.kind === 'type' && d.basic ? 'yes' : d.kind === 'type' && d.basic === undefined ? 'maybe' : 'no';
  }

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
      case 'interface_type': {
        const text = n.text.replace(/\s+/g, ' ');
        return { kind: 'interface', text: text.length <= 40 ? text : 'interface{…}' };
      }
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

  private typeByName(name: string, at: SyntaxNode, depth = 0): GoType {
    const decl = this.index.lookup(name, at);
    if (!decl) return predeclaredType(name) ?? UNKNOWN(`${name} is not declared in this package`);
    if (decl.kind === 'typeparam') return { kind: 'typeparam', name };
    if (decl.kind !== 'type' || !decl.spec || !decl.typeNode) return UNKNOWN(`${name} is not a type`);
    if (decl.spec.type === 'type_alias') return this.typeOf(decl.typeNode, depth + 1);
    const key = `${treeId(decl.spec.tree)}:${decl.spec.startIndex}`;
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
    // A function of the package used as a value (`f := handle`): a func value, one pointer.
    if (d.kind === 'func' && d.spec?.type === 'function_declaration') return { type: { kind: 'func' } };
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
    const results = v.type === 'call_expression' ? this.callResults(v, depth) : [];
    return results[index] ?? unknown('multi-value');
  }

  /** Result type expressions of a call to a function declared in this package. */
  private calleeResults(call: SyntaxNode): SyntaxNode[] {
    const fn = field(call, 'function');
    if (!fn || fn.type !== 'identifier') return [];
    const d = this.index.lookup(fn.text, fn);
    if (!d || d.kind !== 'func' || !d.spec) return [];
    return resultNodes(d.spec);
  }

  /** The method `name` declared in this package for the named type `typeName`. */
  private methodDecl(typeName: string, name: string): SyntaxNode | undefined {
    if (!this.methods) {
      this.methods = new Map();
      for (const m of this.index.methods()) {
        const recv = field(m, 'receiver');
        const p = recv && codeKids(recv).find((c) => c.type === 'parameter_declaration');
        let t = p && field(p, 'type');
        if (t?.type === 'pointer_type') t = codeKids(t).at(-1);
        if (t?.type === 'generic_type') t = field(t, 'type');
        const mname = field(m, 'name');
        if (t && mname && !this.methods.has(`${t.text}.${mname.text}`)) this.methods.set(`${t.text}.${mname.text}`, m);
      }
    }
    return this.methods.get(`${typeName}.${name}`);
  }

  /**
   * How a method of a package type takes its receiver: 'pointer' (`func (t *T) M()`), 'value',
   * or undefined when `t` has no such method we can see (a field of func type, another package).
   */
  methodReceiver(t: GoType, name: string): 'pointer' | 'value' | undefined {
    const base = t.kind === 'pointer' ? t.elem : t;
    if (base.kind !== 'named' || base.pkg !== '') return undefined;
    const m = this.methodDecl(base.name, name);
    const recv = m && field(m, 'receiver');
    const p = recv && codeKids(recv).find((c) => c.type === 'parameter_declaration');
    const rt = p && field(p, 'type');
    return rt ? (rt.type === 'pointer_type' ? 'pointer' : 'value') : undefined;
  }

  /**
   * The result types of a call: functions and methods of this package, builtins, and the
   * standard-library table. Empty when unknown.
   */
  callResults(call: SyntaxNode, depth = 0): Typed[] {
    const fn = field(call, 'function');
    if (!fn) return [];
    const f = unparen(fn);
    const fromNodes = (nodes: SyntaxNode[]) => nodes.map((r) => ({ type: this.typeOf(r, depth + 1), typeNode: r }));
    if (f.type === 'identifier') return fromNodes(this.calleeResults(call));
    if (f.type !== 'selector_expression') return [];
    const operand = field(f, 'operand');
    const name = field(f, 'field')?.text;
    if (!operand || !name) return [];
    const imp = operand.type === 'identifier' ? this.index.lookup(operand.text, operand) : undefined;
    if (imp?.kind === 'import') {
      return imp.importPath === undefined ? [] : (stdFuncResults(imp.importPath, name) ?? []).map((type) => ({ type }));
    }
    // A method: of a package type (not a field of func type, which would shadow it).
    const recv = this.typeOfExpr(operand, depth + 1).type;
    if (this.fieldOf(recv, name)) return [];
    const base = recv.kind === 'pointer' ? recv.elem : recv;
    if (base.kind !== 'named') return [];
    if (base.pkg !== '') return (stdMethodResults(base.pkg, base.name, name) ?? []).map((type) => ({ type }));
    const m = this.methodDecl(base.name, name);
    return m ? fromNodes(resultNodes(m)) : [];
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
        const imp = operand.type === 'identifier' ? this.index.lookup(operand.text, operand) : undefined;
        if (imp?.kind === 'import') {
          const known = imp.importPath === undefined ? undefined : stdValueType(imp.importPath, name.text);
          return known ? { type: known } : unknown(`${e.text} is declared in another package`);
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
        if (op === '!') return { type: { kind: 'basic', name: 'bool' } };
        return { type: inner };
      }
      case 'index_expression': {
        const x = field(e, 'operand');
        const t = x ? underlying(this.typeOfExpr(x, depth + 1).type) : UNKNOWN('index');
        if (t.kind === 'map') return { type: t.value };
        if (t.kind === 'slice' || t.kind === 'array') return { type: t.elem };
        if (t.kind === 'pointer' && underlying(t.elem).kind === 'array') return { type: (underlying(t.elem) as { elem: GoType }).elem };
        if (t.kind === 'basic' && t.name === 'string') return { type: { kind: 'basic', name: 'uint8' } };
        return unknown('index');
      }
      case 'slice_expression': {
        // s[i:j] of a string or slice has its type; of an array (or pointer to one), a slice of its elements.
        const x = field(e, 'operand');
        if (!x) return unknown('slice');
        const typed = this.typeOfExpr(x, depth + 1);
        const u = underlying(typed.type);
        const arr = u.kind === 'pointer' ? underlying(u.elem) : u;
        if (arr.kind === 'array') return { type: { kind: 'slice', elem: arr.elem } };
        return u.kind === 'slice' || (u.kind === 'basic' && u.name === 'string') ? typed : unknown('slice');
      }
      case 'call_expression':
        return this.callType(e, depth);
      case 'type_conversion_expression': {
        const t = field(e, 'type');
        return t ? { type: this.typeOf(t, depth + 1), typeNode: t } : unknown('conversion');
      }
      case 'binary_expression':
        return this.binaryType(e, depth);
      case 'rune_literal':
        return { type: { kind: 'basic', name: 'int32' } };
      case 'iota':
        return { type: { kind: 'basic', name: 'int' } };
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
    if (fn.type === 'identifier' && !callee) {
      // Builtins (not shadowed here) and conversions to predeclared types: int64(x), string(b).
      if (first && fn.text === 'make') return { type: this.typeOf(first, depth + 1), typeNode: first };
      if (first && fn.text === 'new') return { type: { kind: 'pointer', elem: this.typeOf(first, depth + 1) } };
      if (fn.text === 'len' || fn.text === 'cap' || fn.text === 'copy') return { type: { kind: 'basic', name: 'int' } };
      if (first && fn.text === 'append') return this.typeOfExpr(first, depth + 1);
      if (first && (fn.text === 'complex' || fn.text === 'real' || fn.text === 'imag')) {
        // complex(float32, float32) is complex64, real/imag of complex64 are float32; untyped
        // constant arguments give the default types.
        const a = underlying(this.typeOfExpr(first, depth + 1).type);
        const small = a.kind === 'basic' && (a.name === 'float32' || a.name === 'complex64');
        if (fn.text === 'complex') return { type: { kind: 'basic', name: small ? 'complex64' : 'complex128' } };
        return { type: { kind: 'basic', name: small ? 'float32' : 'float64' } };
      }
      const basic = predeclaredType(fn.text);
      if (basic) return { type: basic, typeNode: fn };
    }
    // A conversion T(x) to a type of this package.
    if (callee?.kind === 'type') return { type: this.typeOf(fn, depth + 1), typeNode: fn };
    if (fn.type === 'parenthesized_type' || fn.type === 'map_type' || fn.type === 'qualified_type') return { type: this.typeOf(fn, depth + 1), typeNode: fn };
    // A conversion to a known type of another package: time.Duration(n).
    if (fn.type === 'selector_expression') {
      const operand = field(fn, 'operand');
      const name = field(fn, 'field');
      const imp = operand?.type === 'identifier' ? this.index.lookup(operand.text, operand) : undefined;
      if (imp?.kind === 'import' && imp.importPath !== undefined && name) {
        const t = externalType(imp.importPath, name.text);
        if (t.kind !== 'unknown') return { type: t, typeNode: fn };
      }
    }
    const results = this.callResults(call, depth);
    return results.length === 1 ? results[0] : unknown(`result of ${fn.text}`);
  }

  /**
   * A binary expression: comparisons and && || are bool; a shift has its left operand's type; other
   * operators the type of their typed operand (an untyped constant takes the other side's type;
   * two untyped constants the wider default type: int < rune < float64 < complex128).
   */
  private binaryType(e: SyntaxNode, depth: number): Typed {
    const op = field(e, 'operator')?.text ?? '';
    const l = field(e, 'left');
    const r = field(e, 'right');
    if (!l || !r) return unknown('binary');
    if (['==', '!=', '<', '<=', '>', '>=', '&&', '||'].includes(op)) return { type: { kind: 'basic', name: 'bool' } };
    if (op === '<<' || op === '>>') return this.typeOfExpr(l, depth + 1);
    const lu = this.isUntypedConstant(l, depth), ru = this.isUntypedConstant(r, depth);
    if (lu && !ru) return this.typeOfExpr(r, depth + 1);
    if (!lu) return this.typeOfExpr(l, depth + 1);
    const lt = this.typeOfExpr(l, depth + 1), rt = this.typeOfExpr(r, depth + 1);
    const rank = (t: GoType) => (t.kind !== 'basic' ? -1 : ['int', 'int32', 'float64', 'complex128'].indexOf(t.name));
    return rank(rt.type) > rank(lt.type) ? rt : lt;
  }

  /** Whether an expression is an untyped constant: literals, untyped named constants and operations on them. */
  isUntypedConstant(e: SyntaxNode, depth = 0): boolean {
    if (depth > MAX_DEPTH) return false;
    e = unparen(e);
    switch (e.type) {
      case 'int_literal': case 'float_literal': case 'imaginary_literal': case 'rune_literal':
      case 'interpreted_string_literal': case 'raw_string_literal': case 'true': case 'false': case 'iota':
        return true;
      case 'identifier': {
        const d = this.index.lookup(e.text, e);
        if (!d || d.kind !== 'const' || d.typeNode) return false;
        // `const ( A = iota; B )`: B repeats A's expression, untyped when that is.
        return d.valueNode ? this.isUntypedConstant(d.valueNode, depth + 1) : true;
      }
      case 'unary_expression': {
        const x = field(e, 'operand');
        return x !== undefined && field(e, 'operator')?.text !== '&' && this.isUntypedConstant(x, depth + 1);
      }
      case 'binary_expression': {
        const l = field(e, 'left');
        const r = field(e, 'right');
        return l !== undefined && r !== undefined && this.isUntypedConstant(l, depth + 1) && this.isUntypedConstant(r, depth + 1);
      }
      default:
        return false;
    }
  }

}

function embeddedName(typeNode: SyntaxNode): string {
  let t = typeNode;
  if (t.type === 'pointer_type') t = codeKids(t).at(-1) ?? t;
  if (t.type === 'generic_type') t = field(t, 'type') ?? t;
  if (t.type === 'qualified_type') return field(t, 'name')?.text ?? t.text;
  return t.text;
}

/** The result type expressions of a function or method declaration, one per result. */
function resultNodes(decl: SyntaxNode): SyntaxNode[] {
  const result = field(decl, 'result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result];
  return codeKids(result).flatMap((p) => {
    const t = field(p, 'type');
    if (!t) return [];
    const n = Math.max(1, fields(p, 'name').length);
    return Array<SyntaxNode>(n).fill(t);
  });
}
