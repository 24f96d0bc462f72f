// Suppression comments: `//mapleak:ignore <rule>[,<rule>] <reason>` and golangci-lint's
// `//nolint`, `//nolint:mapleak` (also inside a list, `//nolint:errcheck,mapleak`).
// Either one applies to findings that start on its own line or on the line below it.
import type { SyntaxNode } from '../parse/parser';
import type { Finding, Pass, TextEdit } from './types';
import { lineIndent } from './rangeclear';

interface Directive { line: number; rules: Set<string> | 'all' }

const IGNORE = /\/\/\s*mapleak:ignore\s+([\w,*-]+)/;
const NOLINT = /\/\/\s*nolint(?::([\w,-]+))?(?=\s|$|\/\/)/;

function directives(text: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes('//')) continue;
    const ig = IGNORE.exec(line);
    if (ig) {
      const names = ig[1].split(',').filter(Boolean);
      out.push({ line: i, rules: names.includes('*') || names.includes('all') ? 'all' : new Set(names) });
      continue;
    }
    const nl = NOLINT.exec(line);
    if (nl) {
      if (nl[1] === undefined) out.push({ line: i, rules: 'all' });
      else if (nl[1].split(',').includes('mapleak')) out.push({ line: i, rules: 'all' });
    }
  }
  return out;
}

export function removeSuppressed(text: string, findings: Finding[]): Finding[] {
  if (!findings.length) return findings;
  const ds = directives(text);
  if (!ds.length) return findings;
  return findings.filter((f) => {
    const line = f.range.start.line;
    return !ds.some((d) => (d.line === line || d.line === line - 1) && (d.rules === 'all' || d.rules.has(f.rule)));
  });
}

/** The fix that suppresses a rule at `stmt`: `//mapleak:ignore <rule> <reason>` on its own line above it, indented as it. */
export function ignoreEdit(pass: Pass, stmt: SyntaxNode, rule: string, reason: string): TextEdit {
  const at = { line: stmt.startPosition.row, character: 0 };
  return { range: { start: at, end: at }, newText: `${lineIndent(pass, at.line)}//mapleak:ignore ${rule} ${reason}\n` };
}
