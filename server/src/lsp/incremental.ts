// Typing inside a comment changes no finding: the previous run's findings, moved to the new
// text, are the analysis of the new version, without parsing or running the rules first (a
// 10,000-line file takes a hundred milliseconds to parse again and more to analyze; moving its
// findings, well under one). The document re-parses when something asks for its tree.
//
// That holds when the previous text parsed without errors (so tree-sitter's tokens are Go's, and a
// plain lexer below finds the same comments) and the edits since lie inside one comment, before
// and after: the text before the comment is the same, the comment still ends where the edits
// moved its end, so the text after it is the same and tokenizes the same. The rules read comments
// in two places only: directives (//go:build decides the Go version, //mapleak:ignore suppresses)
// and a fix that carries the text it replaces: edits of a directive, or of a comment inside a
// finding's ranges, run the analysis again.
import type { Finding, Position } from '../analysis/types';
import type { SyntaxNode, Tree } from '../parse/parser';
import { commentEnd, scanCode } from '../analysis/syntax/lexical';
import { byStart } from '../analysis/analyze';
import { pointAt } from './documents';

/** One content change: [start, oldEnd) of the text it applied to became [start, newEnd). */
export interface EditSpan { start: number; oldEnd: number; newEnd: number }

/**
 * The region the edits touched, one after another: [start, oldEnd) of the text before the first
 * became [start, newEnd) of the text after the last. Undefined for no edits.
 */
export function composeEdits(edits: readonly EditSpan[]): EditSpan | undefined {
  // Kept true: old[0, start) = new[0, start) and old[oldEnd, ..) = new[newEnd, ..).
  let r: EditSpan | undefined;
  for (const e of edits) {
    if (!r) { r = { ...e }; continue; }
    // The common suffix now starts past both the region and this edit.
    const s = Math.max(r.newEnd, e.oldEnd);
    r = { start: Math.min(r.start, e.start), oldEnd: r.oldEnd + (s - r.newEnd), newEnd: s + (e.newEnd - e.oldEnd) };
  }
  return r;
}

/** Comments the analysis reads: build constraints and line directives, suppressions, cgo exports. */
const DIRECTIVE = /^(\/\/|\/\*)\s*(go:|\+build|line |mapleak:|export )/;

/**
 * The previous findings (and `positions`) moved to the new text, if the edits since (composed by
 * composeEdits) lie inside one comment that no finding reads; undefined when the analysis must run again.
 * `clean`: the previous text parsed without an error.
 */
export function findingsAfterCommentEdit(prev: { text: string; findings: readonly Finding[]; clean: boolean; positions?: readonly Position[] }, nextText: string, edit: EditSpan): { findings: Finding[]; positions: Position[] } | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  if (!prev.clean || nextText.length - prev.text.length !== delta) return undefined;
  const c = commentAround(prev.text, edit.start, edit.oldEnd);
  if (!c) return undefined;
  const newEnd = commentEnd(nextText, c.start);
  if (newEnd !== c.end + delta || edit.newEnd > newEnd - (c.block ? 2 : 0)) return undefined;
  // What composeEdits says is unchanged, checked (the edit log and the text must agree).
  if (!sameText(prev.text, 0, nextText, 0, c.start) || !sameText(prev.text, c.end, nextText, newEnd, prev.text.length - c.end)) return undefined;
  if (DIRECTIVE.test(prev.text.slice(c.start, c.end)) || DIRECTIVE.test(nextText.slice(c.start, newEnd))) return undefined;

  const from = positionAt(prev.text, c.start);
  const oldTo = positionAt(prev.text, c.end);
  const newTo = positionAt(nextText, newEnd);
  const rows = newTo.line - oldTo.line;
  const move = (p: Position): Position => p.line === oldTo.line
    ? { line: newTo.line, character: newTo.character + (p.character - oldTo.character) }
    : { line: p.line + rows, character: p.character };
  const moved: Finding[] = [];
  for (const f of prev.findings) {
    const ps = positionsOf(f);
    const after = ps.filter((p) => !before(p, oldTo)).length;
    if (after === 0 && ps.every((p) => !before(from, p))) { moved.push(f); continue; } // all before the comment
    if (after !== ps.length) return undefined; // inside the comment, or a range around it (a fix's text may hold it)
    // After the comment: unchanged unless lines were added or removed, or it shares the comment's last line.
    moved.push(rows === 0 && ps.every((p) => p.line !== oldTo.line) ? f : mapPositions(f, move));
  }
  // Other positions kept with the findings (the compiler candidates' starts) move the same way.
  const positions: Position[] = [];
  for (const p of prev.positions ?? []) {
    if (!before(from, p)) positions.push(p);
    else if (!before(p, oldTo)) positions.push(move(p));
    else return undefined;
  }
  return { findings: moved, positions };
}

/**
 * The comment token holding [start, end) past its opening `//` or `/*` (and before a block
 * comment's closing), found by lexing Go from the top: strings, runes and raw strings skipped.
 */
