// What a large generated sibling contributes to a package view: the declarations its package's
// other files can reach, not its code. The rules of a reported file read a sibling for its
// types, package-level variables and constants, and function and method signatures; in full
// views, they also read its assignments and uses. A 10 MB generated file read in full cost
// 5–15 s and 0.7 GB to lint a 10-line neighbour (issue 16), because every body was parsed and
// walked. Here a lexical pass (no parse) splits the file into top-level declarations with their
// bodies and literal values taken out. The view keeps only the declarations that the package's
// other files name, directly or through a kept declaration, and parses just those. Which
// siblings are seen this way: docs/cli.md "Large and generated files".
import { isGenerated } from '../analysis/codescope';

/** A generated sibling larger than this (UTF-16 code units, about bytes) is seen by its declarations only. */
export const GENERATED_FULL_CHARS = 256 * 1024;
/** Any sibling larger than this is seen by its declarations only (generated or not). */
export const SIBLING_FULL_CHARS = 4 * 1024 * 1024;

/** Whether a sibling of this text is seen by its declarations only in the views of its package. */
export function declarationsOnly(text: string): boolean {
  return text.length > SIBLING_FULL_CHARS || (text.length > GENERATED_FULL_CHARS && isGenerated(text));
}

type Kind = 'head' | 'import' | 'func' | 'method' | 'type' | 'var' | 'const';

interface TopDecl {
  /** [start, end) in Declarations.text. */
  start: number;
  end: number;
  kind: Kind;
  /** The package-level names it declares (a method: its name). */
  names: string[];
  /** A method's receiver type name. */
  receiver?: string;
  /** The identifiers it spells (its bodies and values left out), predeclared ones and keywords aside. */
  refs: string[];
}

/** A file's top-level declarations, split lexically; `text` is the file with bodies and values taken out. */
export interface Declarations {
  text: string;
  decls: TopDecl[];
}

const KEYWORDS = new Set(['break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var']);
const PREDECLARED = new Set(['any', 'bool', 'byte', 'comparable', 'complex64', 'complex128', 'error', 'float32', 'float64', 'int', 'int8', 'int16', 'int32', 'int64', 'rune', 'string', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'true', 'false', 'iota', 'nil', 'append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover']);
const STARTS = new Map<string, Kind>([['package', 'head'], ['import', 'import'], ['func', 'func'], ['type', 'type'], ['var', 'var'], ['const', 'const']]);

const LF = 10, QUOTE = 34, APOS = 39, LPAREN = 40, RPAREN = 41, STAR = 42, COMMA = 44, SLASH = 47, SEMI = 59, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, BACKTICK = 96, LBRACE = 123, RBRACE = 125;

function identChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

/** The identifiers a Go text spells outside comments and literals (keywords aside): what may name a declaration. */
export function identifiersOf(text: string, into = new Set<string>()): Set<string> {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) { i = lineEnd(text, i); continue; }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) { i = commentEnd(text, i); continue; }
    if (c === QUOTE || c === APOS || c === BACKTICK) { i = quotedEnd(text, i, c); continue; }
    if (identChar(c)) {
      const start = i;
      while (i < n && identChar(text.charCodeAt(i))) i++;
      if (c < 48 || c > 57) { const w = text.slice(start, i); if (!KEYWORDS.has(w)) into.add(w); }
      continue;
    }
    i++;
  }
  return into;
}

/**
 * `text` split into its top-level declarations, with the contents of every brace block that is
 * not a struct or interface type taken out (function and method bodies, function literals,
 * composite literals: `map[K]V{...}`, `[]byte{...}`), so what is left parses to the same
 * declarations with the same types: `func F(x T) R {}`, `var m = map[K]V{}`,
 * `type S struct { f map[K]V }`. Positions in it are not the file's: nothing is reported in a
 * sibling, and no finding points into one. Comments, strings, raw strings and runes are
 * lexed, so a brace inside one is no block; a block left open ends the text. A declaration starts
 * at a keyword at the start of a line outside any bracket, as gofmt writes them.
 */
