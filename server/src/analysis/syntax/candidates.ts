// Where rules start looking, found from the text instead of a walk of the tree. Any search of
// the whole tree (even tree-sitter's own descendantsOfType, inside WASM) costs about a fifth of
// the parse; rangeclear and mapretain each did one per file. A clearing loop has `delete(` in its
// text and a clear has `clear(`, so the text's occurrences, looked up with descendantForIndex
// (a descent from the root, not a walk), find the same candidates. Node indices are UTF-16 code
// units, the same as the text's (web-tree-sitter parses JS strings as UTF-16).
import type { SyntaxNode } from '../../parse/parser';
import type { ParsedFile } from '../types';
import { field } from './nodes';

/** A slice of the file to search, as [startIndex, endIndex) (all of it when absent). */
export interface Span { start: number; end: number }

// By file object, not tree: a file's tree is parsed when first asked for (workspace/trees.ts), and
// a file without a candidate should never be.
const found = new WeakMap<ParsedFile, Map<string, SyntaxNode[]>>();

/** `find()`'s answer for the whole file, kept per file; a search of a span is not kept. */
function memo(file: ParsedFile, key: string, span: Span | undefined, find: () => SyntaxNode[]): SyntaxNode[] {
  if (span) return find();
  let byKey = found.get(file);
  if (!byKey) found.set(file, (byKey = new Map()));
  let nodes = byKey.get(key);
  if (!nodes) byKey.set(key, (nodes = find()));
  return nodes;
}

/**
 * The nodes of one of `types` exactly at each match of `pattern` (its first `length` characters,
 * else the whole match), in text order.
 */
function nodesAt(file: ParsedFile, pattern: RegExp, length: number | undefined, type: string | readonly string[], span?: Span): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let root: SyntaxNode | undefined; // the tree only once the text has a match
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = span?.start ?? 0;
  const end = span?.end ?? file.text.length;
  const types = typeof type === 'string' ? [type] : type;
  for (let m = re.exec(file.text); m && m.index < end; m = re.exec(file.text)) {
    const len = length ?? m[0].length;
    const n = (root ??= file.tree.rootNode).descendantForIndex(m.index, m.index + len);
    // Text in comments and strings finds a comment or literal node, not `type`.
    if (n && types.includes(n.type) && n.startIndex === m.index && n.endIndex === m.index + len) out.push(n);
  }
  return out;
}

/** Calls `name(...)` of a plain identifier callee (`delete`, `clear`), in text order. */
export function callsOf(file: ParsedFile, name: string, span?: Span): SyntaxNode[] {
  return memo(file, `call:${name}`, span, () => nodesAt(file, new RegExp(`\\b${name}\\b`), name.length, 'identifier', span).flatMap((id) => {
    const call = id.parent;
    return call && call.type === 'call_expression' && field(call, 'function')?.startIndex === id.startIndex ? [call] : [];
  }));
}

/**
 * The statements `x.Range(...)` (a method call named Range as a whole statement), in text order:
 * the candidates for a sync.Map cleared with Range and Delete.
 */
export function rangeCallStatements(file: ParsedFile, span?: Span): SyntaxNode[] {
  return memo(file, 'Range', span, () => nodesAt(file, /\bRange\b/, 'Range'.length, 'field_identifier', span).flatMap((id) => {
    const sel = id.parent;
    const call = sel?.parent;
    const stmt = call?.parent;
    return sel?.type === 'selector_expression' && call?.type === 'call_expression' && field(call, 'function')?.startIndex === sel.startIndex &&
      stmt?.type === 'expression_statement' ? [stmt] : [];
  }));
}

/**
 * The `for` statements whose body is a block holding, as a direct statement, a call of `delete`:
 * every loop rangeclear's matchLoop can match (its body is that one call), in text order.
 */
export function deleteLoops(file: ParsedFile, span?: Span): SyntaxNode[] {
  return memo(file, 'deleteLoops', span, () => callsOf(file, 'delete', span).flatMap((call) => {
    const stmt = call.parent;
    const list = stmt?.parent;
    const block = list?.parent;
    const loop = block?.parent;
    return stmt?.type === 'expression_statement' && list?.type === 'statement_list' && block?.type === 'block' &&
      loop?.type === 'for_statement' && field(loop, 'body')?.startIndex === block.startIndex ? [loop] : [];
  }));
}