export function commentAround(text: string, start: number, end: number): { start: number; end: number; block: boolean } | undefined {
  let found: { start: number; end: number; block: boolean } | undefined;
  scanCode(text, /["'`/]/g, 0, start, (i, e) => {
    if (e === undefined) return;
    const block = text[i + 1] === '*';
    if (e < start || (block && e === start)) return;
    if (start >= i + 2 && end <= e - (block ? 2 : 0)) found = { start: i, end: e, block };
    return false;
  });
  return found;
}

/** a[i, i+n) equals b[j, j+n) (substrings share the strings' memory, and compare natively). */
function sameText(a: string, i: number, b: string, j: number, n: number): boolean {
  return i + n <= a.length && j + n <= b.length && a.slice(i, i + n) === b.slice(j, j + n);
}

function positionAt(text: string, offset: number): Position {
  const p = pointAt(text, offset);
  return { line: p.row, character: p.column };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

function isPosition(x: unknown): x is Position {
  return typeof x === 'object' && x !== null && typeof (x as Position).line === 'number' && typeof (x as Position).character === 'number';
}

/** A copy of a finding (plain data) with every position mapped: its range, fix edits, compiler sites. */
function mapPositions<T>(x: T, f: (p: Position) => Position): T {
  if (isPosition(x)) return f(x) as T;
  if (Array.isArray(x)) return x.map((e) => mapPositions(e, f)) as T;
  if (typeof x !== 'object' || x === null) return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = mapPositions(v, f);
  return out as T;
}

/**
 * Every position a finding holds: its range, its fixes' edits, its compiler site (test/incremental.test.ts
 * checks this against a walk of whole findings, so a new field with positions is not missed).
 */
export function positionsOf(f: Finding): Position[] {
  const out: Position[] = [f.range.start, f.range.end];
  for (const fix of f.fixes) {
    for (const e of fix.edits) out.push(e.range.start, e.range.end);
    if (fix.narrow?.scope) out.push(fix.narrow.scope.start, fix.narrow.scope.end);
  }
  if (f.blockedBy?.at) out.push(f.blockedBy.at.start, f.blockedBy.at.end);
  if (f.compiler) {
    out.push(f.compiler.range.start, f.compiler.range.end);
    if (f.compiler.value) out.push(f.compiler.value.range.start, f.compiler.value.range.end);
  }
  return out;
}

// Typing in a function body. The edited function is analyzed again, with the whole package in
// view; the other declarations' findings are kept (moved by the lines added or removed), which
// holds when nothing they depend on changed. What a rule reads of another function's body is the
// package's assignments and address-takings (mapretain: is the map released anywhere?), its
// sync.Pool Puts (rangeclear, mapretain), the map and interface types it spells (ifacebox's gate),
// the deletes, length checks and maps.Clone calls of a map (mapshrink: which delete is its first,
// is it capped, is it rebuilt?), and the local declarations that type those. So the function's
// statements that hold any of these (an `=`, `&`, `.Put`, `delete(`, `len(`, `.Clone`, a
// declaration keyword, `range`, `map`, `interface`, `struct`) must be the
// same before and after, comments and spacing aside; an edit elsewhere (a call's arguments, a
// condition, a literal, a return) leaves every other finding as it was.

export interface FunctionEdit {
  /** The edited function, parsed again alone (its positions are the new text's). */
  fn: SyntaxNode;
  /** Its start, and its end before and after the edits. */
  from: Position;
  oldTo: Position;
  newTo: Position;
}

/** Where the edited function lies in the new text: [start, end), its body opening at bodyStart. */
export interface EditedFunction { start: number; bodyStart: number; end: number }

/**
 * The top-level function or method of `base` (a whole parse without errors) whose body alone the
 * edits since (composed by composeEdits) changed, when the other declarations' findings can be
 * kept; undefined otherwise. The new text is not parsed here: the body's braces still pair up
 * (strings, runes and comments skipped) and the text around it is the same, so the rest of the
 * file tokenizes as before, and the function can be parsed again on its own.
 */
export function editedFunction(base: { text: string; tree: Tree }, nextText: string, edit: EditSpan): EditedFunction | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  if (base.tree.rootNode.hasError || nextText.length - base.text.length !== delta) return undefined;
  let fn: SyntaxNode | null = base.tree.rootNode.descendantForIndex(edit.start, edit.oldEnd);
  while (fn && fn.parent && fn.parent.type !== 'source_file') fn = fn.parent;
  if (!fn || (fn.type !== 'function_declaration' && fn.type !== 'method_declaration')) return undefined;
  const body = fn.childForFieldName('body');
  // Strictly inside the braces, and the function ends with its body.
  if (!body || body.endIndex !== fn.endIndex || edit.start <= body.startIndex || edit.oldEnd >= body.endIndex) return undefined;
  const end = fn.endIndex + delta;
  // What composeEdits says is unchanged, checked (the edit log and the text must agree).
  if (!sameText(base.text, 0, nextText, 0, edit.start) || !sameText(base.text, edit.oldEnd, nextText, edit.newEnd, base.text.length - edit.oldEnd)) return undefined;
  // The body's `{` (the same place) closes at the moved `}`: one function after, as before.
  if (matchingBrace(nextText, body.startIndex) !== end - 1) return undefined;
  if (statementDigest(base.text.slice(body.startIndex, fn.endIndex)) !== statementDigest(nextText.slice(body.startIndex, end))) return undefined;
  return { start: fn.startIndex, bodyStart: body.startIndex, end };
}

