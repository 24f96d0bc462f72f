// Picks the formatter for --format.
import type { Format } from '../options';
import type { LintReport } from '../report';
import { formatJson } from './json';
import { formatSarif } from './sarif';
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