/** Every `struct { ... }` type in the file (declared types, fields, locals, literals), in text order. */
export function structTypes(file: ParsedFile): SyntaxNode[] {
  return memo(file, 'struct', undefined, () => nodesAt(file, /\bstruct\b/, 'struct'.length, 'struct').flatMap((kw) => {
    const st = kw.parent;
    return st?.type === 'struct_type' ? [st] : [];
  }));
}

/** A candidate search over the pass's regions (syntax/candidates.ts functions take a span), or the whole file. */
export function inRegions(pass: { regions?: readonly SyntaxNode[] }, find: (span?: Span) => SyntaxNode[]): SyntaxNode[] {
  return pass.regions ? pass.regions.flatMap((r) => find({ start: r.startIndex, end: r.endIndex })) : find();
}

/**
 * Assignments with an index expression among their left-hand sides (`m[k] = v`, `a, m[k] = x, y`):
 * where a store into a map can be. Found from each `]` followed by `=` or `,`, in text order.
 */
export function indexAssignments(file: ParsedFile, span?: Span): SyntaxNode[] {
  const seen = new Set<number>();
  // `]` then `=`, or `,` and an assignment's `=` later on the line (`m[k], ok = ...`): not `==`, `<=`, `:=`.
  return nodesAt(file, /\](?:\s*=(?!=)|\s*,[^\n]*?[^=!<>:]=(?!=))/, 1, ']', span).flatMap((bracket) => {
    const ix = bracket.parent;
    const list = ix?.parent;
    const stmt = list?.parent;
    if (ix?.type !== 'index_expression' || list?.type !== 'expression_list' || stmt?.type !== 'assignment_statement' ||
      field(stmt, 'left')?.startIndex !== list.startIndex || seen.has(stmt.startIndex)) return [];
    seen.add(stmt.startIndex);
    return [stmt];
  });
}

/**
 * Composite literals whose type spells `map[` or one of `names` (the package's map type and field
 * names): where a literal can store into a map. In text order, outer before inner.
 */
export function mapLiterals(file: ParsedFile, names: ReadonlySet<string>, span?: Span): SyntaxNode[] {
  const words = [...names].filter((n) => /^[A-Za-z_]\w*$/.test(n));
  const found = [
    ...nodesAt(file, /\bmap\s*\[/, 3, 'map', span),
    ...(words.length ? nodesAt(file, new RegExp(`\\b(?:${words.join('|')})\\b`), undefined, ['type_identifier', 'identifier', 'field_identifier'], span) : []),
  ];
  const byStart = new Map<number, SyntaxNode>();
  for (const at of found) {
    // Up to the literal whose type holds this spelling; a literal's body or a block ends the search.
    for (let n = at.parent; n && n.type !== 'literal_value' && n.type !== 'block' && n.type !== 'source_file'; n = n.parent) {
      if (n.type !== 'composite_literal') continue;
      const t = field(n, 'type');
      if (t && t.startIndex <= at.startIndex && at.endIndex <= t.endIndex) byStart.set(n.startIndex, n);
      break;
    }
  }
  return [...byStart.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/**
 * The calls of a function (`name(...)`, not after a dot) or of a method of any receiver
 * (`x.name(...)`), in text order: where a function is called from.
 */
export function callSites(file: ParsedFile, name: string, method: boolean): SyntaxNode[] {
  if (!file.text.includes(name)) return [];
  return memo(file, `sites:${method ? '.' : ''}${name}`, undefined, () => nodesAt(file, new RegExp(`\\b${name}\\s*\\(`), name.length, method ? 'field_identifier' : 'identifier').flatMap((id) => {
    const fn = method ? id.parent : id;
    const call = fn?.parent;
    if (!fn || (method && fn.type !== 'selector_expression')) return [];
    return call?.type === 'call_expression' && field(call, 'function')?.startIndex === fn.startIndex ? [call] : [];
  }));
}
