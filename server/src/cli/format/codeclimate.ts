// GitLab Code Quality: a JSON array of Code Climate issues (description, check_name, fingerprint,
// severity, location.path and location.lines.begin are what GitLab requires), fingerprints from
// fingerprint.ts so that a finding moved by an edit elsewhere is the same issue in the merge request.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
import type { Severity } from '../../analysis/types';
import type { LintReport } from '../report';
import { slashPath } from '../../workspace/discover';
import { fingerprints } from './fingerprint';

const SEVERITIES: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = { hint: 'info', information: 'minor', warning: 'major', error: 'critical' };

export function formatCodeclimate(report: LintReport): string {
  const issues = report.files.flatMap((f) => {
    const prints = fingerprints(f);
    return f.findings.map((d, i) => ({
      type: 'issue',
      description: d.message,
      check_name: d.rule,
      categories: ['Performance'],
      fingerprint: prints[i],
      severity: SEVERITIES[d.severity],
      location: { path: slashPath(f.display), lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
    }));
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
