// Code actions from findings: a quickfix per fix of each finding that touches the requested
// range, and `source.fixAll.go-mapleak` with every preferred fix that does not overlap another.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { lineStarts, offsetAt } from '../analysis/edits';
import type { Finding, Fix } from '../analysis/types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.go-mapleak`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface VersionedDocument { uri: string; version: number; text: string }

/**
 * The edit of a fix, versioned so the client refuses it if the document moved on.
 * One place builds WorkspaceEdits: change annotations (the simulation preview) will be added here.
 */
export function workspaceEdit(doc: VersionedDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [...edits] }] };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges overlap or touch (a cursor at either end of a finding counts). */
export function touches(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Whether `kind` is asked for by `only` (kinds are hierarchical: `source` covers `source.fixAll.x`). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export interface FindingWithDiagnostic { finding: Finding; diagnostic: Diagnostic }

export function quickFixes(doc: VersionedDocument, items: readonly FindingWithDiagnostic[], range: Range): CodeAction[] {
  const out: CodeAction[] = [];
  for (const { finding, diagnostic } of items) {
    if (!touches(finding.range, range)) continue;
    for (const fix of finding.fixes) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.preferred,
        diagnostics: [diagnostic],
        edit: workspaceEdit(doc, fix.edits),
      });
    }
  }
  return out;
}

/** Spans that share text, or two insertions at the same point (their order would be a guess). */
function overlap([a, b]: [number, number], [c, d]: [number, number]): boolean {
  return (a < d && c < b) || (a === b && c === d && a === c);
}

/** The preferred fixes of the document, first come first served when their edits overlap. */
export function fixAll(doc: VersionedDocument, findings: readonly Finding[]): CodeAction | undefined {
  const starts = lineStarts(doc.text);
  const taken: [number, number][] = [];
  const chosen: Fix[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.preferred);
    if (!fix) continue;
    const spans = fix.edits.map((e): [number, number] => [offsetAt(starts, doc.text, e.range.start), offsetAt(starts, doc.text, e.range.end)]);
    if (spans.some((s) => taken.some((t) => overlap(s, t)))) continue;
    taken.push(...spans);
    chosen.push(fix);
  }
  if (!chosen.length) return undefined;
  return {
    title: 'Fix all go-mapleak findings',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(doc, chosen.flatMap((f) => f.edits)),
  };
}
