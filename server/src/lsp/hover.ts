// Hover on flagged code: the finding's explanation and a link to its rule's page.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Finding } from '../analysis/types';
import { ruleDocUri } from '../ruledocs';

function contains(f: Finding, p: Position): boolean {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character < end.character);
  return afterStart && beforeEnd;
}

export function hoverAt(findings: readonly Finding[], position: Position, docsDir: string): Hover | null {
  const hits = findings.filter((f) => contains(f, position));
  if (!hits.length) return null;
  const value = hits
    .map((f) => `${f.explanation.trim()}\n\n[go-mapleak: ${f.rule}](${ruleDocUri(f.rule, docsDir)})`)
    .join('\n\n---\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: hits[0].range };
}
