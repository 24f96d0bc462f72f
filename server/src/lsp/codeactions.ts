// Code actions from findings: a quickfix per fix of each finding that touches the requested
// range, and `source.fixAll.go-mapleak` with every preferred fix that does not overlap another.
import {
  CodeActionKind, type AnnotatedTextEdit, type ChangeAnnotation, type ClientCapabilities, type CodeAction, type Diagnostic,
  type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver';
import { compatibleFixes } from '../analysis/edits';
import type { Finding, Fix } from '../analysis/types';
import { shortComparison, type StructPayload } from '../analysis/structpayload';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.go-mapleak`;
/** ifacebox's struct-shaped payloads (analysis/structpayload.ts): a suggestion, never a finding's fix. */
export const PAYLOAD_ACTION_KIND = `${CodeActionKind.RefactorRewrite}.go-mapleak`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, PAYLOAD_ACTION_KIND];

export interface VersionedDocument { uri: string; version: number; text: string }

/** What the client can take in a WorkspaceEdit, read once from its initialize capabilities. */
export interface EditSupport {
  /** Change annotations (LSP 3.16) on versioned documentChanges: VS Code shows them in its refactor preview. */
  annotations: boolean;
}

export const PLAIN_EDITS: EditSupport = { annotations: false };

export function editSupport(caps: ClientCapabilities | undefined): EditSupport {
  const w = caps?.workspace?.workspaceEdit;
  return { annotations: !!(w?.documentChanges && w.changeAnnotationSupport) };
}

/**
 * The edit of some fixes, versioned so the client refuses it if the document moved on. The one
 * place WorkspaceEdits are built: when the client supports them, each fix's annotation (the
 * simulation's figures, explain/findingnumbers.ts) becomes a change annotation on its edits.
 */
export function workspaceEdit(doc: VersionedDocument, fixes: readonly Fix[], support: EditSupport = PLAIN_EDITS): WorkspaceEdit {
  const edits: (TextEdit | AnnotatedTextEdit)[] = [];
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  fixes.forEach((fix, i) => {
    if (!support.annotations || !fix.annotation) {
      edits.push(...fix.edits);
      return;
    }
    // Ids need only be unique within this edit.
    const id = `go-mapleak.fix.${i}`;
    changeAnnotations[id] = { label: fix.annotation.label, description: fix.annotation.description, needsConfirmation: false };
    edits.push(...fix.edits.map((e): AnnotatedTextEdit => ({ range: e.range, newText: e.newText, annotationId: id })));
  });
  const edit: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] };
  if (Object.keys(changeAnnotations).length) edit.changeAnnotations = changeAnnotations;
  return edit;
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

export function quickFixes(doc: VersionedDocument, items: readonly FindingWithDiagnostic[], range: Range, support: EditSupport = PLAIN_EDITS): CodeAction[] {
  const out: CodeAction[] = [];
  for (const { finding, diagnostic } of items) {
    if (!touches(finding.range, range)) continue;
    for (const fix of finding.fixes) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: fix.preferred,
        diagnostics: [diagnostic],
        edit: workspaceEdit(doc, [fix], support),
      });
    }
  }
  return out;
}

/** The preferred fixes of the document that apply together (analysis/edits.ts compatibleFixes). */
export function fixAll(doc: VersionedDocument, findings: readonly Finding[], support: EditSupport = PLAIN_EDITS): CodeAction | undefined {
  const chosen = compatibleFixes(doc.text, findings).map((c) => c.fix);
  if (!chosen.length) return undefined;
  return {
    title: 'Fix all go-mapleak findings',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(doc, chosen, support),
  };
}

/**
 * The struct each payload map touching `range` (its declaration or a store) would be: an edit that
 * inserts the type declaration above the function and leaves the map's code as it is. The title
 * and the change annotation (the refactor preview) carry the per-build comparison.
 */
export function payloadActions(doc: VersionedDocument, payloads: readonly StructPayload[], range: Range, support: EditSupport = PLAIN_EDITS): CodeAction[] {
  return payloads.filter((p) => p.ranges.some((r) => touches(r, range))).map((p) => {
    const n = p.fields.length;
    const short = shortComparison(p.cost);
    const title = `Show the struct this payload would be (${n} field${n === 1 ? '' : 's'})${short ? `: ${short}` : ''}`;
    const fix: Fix = {
      title, preferred: false,
      edits: [{ range: { start: p.insertAt, end: p.insertAt }, newText: `${p.structText}\n` }],
      annotation: { label: `type ${p.typeName} struct for ${p.variable} (${n} field${n === 1 ? '' : 's'})`, description: p.comparison },
    };
    return { title, kind: PAYLOAD_ACTION_KIND, edit: workspaceEdit(doc, [fix], support) };
  });
}
