// How deep a Go file nests scopes, estimated from its text in one pass (no tree walk: a cursor
// over every node costs most of a parse). Scope lookups walk a node's ancestors, and tree-sitter
// finds a node's parent by descending from the root, so a use nested d levels deep costs O(d²):
// a file of thousands of nested blocks, loops or else-if branches (legal Go: go/parser allows
// 100,000 levels) would take minutes to analyze.

/**
 * Deeper files are not analyzed. Go 1.26's src/ tops out at 15 but for one test fixture built to
 * nest 401 (internal/coverage/cfile/testdata/issue59563); 64 nested func literals analyze in ~1 s.
 */
import { scanCode } from './lexical';

export const MAX_SCOPE_DEPTH = 64;

/**
 * The deepest nesting of `{` plus the longest `else if` chain at one brace level (each `else if`
 * nests the next if statement inside the previous one), ignoring strings, runes and comments.
 */
export function scopeDepth(text: string): number {
  let depth = 0;
  let max = 0;
  // Length of the current else-if chain per brace level.
  const chain: number[] = [0];
  // Jump from one character that matters to the next (the regular expression engine skips the
  // rest far faster than a loop over every character would): braces, quotes, comments, `if`.
  scanCode(text, /[{}"'`/]|if/g, 0, text.length, (i, comment) => {
    if (comment !== undefined) return;
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      depth++;
      chain[depth] = 0;
      if (depth > max) max = depth;
    } else if (c === 0x7d /* } */) {
      if (depth > 0) depth--;
    } else if (!isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + 2))) {
      // `if`, a whole word (Go identifiers may hold non-ASCII letters, which \b does not know).
      chain[depth] = elseBefore(text, i) ? chain[depth] + 1 : 0;
      if (depth + chain[depth] > max) max = depth + chain[depth];
    }
  });
  return max;
}

/** Whether the word `else` ends just before `i`, whitespace between. */
function elseBefore(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && isSpaceChar(text.charCodeAt(j - 1))) j--;
  return j >= 4 && text.slice(j - 4, j) === 'else' && !isWordChar(text.charCodeAt(j - 5));
}

function isSpaceChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c > 0x7f;
}
