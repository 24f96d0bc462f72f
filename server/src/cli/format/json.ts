// The json format (documented field by field in docs/cli.md). Positions are 1-based lines
// and 1-based UTF-8 byte columns, the same as the text format; end positions are exclusive.
import type { Finding, Range } from '../../analysis/types';
import type { ColumnMap } from '../columns';
import type { FileReport, LintReport } from '../report';
import { jsonString, writeJson } from './stream';

export const JSON_FORMAT_VERSION = 1;

function span(columns: ColumnMap, r: Range) {
  const start = columns.bytes(r.start);
  const end = columns.bytes(r.end);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

export function formatJson(report: LintReport): string {
  return jsonString((findings) => jsonEnvelope(report, findings), jsonFindingsOf(report));
}

/** The json format written to `out` a finding at a time (format/stream.ts): the same bytes as formatJson. */
export function writeJsonReport(report: LintReport, out: (text: string) => void): void {
  writeJson((findings) => jsonEnvelope(report, findings), jsonFindingsOf(report), out);
}

function jsonEnvelope(report: LintReport, findings: unknown) {
  const errors = report.problems.map((p) => ({ file: p.file, kind: p.kind, fatal: p.fatal, message: p.message }));
  return {
    version: JSON_FORMAT_VERSION, findings, errors, fixed: report.fixed, notShown: report.notShown, excluded: report.excluded,
    // Without its time: the same JSON for any --jobs and any machine speed.
    ...(report.compiler ? { compiler: { ...report.compiler, seconds: undefined } } : {}),
  };
}

/** The findings as the json format writes them (also in `go-mapleak profile --format json`). */
export function jsonFindings(report: LintReport) {
  return [...jsonFindingsOf(report)];
}

function* jsonFindingsOf(report: LintReport) {
  for (const f of report.files) for (const d of f.findings) yield jsonFinding(f, d);
}

function jsonFinding(f: FileReport, d: Finding) {
  return ({
    file: f.display,
    ...span(f.columns, d.range),
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    // Why it matters (or not) and what the severity follows from; added in place, no version bump.
    impact: { level: d.impact.level, evidence: d.impact.evidence },
    ...compilerField(f, d),
    fixes: d.fixes.map((x) => ({
      title: x.title,
      preferred: x.preferred,
      edits: x.edits.map((e) => ({ ...span(f.columns, e.range), newText: e.newText })),
      // The preview with the simulation's figures (the LSP change annotation); added in place, no version bump.
      ...(x.annotation ? { annotation: { label: x.annotation.label, description: x.annotation.description } } : {}),
    })),
    // A heap profile's figures for the finding's map (go-mapleak profile); added in place, no version bump.
    ...(d.profile ? { profile: d.profile } : {}),
  });
}

/**
 * For a finding the Go compiler can confirm (an allocation claim): whether a build's records did
 * (`confirmed`, with the record), did not although the package was built (`unconfirmed`), or no
 * build was used for it (`not-run`: --compiler off, no go, a failed or skipped build).
 */
export function compilerField(f: FileReport, d: Finding): { compiler?: { status: 'confirmed' | 'unconfirmed' | 'not-run'; record?: string } } {
  if (!d.compiler) return {};
  if (d.confirmedBy) return { compiler: { status: 'confirmed', record: d.confirmedBy } };
  return { compiler: { status: f.compiled ? 'unconfirmed' : 'not-run' } };
}