/** The FunctionEdit of `fn`, parsed alone from nextText and ending at `end` there, against the previous run's text. */
export function functionEdit(fn: SyntaxNode, prevText: string, nextText: string, end: number): FunctionEdit {
  return {
    fn,
    from: { line: fn.startPosition.row, character: fn.startPosition.column },
    oldTo: positionAt(prevText, end - (nextText.length - prevText.length)),
    newTo: { line: fn.endPosition.row, character: fn.endPosition.column },
  };
}

/**
 * The previous findings outside the edited function (moved by its change of length) with the
 * fresh findings of the function, in analyzeFile's order; undefined if an old finding reaches into
 * the function, or shares a line with its end, or a fresh one reaches out of it (a position
 * read from the package's last whole parse, which may lie after the function, in old lines).
 */
export function mergeFindings(prev: readonly Finding[], fresh: readonly Finding[], e: FunctionEdit): Finding[] | undefined {
  if (!fresh.every((f) => positionsOf(f).every((p) => !before(p, e.from) && !before(e.newTo, p)))) return undefined;
  const kept: Finding[] = [];
  for (const f of prev) {
    const ps = positionsOf(f);
    if (ps.every((p) => !before(e.from, p))) { kept.push(f); continue; }
    if (!ps.every((p) => p.line > e.oldTo.line)) {
      if (ps.every((p) => before(p, e.oldTo) && !before(p, e.from))) continue; // inside: the fresh findings replace it
      return undefined;
    }
    kept.push(e.newTo.line === e.oldTo.line ? f : mapPositions(f, (p) => ({ line: p.line + e.newTo.line - e.oldTo.line, character: p.character })));
  }
  const out = [...kept, ...fresh];
  out.sort(byStart);
  return out;
}

/** Positions (compiler candidates' starts) merged the same way: those of the function replaced. */
export function mergePositions(prev: readonly Position[], fresh: readonly Position[], e: FunctionEdit): Position[] | undefined {
  const rows = e.newTo.line - e.oldTo.line;
  const after = prev.filter((p) => !before(p, e.oldTo));
  if (after.some((p) => p.line === e.oldTo.line)) return undefined;
  return [...prev.filter((p) => !before(e.from, p)), ...fresh, ...after.map((p) => ({ line: p.line + rows, character: p.character }))];
}

/** The index of the `}` closing the `{` at `open`, skipping strings, runes, raw strings and comments. */
export function matchingBrace(text: string, open: number): number | undefined {
  let depth = 1;
  let close: number | undefined;
  scanCode(text, /[{}"'`/]/g, open + 1, text.length, (i, comment) => {
    if (comment !== undefined) return;
    if (text[i] === '{') depth++;
    else if (--depth === 0) { close = i; return false; }
  });
  return close;
}

/** Statements that can matter to other declarations' findings (see above). */
const RELEVANT = /(?<![=!<>:])=(?!=)|:=|&|\.Put\b|\.Clone\b|\b(?:delete|len)\s*\(|\b(?:range|var|const|type|func|struct|interface|map)\b/;
/** Go inserts a semicolon after a line ending in one of these tokens (the spec's rule); other lines continue. */
const ENDS_STATEMENT = /(?:[\w'"`)\]}]|\+\+|--)$/;
const KEYWORDS = new Set(['break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var']);
const ENDS_AFTER_KEYWORD = new Set(['break', 'continue', 'fallthrough', 'return']);

/**
 * The statements of a function body that hold something another declaration's findings may
 * depend on, comments removed and spacing folded: equal digests, same dependencies.
 */
export function statementDigest(body: string): string {
  const lines = withoutComments(body).split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
  const kept: string[] = [];
  let stmt = '';
  for (const line of lines) {
    stmt = stmt ? `${stmt} ${line}` : line;
    const last = /\w+$/.exec(line)?.[0];
    const ends = line === '' || (ENDS_STATEMENT.test(line) && (!last || !KEYWORDS.has(last) || ENDS_AFTER_KEYWORD.has(last)));
    if (!ends) continue;
    if (RELEVANT.test(stmt)) kept.push(stmt);
    stmt = '';
  }
  if (stmt && RELEVANT.test(stmt)) kept.push(stmt);
  return kept.join('\n');
}

/** The text with comments replaced by a space (a line comment keeps its newline); literals kept. */
function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  scanCode(text, /["'`/]/g, 0, text.length, (i, e) => {
    if (e === undefined) return;
    const nl = text[i + 1] === '*' && text.slice(i, e).includes('\n') ? '\n' : ' ';
    out += text.slice(from, i) + nl;
    from = e;
  });
  return out + text.slice(from);
}
