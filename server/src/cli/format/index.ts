// Picks the formatter for --format.
import type { Format } from '../options';
import type { LintReport } from '../report';
import { formatJson, writeJsonReport } from './json';
import { formatSarif, writeSarifReport } from './sarif';
import { formatText } from './text';
import { formatGithub } from './github';
import { formatCheckstyle } from './checkstyle';
import { formatCodeclimate } from './codeclimate';
import { formatRdjson } from './rdjson';

const FORMATTERS: Record<Format, (r: LintReport) => string> = {
  text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub, checkstyle: formatCheckstyle, codeclimate: formatCodeclimate, rdjson: formatRdjson,
};

export function formatReport(format: Format, report: LintReport): string {
  return FORMATTERS[format](report);
}

/** Writes the report to `out`; json and sarif a finding at a time (format/stream.ts), so a large report is never one string. */
export function writeReport(format: Format, report: LintReport, out: (text: string) => void): void {
  if (format === 'json') writeJsonReport(report, out);
  else if (format === 'sarif') writeSarifReport(report, out);
  else out(formatReport(format, report));
}
