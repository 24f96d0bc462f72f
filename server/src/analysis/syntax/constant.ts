// Which expressions are Go constants, and which values the compiler can take from read-only data
// instead of allocating when they are converted to an interface:
//  - a constant (literal, named constant, iota, constant expression or conversion) is an OLITERAL
//    that cmd/compile/internal/walk/order.go addrTemp stores as a read-only global (every release);
//  - from Go 1.25, also a local variable assigned once from a constant (cmd/compile/internal/escape
//    escape.go rewrites the OCONVIFACE operand with ir.ReassignOracle.StaticValue), and a struct or
//    array literal of constants, directly or through such a local (walk/order.go addrTemp:
//    isStaticCompositeLiteral, staticValue). Measured in docs/rules/ifacebox.md.
import type { SyntaxNode } from '../../parse/parser';
import type { TypeResolver } from './resolve';
import type { Decl } from './scope';
import { codeKids, field, unparen } from './nodes';
import { externalType, predeclaredType, underlying } from './gotypes';
import { isStdConstant } from './stdlib';
import { intLiteralValue } from './subject';

const MAX_DEPTH = 16;

const LITERALS = new Set([
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal',
  'interpreted_string_literal', 'raw_string_literal', 'true', 'false', 'iota',
]);

/** `"x"`, `1`, `2.5`, `'r'`, `true`: a literal, whose type (untyped) the context gives. */
export function isLiteral(e: SyntaxNode): boolean {
  return LITERALS.has(unparen(e).type);
}

/**
 * Whether `e` is a Go constant expression (the spec's "Constant expressions"): 'yes', 'no', or
 * 'maybe' when it names something declared in another package that we cannot read (an imported
 * constant is a constant, and the compiler takes it from read-only data: claiming an allocation
 * there would be wrong).
 */
export type Constness = 'yes' | 'no' | 'maybe';

export function constness(e: SyntaxNode, resolver: TypeResolver, depth = 0): Constness {
  if (depth > MAX_DEPTH) return 'no';
  e = unparen(e);
  const d = depth + 1;
  if (LITERALS.has(e.type)) return 'yes';
  switch (e.type) {
    case 'identifier': {
      const decl = resolver.index.lookup(e.text, e);
      return decl?.kind === 'const' ? 'yes' : 'no';
    }
    case 'selector_expression': {
      const operand = field(e, 'operand');
      const name = field(e, 'field');
      if (!operand || !name || operand.type !== 'identifier') return 'no';
      const imp = resolver.index.lookup(operand.text, operand);
      if (imp?.kind !== 'import') return 'no'; // a field or method value
      if (imp.importPath !== undefined && isStdConstant(imp.importPath, name.text)) return 'yes';
      return resolver.foreignConstant(imp.importPath, name.text);
    }
    case 'unary_expression': {
      const op = field(e, 'operator')?.text;
      const x = field(e, 'operand');
      return x !== undefined && (op === '+' || op === '-' || op === '!' || op === '^') ? constness(x, resolver, d) : 'no';
    }
    case 'binary_expression': {
      const l = field(e, 'left');
      const r = field(e, 'right');
      return l !== undefined && r !== undefined ? both(constness(l, resolver, d), constness(r, resolver, d)) : 'no';
    }
    case 'call_expression': {
      // A conversion of a constant to a basic type is a constant: int64(5), time.Duration(3).
      const fn = field(e, 'function');
      const args = field(e, 'arguments');
      const list = args ? codeKids(args) : [];
      if (!fn || list.length !== 1) return 'no';
      const conv = conversionToBasic(fn, resolver);
      return conv === 'no' ? 'no' : both(conv, constness(list[0], resolver, d));
    }
    default:
      return 'no';
  }
}