export function declarationsOf(text: string): Declarations {
  const n = text.length;
  const parts: string[] = [];
  let out = 0; // length of the output so far (parts joined)
  let at = 0; // text[at, i) is not in parts yet
  const pos = (i: number) => out + (i - at);
  const decls: TopDecl[] = [];
  let decl: TopDecl = { start: 0, end: 0, kind: 'head', names: [], refs: [] };
  let refs = new Set<string>();
  const close = (end: number) => { decl.end = end; decl.refs = [...refs]; decls.push(decl); };

  let word = ''; // the last token when it was an identifier or keyword
  let paren = 0, bracket = 0, kept = 0; // open ( [ and struct/interface {
  // Where the declaration's names are: 'name' (a func's or spec's name next), 'recv' (in a
  // method's receiver), 'more' (after a spec's name: a comma brings another), 'spec' (in a spec:
  // a new line or ';' in a group starts the next), 'done'.
  let state: 'name' | 'recv' | 'more' | 'spec' | 'done' = 'done';
  let group = false;
  let recv: string[] = [];
  let recvBracket = 0;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) { i = lineEnd(text, i); continue; }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) { i = commentEnd(text, i); continue; }
    if (c === QUOTE || c === APOS || c === BACKTICK) {
      i = quotedEnd(text, i, c);
      word = '';
      if (state === 'more') state = 'spec';
      continue;
    }
    if (identChar(c)) {
      const start = i;
      while (i < n && identChar(text.charCodeAt(i))) i++;
      const w = text.slice(start, i);
      const kind = paren === 0 && bracket === 0 && kept === 0 && (start === 0 || text.charCodeAt(start - 1) === LF) ? STARTS.get(w) : undefined;
      if (kind) {
        close(pos(start));
        decl = { start: pos(start), end: 0, kind, names: [], refs: [] };
        refs = new Set();
        state = kind === 'head' || kind === 'import' ? 'done' : 'name';
        group = false;
        word = w;
        continue;
      }
      word = w;
      // A method may be named close or error, and a package may declare its own string.
      const ident = !KEYWORDS.has(w) && (c < 48 || c > 57);
      if (ident && !PREDECLARED.has(w)) refs.add(w);
      if (state === 'recv') { if (ident && recvBracket === 0) recv.push(w); }
      else if (state === 'name' && ident) {
        decl.names.push(w);
        state = decl.kind === 'func' || decl.kind === 'method' ? 'done' : decl.kind === 'type' ? 'spec' : 'more';
      } else if (state === 'more') state = 'spec';
      continue;
    }
    if (c === LBRACE) {
      if (word === 'struct' || word === 'interface') { kept++; i++; word = ''; if (state === 'more') state = 'spec'; continue; }
      // Code or values: out.
      const end = blockEnd(text, i);
      parts.push(text.slice(at, i + 1));
      out += i + 1 - at;
      at = end;
      i = end;
      word = '';
      if (state === 'more') state = 'spec';
      continue;
    }
    if (c > 32) word = '';
    if (c === RBRACE) { if (kept > 0) kept--; }
    else if (c === LPAREN) {
      paren++;
      if (state === 'name' && decl.kind === 'func' && paren === 1) { decl.kind = 'method'; state = 'recv'; recv = []; recvBracket = 0; }
      else if (state === 'name' && paren === 1 && decl.kind !== 'func' && decl.kind !== 'method') group = true;
      else if (state === 'more') state = 'spec';
    } else if (c === RPAREN) {
      paren--;
      if (state === 'recv' && paren === 0) {
        // (r *T), (r T[K]), (*T), (T): the type is the last name outside brackets.
        decl.receiver = recv.at(-1);
        state = 'name';
      } else if (group && paren === 0) state = 'done';
    } else if (c === LBRACKET) { bracket++; if (state === 'recv') recvBracket++; else if (state === 'more') state = 'spec'; }
    else if (c === RBRACKET) { bracket--; if (state === 'recv') recvBracket--; }
    else if (c === COMMA) { if (state === 'more') state = 'name'; }
    else if ((c === LF || c === SEMI) && group && paren === 1 && bracket === 0 && kept === 0 && (state === 'spec' || state === 'more')) state = 'name';
    else if (c > 32 && state === 'more') state = 'spec';
    i++;
  }
  close(pos(n));
  parts.push(text.slice(at));
  return { text: parts.join(''), decls };
}

