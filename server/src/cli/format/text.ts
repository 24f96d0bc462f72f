// go vet's output: `file:line:col: message (rule)`, 1-based line, 1-based byte column.
import type { LintReport } from '../report';

export function formatText(report: LintReport): string {
  let out = '';
  for (const f of report.files) {
    for (const d of f.findings) {
      const p = f.columns.bytes(d.range.start);
      out += `${f.display}:${p.line}:${p.column}: ${d.message} (${d.rule})\n`;
    }
  }
  return out;
}