/** Both parts constant: no if either is not, maybe if either may be. */
function both(a: Constness, b: Constness): Constness {
  return a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

/** Whether `e` is certainly a Go constant expression, as far as we can see. */
export function isConstantExpr(e: SyntaxNode, resolver: TypeResolver): boolean {
  return constness(e, resolver) === 'yes';
}

/**
 * Whether a call's callee is a type whose underlying type is basic (then a call of a constant is a
 * constant conversion): 'maybe' for a name of another package we cannot read, which may be such a
 * type (`pkg.Kind(3)`) or a function (`pkg.New(3)`).
 */
function conversionToBasic(fn: SyntaxNode, resolver: TypeResolver): Constness {
  const f = unparen(fn);
  if (f.type === 'identifier') {
    const decl = resolver.index.lookup(f.text, f);
    if (!decl) return predeclaredType(f.text)?.kind === 'basic' ? 'yes' : 'no';
    if (decl.kind !== 'type') return 'no';
    return underlying(resolver.typeOf(f)).kind === 'basic' ? 'yes' : 'no';
  }
  if (f.type === 'selector_expression') {
    const operand = field(f, 'operand');
    const name = field(f, 'field');
    if (!operand || !name || operand.type !== 'identifier') return 'no';
    const imp = resolver.index.lookup(operand.text, operand);
    if (imp?.kind !== 'import') return 'no';
    const t = externalType(imp.importPath ?? '', name.text);
    if (t.kind !== 'unknown') return underlying(t).kind === 'basic' ? 'yes' : 'no';
    return resolver.foreignBasicType(imp.importPath, name.text);
  }
  if (f.type === 'qualified_type' || f.type === 'type_identifier' || f.type === 'parenthesized_type') {
    return underlying(resolver.typeOf(f)).kind === 'basic' ? 'yes' : 'no';
  }
  return 'no';
}

/**
 * isStaticCompositeLiteral (cmd/compile/internal/walk/complit.go): a struct or array literal whose
 * elements are all constants or such literals (a slice or map literal never is); 'maybe' when an
 * element names another package's declaration we cannot read.
 */
export function staticLiteral(e: SyntaxNode, resolver: TypeResolver, depth = 0): Constness {
  if (depth > MAX_DEPTH) return 'no';
  e = unparen(e);
  if (e.type !== 'composite_literal') return 'no';
  const typeNode = field(e, 'type');
  const body = field(e, 'body');
  if (!typeNode || !body) return 'no';
  const t = underlying(resolver.typeOf(typeNode));
  if (t.kind !== 'struct' && t.kind !== 'array') return 'no';
  return staticElements(body, resolver, depth + 1);
}

/** The elements of a literal_value: each value a constant or a nested static literal. */
function staticElements(body: SyntaxNode, resolver: TypeResolver, depth: number): Constness {
  if (depth > MAX_DEPTH) return 'no';
  let all: Constness = 'yes';
  for (const el of codeKids(body)) {
    const valueEl = el.type === 'keyed_element' ? field(el, 'value') : el;
    const v = valueEl && valueEl.type === 'literal_element' ? codeKids(valueEl)[0] : valueEl;
    if (!v) return 'no';
    // An elided inner literal `{1, 2}` of an array of structs is static when its elements are.
    const one = v.type === 'literal_value' ? staticElements(v, resolver, depth + 1) : either(constness(v, resolver, depth + 1), staticLiteral(v, resolver, depth + 1));
    all = both(all, one);
    if (all === 'no') return 'no';
  }
  return all;
}

/** One of two: yes if either is, maybe if either may be. */
function either(a: Constness, b: Constness): Constness {
  return a === 'yes' || b === 'yes' ? 'yes' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'no';
}

/**
 * From Go 1.25: whether converting `e` to an interface takes its data from read-only memory because
 * `e` is a constant, a static struct or array literal, or a local assigned exactly once (at its
 * declaration) from one of those, followed through such locals as ReassignOracle.StaticValue does.
 * 'maybe' where a name of another package decides it.
 */
export function staticness(e: SyntaxNode, resolver: TypeResolver, depth = 0): Constness {
  if (depth > MAX_DEPTH) return 'no';
  e = unparen(e);
  const c = either(constness(e, resolver), staticLiteral(e, resolver));
  if (c !== 'no' || e.type !== 'identifier') return c;
  const decl = resolver.index.lookup(e.text, e);
  if (!decl || decl.kind !== 'var' || decl.binding !== 'local' || !decl.valueNode) return 'no';
  if (isReassigned(decl, resolver)) return 'no';
  return staticness(decl.valueNode, resolver, depth + 1);
}

/**
 * Whether a local is assigned after its declaration, or has its address taken, anywhere in its
 * function (closures included): then ReassignOracle gives no static value.
 */
export function isReassigned(decl: Decl, resolver: TypeResolver): boolean {
  let fn: SyntaxNode | null = decl.nameNode.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'source_file') fn = fn.parent;
  if (!fn || fn.type === 'source_file') return true;
  const name = decl.name;
  const declBlock = blockOf(decl.nameNode);
  // An assignment, ++/-- or & of a name that resolves to this declaration.
  const refersTo = (n: SyntaxNode | undefined): boolean => {
    // `p.X = ...`, `a[0] = ...` change the variable too (measured: p.X = n makes p allocate).
    let u = n && unparen(n);
    while (u && (u.type === 'selector_expression' || u.type === 'index_expression')) {
      const o = field(u, 'operand');
      u = o && unparen(o);
    }
    if (!u || u.type !== 'identifier' || u.text !== name || u.startIndex === decl.nameNode.startIndex) return false;
    const d = resolver.index.lookup(name, u);
    return d !== undefined && d.nameNode.startIndex === decl.nameNode.startIndex && d.nameNode.tree === decl.nameNode.tree;
  };
  for (const a of fn.descendantsOfType(['assignment_statement', 'inc_statement', 'dec_statement', 'unary_expression', 'range_clause', 'short_var_declaration', 'call_expression'])) {
    if (!a) continue;
    const left = field(a, 'left');
    switch (a.type) {
      case 'assignment_statement':
        if (left && codeKids(left).some(refersTo)) return true;
        break;
      case 'range_clause':
        // `for x = range ...` assigns; `for x := range` declares new variables.
        if (left && !a.text.includes(':=') && codeKids(left).some(refersTo)) return true;
        break;
      case 'short_var_declaration':
        // `x, err := f()` in the declaring block assigns x again; in an inner block it is a new x.
        if (left && a.startIndex !== decl.nameNode.parent?.parent?.startIndex && blockOf(a) === declBlock &&
          codeKids(left).some((n) => n.type === 'identifier' && n.text === name && n.startIndex !== decl.nameNode.startIndex)) return true;
        break;
      case 'inc_statement': case 'dec_statement':
        if (codeKids(a).some(refersTo)) return true;
        break;
      case 'unary_expression':
        if (field(a, 'operator')?.text === '&' && refersTo(field(a, 'operand'))) return true;
        break;
      case 'call_expression': {
        // `p.M()` with a pointer receiver takes &p; a method we cannot see may too.
        const fnNode = field(a, 'function');
        if (fnNode?.type !== 'selector_expression' || !refersTo(field(fnNode, 'operand'))) break;
        const operand = field(fnNode, 'operand')!;
        if (unparen(operand).type !== 'identifier') return true; // p.f.M(): may take &p.f
        const recv = resolver.methodReceiver(resolver.typeOfExpr(operand).type, field(fnNode, 'field')?.text ?? '');
        if (recv !== 'value') return true;
        break;
      }
    }
  }
  return false;
}

