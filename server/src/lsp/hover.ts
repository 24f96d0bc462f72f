// Hover: the explanation of each finding under the cursor (with a link to its rule's page), then
// the map hover for the map type or map-typed name there (explain/maphover.ts). Both come from
// the analysis run the diagnostics used, and share its package resolver.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { passFor } from '../analysis/analyze';
import { mapAt } from '../analysis/syntax/mapat';
import type { AnalysisContext, Finding, ParsedFile, Range } from '../analysis/types';
import { mapHover } from '../explain/maphover';
import { ruleDocUri } from '../ruledocs';

function contains(r: Range, p: Position): boolean {
  const { start, end } = r;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character < end.character);
  return afterStart && beforeEnd;
}

/** The map hover's markdown and the range it is about. */
export interface MapHoverPart { value: string; range: Range }

/** `link`: a last line, the panel's link for clients that show it (lsp/panel.ts). */
export function hoverAt(findings: readonly Finding[], position: Position, docsDir: string, map?: MapHoverPart, link?: string): Hover | null {
  const hits = findings.filter((f) => contains(f.range, position));
  const parts = hits.map((f) => `${f.explanation.trim()}${blockedText(f)}\n\n[go-mapleak: ${f.rule}](${ruleDocUri(f.rule, docsDir)})`);
  if (map) parts.push(map.value);
  if (!parts.length) return null;
  if (link) parts[parts.length - 1] += `\n\n${link}`;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: hits[0]?.range ?? map!.range };
}

/** The map hover at `position` of an analyzed file, or undefined when no map is there. */
export function mapHoverAt(run: { file: ParsedFile; context: AnalysisContext }, position: Position): MapHoverPart | undefined {
  // The Pass the run's rules used (passFor keeps it per file and context): its resolver is built.
  const pass = passFor(run.file, run.context);
  const m = mapAt(run.file.tree.rootNode, position, pass.resolver());
  if (!m) return undefined;
  return { value: mapHover({ map: m, runtimeVersion: pass.runtimeVersion, goVersion: pass.goVersion }), range: m.range };
}

/** ifacebox: why its map is not narrowed, with the line of the use that blocks it (1-based, as editors show lines). */
function blockedText(f: Finding): string {
  const b = f.blockedBy;
  return b ? `\n\nNarrowing the map to one value type is not offered: ${b.why}${b.at ? ` (line ${b.at.start.line + 1})` : ''}.` : '';
}
