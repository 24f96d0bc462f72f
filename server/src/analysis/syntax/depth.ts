// How deep a Go file nests scopes, estimated from its text in one pass (no tree walk: a cursor
// over every node costs most of a parse). Scope lookups walk a node's ancestors, and tree-sitter
// finds a node's parent by descending from the root, so a use nested d levels deep costs O(d²):
// a file of thousands of nested blocks, loops or else-if branches (legal Go: go/parser allows
// 100,000 levels) would take minutes to analyze.

/**
 * Deeper files are not analyzed. Go 1.26's src/ tops out at 15 but for one test fixture built to
 * nest 401 (internal/coverage/cfile/testdata/issue59563); 64 nested func literals analyze in ~1 s.
 */
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
  let lastWord = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */) {
      depth++;
      chain[depth] = 0;
      if (depth > max) max = depth;
      lastWord = '';
    } else if (c === 0x7d /* } */) {
      if (depth > 0) depth--;
      lastWord = '';
    } else if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      for (i++; i < text.length && text.charCodeAt(i) !== c && text.charCodeAt(i) !== 0x0a; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x60 /* ` */) {
      const end = text.indexOf('`', i + 1);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f) {
      let j = i + 1;
      while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
      // Only `if` and `else` matter: no string for the other words.
      const word = j - i === 2 || j - i === 4 ? text.slice(i, j) : '';
      if (word === 'if') {
        chain[depth] = lastWord === 'else' ? chain[depth] + 1 : 0;
        if (depth + chain[depth] > max) max = depth + chain[depth];
      }
      lastWord = word;
      i = j - 1;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      lastWord = '';
    }
  }
  return max;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c > 0x7f;
}