/** The start of the nearest enclosing block (statement list) of a node, as an identity. */
function blockOf(n: SyntaxNode): number {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'block' || p.type === 'statement_list' || p.type === 'source_file') return p.startIndex;
  return -1;
}

/**
 * What a value provably is when it is used, as far as the code says: its type's zero value (a
 * local declared without a value and never assigned), nil, the empty string, or an integer. The
 * runtime's convT functions return static data for some of these (boxing.ts staticAtRunTime).
 */
export type KnownValue = { kind: 'zero' } | { kind: 'nil' } | { kind: 'empty' } | { kind: 'int'; value: number };

export function knownValue(e: SyntaxNode, resolver: TypeResolver, depth = 0): KnownValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  e = unparen(e);
  switch (e.type) {
    case 'nil': return { kind: 'nil' };
    case 'int_literal': { const v = intLiteralValue(e.text); return v === undefined ? undefined : { kind: 'int', value: v }; }
    case 'interpreted_string_literal': case 'raw_string_literal':
      return e.text.length === 2 ? { kind: 'empty' } : undefined;
    case 'identifier': {
      const decl = resolver.index.lookup(e.text, e);
      // The index of a range over a literal of n elements is below n (`for i := range []string{"a"}`).
      if (decl?.kind === 'var' && decl.rangeOver?.index === 0 && !isReassigned(decl, resolver)) {
        const n = literalLength(decl.rangeOver.node, resolver);
        return n !== undefined && n > 0 ? { kind: 'int', value: n - 1 } : undefined;
      }
      if (!decl || decl.kind !== 'var' || decl.binding !== 'local' || decl.tupleValue || decl.rangeOver) return undefined;
      if (isReassigned(decl, resolver)) return undefined;
      return decl.valueNode ? knownValue(decl.valueNode, resolver, depth + 1) : { kind: 'zero' };
    }
    case 'call_expression': case 'type_conversion_expression': {
      // A conversion keeps the value: []byte(nil), int64(0), T(nil).
      const fn = field(e, e.type === 'call_expression' ? 'function' : 'type');
      const args = e.type === 'call_expression' ? codeKids(field(e, 'arguments')!) : [field(e, 'operand')].filter((x): x is SyntaxNode => !!x);
      if (!fn || args.length !== 1 || !isConversion(fn, resolver)) return undefined;
      return knownValue(args[0], resolver, depth + 1);
    }
    case 'slice_expression': {
      // s[:0] or s[i:i] of a string is "" (of a slice it is empty but not nil: convTslice allocates).
      const operand = field(e, 'operand');
      const start = field(e, 'start');
      const end = field(e, 'end');
      const t = operand && underlying(resolver.typeOfExpr(operand).type);
      if (!t || t.kind !== 'basic' || t.name !== 'string' || !end || field(e, 'capacity')) return undefined;
      const empty = (!start && unparen(end).text === '0') || (start && exprKeyText(start) === exprKeyText(end));
      return empty ? { kind: 'empty' } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The length of a slice or array literal of unkeyed elements, written in place or held by a local
 * never reassigned (`xs := []string{"a", "b"}`); undefined otherwise.
 */
function literalLength(over: SyntaxNode, resolver: TypeResolver, depth = 0): number | undefined {
  const e = unparen(over);
  if (e.type === 'identifier' && depth < 4) {
    const d = resolver.index.lookup(e.text, e);
    if (!d || d.kind !== 'var' || d.binding !== 'local' || !d.valueNode || isReassigned(d, resolver)) return undefined;
    return literalLength(d.valueNode, resolver, depth + 1);
  }
  const type = e.type === 'composite_literal' ? field(e, 'type') : undefined;
  const body = e.type === 'composite_literal' ? field(e, 'body') : undefined;
  if (!type || !body || (type.type !== 'slice_type' && type.type !== 'array_type' && type.type !== 'implicit_length_array_type')) return undefined;
  const elems = codeKids(body);
  return elems.some((el) => el.type === 'keyed_element') ? undefined : elems.length;
}

const exprKeyText = (n: SyntaxNode) => n.text.replace(/\s+/g, '');

/** A callee that is a type (a conversion), not a function: predeclared, the package's, or a spelled type. */
function isConversion(fn: SyntaxNode, resolver: TypeResolver): boolean {
  const f = unparen(fn);
  if (f.type === 'identifier') {
    const d = resolver.index.lookup(f.text, f);
    return d ? d.kind === 'type' : predeclaredType(f.text) !== undefined;
  }
  return ['slice_type', 'array_type', 'map_type', 'pointer_type', 'qualified_type', 'type_identifier', 'parenthesized_type', 'channel_type', 'function_type'].includes(f.type);
}
