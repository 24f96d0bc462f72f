// Small helpers over tree-sitter-go nodes shared by the rules: walking, ranges, error checks,
// and comparing expressions the way the compiler's SameSafeExpr would see them (no parens).
import type { SyntaxNode } from '../../parse/parser';
import type { Range } from '../types';

/** Named children without the nulls web-tree-sitter's typings allow. */
export function kids(n: SyntaxNode): SyntaxNode[] {
  return n.namedChildren.filter((c): c is SyntaxNode => c !== null);
}

/** Named children that are not comments. */
export function codeKids(n: SyntaxNode): SyntaxNode[] {
  return kids(n).filter((c) => c.type !== 'comment');
}

export function field(n: SyntaxNode, name: string): SyntaxNode | undefined {
  return n.childForFieldName(name) ?? undefined;
}

export function fields(n: SyntaxNode, name: string): SyntaxNode[] {
  return n.childrenForFieldName(name).filter((c): c is SyntaxNode => c !== null);
}

/** Pre-order walk; `visit` returning false skips the node's children. */
export function walk(n: SyntaxNode, visit: (n: SyntaxNode) => boolean | void): void {
  // An explicit stack, not recursion: an expression 10,000 levels deep would overflow the call stack.
  const stack = [n];
  for (let cur = stack.pop(); cur; cur = stack.pop()) {
    if (visit(cur) === false) continue;
    const cs = kids(cur);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
}

export function nodeRange(n: SyntaxNode): Range {
  return { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: n.endPosition.row, character: n.endPosition.column } };
}

/** From the start of `a` to the end of `b`. */
export function spanRange(a: SyntaxNode, b: SyntaxNode): Range {
  return { start: nodeRange(a).start, end: nodeRange(b).end };
}

/** True when the node is, or contains, an ERROR or MISSING node: rules leave such syntax alone. */
export function isBroken(n: SyntaxNode): boolean {
  return n.hasError || n.isError || n.isMissing;
}

/** The expression with the parentheses around it: `x` in `((x))` -> `((x))`. */
export function outerParens(n: SyntaxNode): SyntaxNode {
  let e = n;
  while (e.parent?.type === 'parenthesized_expression') e = e.parent;
  return e;
}

/** A node's text on one line, cut at 40 characters: code quoted in a message. */
export function shortText(n: SyntaxNode): string {
  const t = n.text.replace(/\s+/g, ' ');
  return t.length > 40 ? t.slice(0, 39) + '…' : t;
}

/** `((x))` -> `x`. */
export function unparen(n: SyntaxNode): SyntaxNode {
  while (n.type === 'parenthesized_expression') {
    const inner = codeKids(n)[0];
    if (!inner) break;
    n = inner;
  }
  return n;
}

// The three below loop down a selector chain instead of recursing: a chain's length is the input's
// (a generated `v.t.t.t…` 30,000 long overflowed the call stack in every rule, issue 16).

/** An identifier or a selector chain `a.b.c`, possibly parenthesized anywhere. */
export function isNameChain(n: SyntaxNode): boolean {
  for (let cur: SyntaxNode | undefined = unparen(n); cur; cur = field(cur, 'operand') && unparen(field(cur, 'operand')!)) {
    if (cur.type === 'identifier') return true;
    if (cur.type !== 'selector_expression') return false;
  }
  return false;
}

/** Text of an expression with parentheses, whitespace and comments removed: `( s. cache )` -> `s.cache`. */
export function exprKey(n: SyntaxNode): string {
  // Selector fields from the outside in, then the chain's root; other nodes by their children.
  const fieldsOut: string[] = [];
  let cur = unparen(n);
  for (;;) {
    if (cur.type !== 'selector_expression') break;
    const operand = field(cur, 'operand');
    const f = field(cur, 'field');
    if (!operand || !f) break;
    fieldsOut.push(f.text);
    cur = unparen(operand);
  }
  let key = kids(cur).length === 0 ? cur.text : kids(cur).filter((c) => c.type !== 'comment').map(exprKey).join('\u0000') + `\u0001${cur.type}`;
  for (let i = fieldsOut.length - 1; i >= 0; i--) key += `.${fieldsOut[i]}`;
  return key;
}

/** The identifiers of a selector chain from the root: `a.b.c` -> [a, b, c] (nodes). */
export function chainParts(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let cur = unparen(n);
  for (;;) {
    const operand = cur.type === 'selector_expression' ? field(cur, 'operand') : undefined;
    const f = cur.type === 'selector_expression' ? field(cur, 'field') : undefined;
    if (!operand || !f) break;
    out.push(f);
    cur = unparen(operand);
  }
  out.push(cur);
  return out.reverse();
}

/**
 * The ancestors of `n`, root first, found walking down from the root with childWithDescendant:
 * one walk, where climbing `.parent` walks down from the root again at every step (web-tree-sitter
 * has no parent pointers), which made a node 30,000 deep cost seconds (issue 16).
 */
export function ancestorsOf(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let cur: SyntaxNode | null = n.tree.rootNode; cur && cur.id !== n.id; cur = cur.childWithDescendant(n)) out.push(cur);
  return out;
}

/** The nearest ancestor (or self) of one of the given types. */
export function ancestor(n: SyntaxNode, types: readonly string[]): SyntaxNode | undefined {
  for (let p: SyntaxNode | null = n; p; p = p.parent) if (types.includes(p.type)) return p;
  return undefined;
}

/** Whether the anonymous token `tok` (e.g. ":=") is a direct child of n. */
export function hasToken(n: SyntaxNode, tok: string): boolean {
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && !c.isNamed && c.type === tok) return true;
  }
  return false;
}

export function contains(outer: SyntaxNode, inner: SyntaxNode): boolean {
  return outer.tree === inner.tree && outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/**
 * A number for a syntax tree (or a parsed file), never reused: a memo keyed by it cannot answer
 * for another tree (node ids are addresses a later tree may reuse; a path has several trees while
 * a function is re-parsed alone, lsp/incremental.ts).
 */
export function treeId(tree: object): number {
  let id = treeIds.get(tree);
  if (id === undefined) treeIds.set(tree, (id = nextTreeId++));
  return id;
}
const treeIds = new WeakMap<object, number>();
let nextTreeId = 1;

export function sameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.tree === b.tree && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}
