// Skipping over Go's literals and comments in plain text, for the scans that read a file without
// its tree (syntax/depth.ts, lsp/incremental.ts: scanCode): a brace, quote or slash inside a
// string, rune, raw string or comment is not code. Unterminated ones run to the end of their line (string,
// rune, line comment) or of the text (raw string, block comment), as the Go scanner reads them.

/** The index just past the string, rune or raw string literal whose opening quote is at `i`. */
export function literalEnd(text: string, i: number): number {
  const q = text[i];
  if (q === '`') {
    const e = text.indexOf('`', i + 1);
    return e < 0 ? text.length : e + 1;
  }
  let j = i + 1;
  for (; j < text.length && text[j] !== q && text[j] !== '\n'; j++) if (text[j] === '\\') j++;
  return j + 1;
}

/** Whether a comment opens at `i` (`//` or `/*`). */
export function commentAt(text: string, i: number): boolean {
  return text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*');
}

/** Where the comment opening at `i` ends: at its line's newline, or just past its closing star-slash. */
export function commentEnd(text: string, i: number): number {
  if (text[i + 1] === '*') {
    const e = text.indexOf('*/', i + 2);
    return e < 0 ? text.length : e + 2;
  }
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/**
 * Calls `visit` for each match of `re` in code, at indices from `from` up to (not including) `to`:
 * string, rune and raw string literals are skipped unseen, a comment is visited once with its
 * end, and a `/` that opens no comment is not visited. `re` must be global and match every quote
 * and `/` (where literals and comments start). `visit` returning false ends the scan.
 */
export function scanCode(text: string, re: RegExp, from: number, to: number, visit: (at: number, commentEnd?: number) => boolean | void): void {
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const i = m.index;
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      re.lastIndex = literalEnd(text, i);
    } else if (c === '/') {
      if (!commentAt(text, i)) continue;
      re.lastIndex = commentEnd(text, i);
      if (visit(i, re.lastIndex) === false) return;
    } else if (visit(i) === false) {
      return;
    }
  }
}

/** `text` to be matched literally inside a RegExp: its metacharacters escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
