// reviewdog's Diagnostic JSON (rdjson): one DiagnosticResult with a diagnostic per finding, its
// preferred fix as a suggestion. `reviewdog -f=rdjson` reads it.
// https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
import type { Range, Severity } from '../../analysis/types';
import type { ColumnMap } from '../columns';
import type { LintReport } from '../report';
import { slashPath } from '../../workspace/discover';
import { TOOL_NAME } from '../meta';

const SEVERITIES: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', information: 'INFO', hint: 'INFO' };

/** rdjson ranges: 1-based lines and 1-based UTF-8 byte columns (its default), end exclusive. */
function range(columns: ColumnMap, r: Range) {
  const s = columns.bytes(r.start);
  const e = columns.bytes(r.end);
  return { start: { line: s.line, column: s.column }, end: { line: e.line, column: e.column } };
}

export function formatRdjson(report: LintReport): string {
  const diagnostics = report.files.flatMap((f) => f.findings.map((d) => {
    const preferred = d.fixes.find((x) => x.preferred);
    return {
      message: d.message,
      location: { path: slashPath(f.display), range: range(f.columns, d.range) },
      severity: SEVERITIES[d.severity],
      code: { value: d.rule },
      ...(preferred ? { suggestions: preferred.edits.map((e) => ({ range: range(f.columns, e.range), text: e.newText })) } : {}),
    };
  }));
  return JSON.stringify({ source: { name: TOOL_NAME }, diagnostics }, null, 2) + '\n';
}
