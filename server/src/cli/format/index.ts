// Picks the formatter for --format.
import type { Format } from '../options';
import type { LintReport } from '../report';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

const FORMATTERS: Record<Format, (r: LintReport) => string> = { text: formatText, json: formatJson, sarif: formatSarif };

export function formatReport(format: Format, report: LintReport): string {
  return FORMATTERS[format](report);
}
