// GitHub Actions workflow commands: one `::warning file=…,line=…::message` line a finding, which
// the runner turns into annotations on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Severity } from '../../analysis/types';
import type { LintReport } from '../report';
import { slashPath } from '../../workspace/discover';

const COMMANDS: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escaping of a command's message (data) and of its property values, as the runner unescapes them. */
export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: LintReport): string {
  let out = '';
  for (const f of report.files) {
    const file = slashPath(f.display);
    for (const d of f.findings) {
      const s = f.columns.bytes(d.range.start);
      const e = f.columns.bytes(d.range.end);
      const props = [`file=${escapeProperty(file)}`, `line=${s.line}`, `col=${s.column}`, `endLine=${e.line}`, ...(e.line === s.line ? [`endColumn=${e.column}`] : []), `title=${escapeProperty(`go-mapleak ${d.rule}`)}`];
      out += `::${COMMANDS[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  for (const p of report.problems) out += `::${p.fatal ? 'error' : 'warning'} file=${escapeProperty(slashPath(p.file))},title=go-mapleak::${escapeData(p.fatal ? p.message : `skipped: ${p.message}`)}\n`;
  return out;
}