/**
 * The text the view parses for each of `files` (declarationsOf each): its package clause and
 * imports, and the declarations that `roots` (identifiersOf the package's other files) name,
 * directly or through other kept declarations: a type, function, constant or variable of such a
 * name; a variable that spells one (it may hold a kept type); a method of a kept type whose name
 * is named.
 */
export function neededTexts(files: readonly Declarations[], roots: ReadonlySet<string>): string[] {
  const needed = new Set<string>();
  const kept = files.map((f) => f.decls.map(() => false));
  const byName = new Map<string, [number, number][]>(); // declarations of a name, methods of a name
  const byReceiver = new Map<string, [number, number][]>();
  const varsSpelling = new Map<string, [number, number][]>();
  const add = (m: Map<string, [number, number][]>, k: string, v: [number, number]) => { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); };
  const queue: [number, number][] = [];
  files.forEach((f, fi) => f.decls.forEach((d, di) => {
    if (d.kind === 'head' || d.kind === 'import') { queue.push([fi, di]); return; }
    for (const name of d.names) add(byName, name, [fi, di]);
    if (d.kind === 'method' && d.receiver) add(byReceiver, d.receiver, [fi, di]);
    if (d.kind === 'var') for (const r of d.refs) add(varsSpelling, r, [fi, di]);
  }));
  const need = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const at of byName.get(name) ?? []) {
      const d = files[at[0]].decls[at[1]];
      if (d.kind !== 'method' || (d.receiver && needed.has(d.receiver))) queue.push(at);
    }
    for (const at of byReceiver.get(name) ?? []) if (needed.has(files[at[0]].decls[at[1]].names[0] ?? '')) queue.push(at);
    for (const at of varsSpelling.get(name) ?? []) queue.push(at);
  };
  for (const r of roots) need(r);
  while (queue.length) {
    const [fi, di] = queue.pop()!;
    if (kept[fi][di]) continue;
    kept[fi][di] = true;
    for (const r of files[fi].decls[di].refs) need(r);
  }
  return files.map((f, fi) => {
    const parts: string[] = [];
    f.decls.forEach((d, di) => { if (kept[fi][di]) parts.push(f.text.slice(d.start, d.end)); });
    return parts.join('');
  });
}

/** The index of the `}` that closes the `{` at `open` (the text's length when none does). */
function blockEnd(text: string, open: number): number {
  const n = text.length;
  let depth = 0;
  let i = open;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) { i = lineEnd(text, i); continue; }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) { i = commentEnd(text, i); continue; }
    if (c === QUOTE || c === APOS || c === BACKTICK) { i = quotedEnd(text, i, c); continue; }
    if (c === LBRACE) depth++;
    else if (c === RBRACE && --depth === 0) return i;
    i++;
  }
  return n;
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

function commentEnd(text: string, i: number): number {
  const e = text.indexOf('*/', i + 2);
  return e < 0 ? text.length : e + 2;
}

/** The index after the string, raw string or rune starting at `i` (a line end ends a broken one). */
function quotedEnd(text: string, i: number, quote: number): number {
  if (quote === BACKTICK) {
    const e = text.indexOf('`', i + 1);
    return e < 0 ? text.length : e + 1;
  }
  const n = text.length;
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j++;
    else if (c === quote) return j + 1;
    else if (c === LF) return j;
  }
  return n;
}
