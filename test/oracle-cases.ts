// The cases of the ifacebox oracle fixture (test/testdata/ifacebox/oracle): the niladic
// `func caseXxx()` functions of a package, and which case executes a given store.
import type { Range } from '../server/src/analysis/types';
import type { ParsedFile } from '../server/src/analysis/types';
import type { SyntaxNode } from '../server/src/parse/parser';
import { field, kids, walk } from '../server/src/analysis/syntax/nodes';

/** A case whose store is a map composite literal also allocates the map: this function measures that. */
export const LITERAL_BASELINE = 'baseLiteral';

export function isLiteralCase(name: string): boolean {
  return name.startsWith('caseLiteral');
}

/**
 * A case of the narrowing refactor's pairs (narrow.go): caseNarrowXxxAfter stores into the map
 * narrowed from caseNarrowXxxBefore's interface-valued one. It has no store the rule reports.
 */
export function isAfterCase(name: string): boolean {
  return /^case[A-Z]\w*After$/.test(name);
}

/** The Before case an After case is paired with. */
export function beforeOf(name: string): string {
  return name.replace(/After$/, 'Before');
}

interface TopFunc { name: string; node: SyntaxNode }

function topFuncs(file: ParsedFile): TopFunc[] {
  return kids(file.tree.rootNode).filter((n) => n.type === 'function_declaration').flatMap((node) => {
    const name = field(node, 'name')?.text;
    return name ? [{ name, node }] : [];
  });
}

/** Names of the case functions of a package, in file order. */
export function caseNames(files: readonly ParsedFile[]): string[] {
  return files.flatMap((f) => topFuncs(f).map((t) => t.name).filter((n) => /^case[A-Z]/.test(n)));
}

/** The top-level function declaration around a position of a file. */
export function enclosingFunc(file: ParsedFile, range: Range): string | undefined {
  const at = range.start;
  return topFuncs(file).find(({ node }) => {
    const s = node.startPosition;
    const e = node.endPosition;
    return (s.row < at.line || (s.row === at.line && s.column <= at.character)) &&
      (e.row > at.line || (e.row === at.line && e.column >= at.character));
  })?.name;
}

/**
 * The case that executes code of function `name`: itself when it is a case, else the one case
 * that calls it by name (a helper such as storeParameter). Undefined when none or several do.
 */
export function caseOf(files: readonly ParsedFile[], name: string): string | undefined {
  if (/^case[A-Z]/.test(name)) return name;
  const callers = new Set<string>();
  for (const f of files) {
    for (const t of topFuncs(f)) {
      if (!/^case[A-Z]/.test(t.name)) continue;
      walk(t.node, (n) => {
        if (n.type === 'call_expression' && field(n, 'function')?.text === name) callers.add(t.name);
      });
    }
  }
  return callers.size === 1 ? [...callers][0] : undefined;
}

/** Cases with a `// want` comment on a line of their own or of a helper they call: reported ones. */
export function wantedCases(files: readonly ParsedFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    f.text.split('\n').forEach((line, i) => {
      if (!/\/\/\s*want\s/.test(line)) return;
      const fn = enclosingFunc(f, { start: { line: i, character: line.length }, end: { line: i, character: line.length } });
      const name = fn && caseOf(files, fn);
      if (name) out.add(name);
    });
  }
  return out;
}
