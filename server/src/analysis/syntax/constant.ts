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
import { predeclaredType, underlying } from './gotypes';
import { isStdConstant } from './stdlib';

const MAX_DEPTH = 16;

const LITERALS = new Set([
  'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal',
  'interpreted_string_literal', 'raw_string_literal', 'true', 'false', 'iota',
]);

/** Whether `e` is a Go constant expression (the spec's "Constant expressions"), as far as we can see. */
export function isConstantExpr(e: SyntaxNode, resolver: TypeResolver, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  e = unparen(e);
  const d = depth + 1;
  if (LITERALS.has(e.type)) return true;
  switch (e.type) {
    case 'identifier': {
      const decl = resolver.index.lookup(e.text, e);
      return decl?.kind === 'const';
    }
    case 'selector_expression': {
      const operand = field(e, 'operand');
      const name = field(e, 'field');
      if (!operand || !name || operand.type !== 'identifier') return false;
      const imp = resolver.index.lookup(operand.text, operand);
      return imp?.kind === 'import' && imp.importPath !== undefined && isStdConstant(imp.importPath, name.text);
    }
    case 'unary_expression': {
      const op = field(e, 'operator')?.text;
      const x = field(e, 'operand');
      return x !== undefined && (op === '+' || op === '-' || op === '!' || op === '^') && isConstantExpr(x, resolver, d);
    }
    case 'binary_expression': {
      const l = field(e, 'left');
      const r = field(e, 'right');
      return l !== undefined && r !== undefined && isConstantExpr(l, resolver, d) && isConstantExpr(r, resolver, d);
    }
    case 'call_expression': {
      // A conversion of a constant to a basic type is a constant: int64(5), time.Duration(3).
      const fn = field(e, 'function');
      const args = field(e, 'arguments');
      const list = args ? codeKids(args) : [];
      if (!fn || list.length !== 1 || !isConversionToBasic(fn, resolver)) return false;
      return isConstantExpr(list[0], resolver, d);
    }
    default:
      return false;
  }
}

/** Whether a call's callee is a type whose underlying type is a basic type (a constant conversion). */
function isConversionToBasic(fn: SyntaxNode, resolver: TypeResolver): boolean {
  const f = unparen(fn);
  if (f.type === 'identifier') {
    const decl = resolver.index.lookup(f.text, f);
    if (!decl) return predeclaredType(f.text)?.kind === 'basic';
    if (decl.kind !== 'type') return false;
  } else if (f.type === 'selector_expression') {
    const operand = field(f, 'operand');
    if (!operand || operand.type !== 'identifier' || resolver.index.lookup(operand.text, operand)?.kind !== 'import') return false;
  } else if (f.type !== 'qualified_type' && f.type !== 'type_identifier') {
    return false;
  }
  const t = underlying(resolver.typeOf(f));
  return t.kind === 'basic';
}

/**
 * isStaticCompositeLiteral (cmd/compile/internal/walk/complit.go): a struct or array literal whose
 * elements are all constants or such literals (a slice or map literal never is).
 */
export function isStaticCompositeLiteral(e: SyntaxNode, resolver: TypeResolver, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  e = unparen(e);
  if (e.type !== 'composite_literal') return false;
  const typeNode = field(e, 'type');
  const body = field(e, 'body');
  if (!typeNode || !body) return false;
  const t = underlying(resolver.typeOf(typeNode));
  if (t.kind !== 'struct' && t.kind !== 'array') return false;
  return staticElements(body, resolver, depth + 1);
}

/** The elements of a literal_value: each value a constant or a nested static literal. */
function staticElements(body: SyntaxNode, resolver: TypeResolver, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  for (const el of codeKids(body)) {
    const valueEl = el.type === 'keyed_element' ? field(el, 'value') : el;
    const v = valueEl && valueEl.type === 'literal_element' ? codeKids(valueEl)[0] : valueEl;
    if (!v) return false;
    // An elided inner literal `{1, 2}` of an array of structs is static when its elements are.
    if (v.type === 'literal_value') { if (!staticElements(v, resolver, depth + 1)) return false; continue; }
    if (!isConstantExpr(v, resolver, depth + 1) && !isStaticCompositeLiteral(v, resolver, depth + 1)) return false;
  }
  return true;
}

/**
 * From Go 1.25: whether converting `e` to an interface takes its data from read-only memory because
 * `e` is a constant, a static struct or array literal, or a local assigned exactly once (at its
 * declaration) from one of those, followed through such locals as ReassignOracle.StaticValue does.
 */
export function hasStaticValue(e: SyntaxNode, resolver: TypeResolver, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  e = unparen(e);
  if (isConstantExpr(e, resolver) || isStaticCompositeLiteral(e, resolver)) return true;
  if (e.type !== 'identifier') return false;
  const decl = resolver.index.lookup(e.text, e);
  if (!decl || decl.kind !== 'var' || decl.binding !== 'local' || !decl.valueNode) return false;
  if (isReassigned(decl, resolver)) return false;
  return hasStaticValue(decl.valueNode, resolver, depth + 1);
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
