// Checkstyle XML (the layout golangci-lint's and staticcheck's checkstyle output use): a <file> per
// file with an <error> per finding. Jenkins warnings-ng, reviewdog -f=checkstyle and many CI
// dashboards read it.
import type { Severity } from '../../analysis/types';
import type { LintReport } from '../report';
import { slashPath } from '../../workspace/discover';

const LEVELS: Record<Severity, 'error' | 'warning' | 'info'> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

/** Text for an XML attribute value: the five predefined entities, and control characters as references. */
export function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // XML 1.0 allows tab, newline and carriage return of the control characters only.
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function formatCheckstyle(report: LintReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="5.0">'];
  for (const f of report.files) {
    if (!f.findings.length) continue;
    lines.push(`  <file name="${xmlAttr(slashPath(f.display))}">`);
    for (const d of f.findings) {
      const s = f.columns.bytes(d.range.start);
      lines.push(`    <error line="${s.line}" column="${s.column}" severity="${LEVELS[d.severity]}" message="${xmlAttr(d.message)}" source="go-mapleak.${xmlAttr(d.rule)}"></error>`);
    }
    lines.push('  </file>');
  }
  for (const p of report.problems) {
    lines.push(`  <file name="${xmlAttr(slashPath(p.file))}">`, `    <error line="1" column="1" severity="${p.fatal ? 'error' : 'warning'}" message="${xmlAttr(p.fatal ? p.message : `skipped: ${p.message}`)}" source="go-mapleak"></error>`, '  </file>');
  }
  lines.push('</checkstyle>');
  return lines.join('\n') + '\n';
}
