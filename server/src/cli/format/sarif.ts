// SARIF 2.1.0: one run of go-mapleak. Columns are 1-based UTF-16 code units, SARIF's default
// columnKind (stated on the run). Paths under the working directory are relative to %SRCROOT%.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES } from '../../analysis/rules';
import type { Finding, Range, Severity, TextEdit } from '../../analysis/types';
import type { ColumnMap } from '../columns';
import { TOOL_NAME, TOOL_VERSION } from '../meta';
import { ruleDocMarkdown } from '../../ruledocs';
import { failed, type FileReport, type LintReport } from '../report';
import { jsonString, writeJson } from './stream';
import { compilerField } from './json';
import { fingerprints } from './fingerprint';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** An artifactLocation: relative to %SRCROOT% when the path is, else an absolute file URI. */
function artifactLocation(display: string) {
  if (path.isAbsolute(display)) return { uri: pathToFileURL(display).href };
  return { uri: display.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(columns: ColumnMap, r: Range) {
  const start = columns.utf16(r.start);
  const end = columns.utf16(r.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function replacement(columns: ColumnMap, e: TextEdit) {
  return { deletedRegion: region(columns, e.range), insertedContent: { text: e.newText } };
}

export function formatSarif(report: LintReport): string {
  return jsonString((results) => sarifLog(report, results), sarifResults(report));
}

/** The SARIF log written to `out` a result at a time (format/stream.ts): the same bytes as formatSarif. */
export function writeSarifReport(report: LintReport, out: (text: string) => void): void {
  writeJson((results) => sarifLog(report, results), sarifResults(report), out);
}

function* sarifResults(report: LintReport) {
  for (const f of report.files) {
    const prints = fingerprints(f);
    for (let i = 0; i < f.findings.length; i++) yield sarifResult(f, f.findings[i], prints[i]);
  }
}

function sarifResult(f: FileReport, d: Finding, print: string) {
  const ruleIndex = RULES.findIndex((r) => r.name === d.rule);
  const preferred = d.fixes.find((x) => x.preferred);
  return {
    ruleId: d.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVELS[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.display), region: region(f.columns, d.range) } }],
    // Stable across line moves (fingerprint.ts): code scanning matches results between runs by it (SARIF 2.1.0 §3.27.17).
    partialFingerprints: { 'goMapleak/v1': print },
    // The judgement behind the level, in the result's property bag (SARIF 2.1.0 §3.8).
    properties: { impact: d.impact.level, evidence: d.impact.evidence, ...compilerField(f, d), ...(d.profile ? { profile: d.profile } : {}) },
    ...(preferred ? {
      fixes: [{
        description: { text: preferred.title },
        artifactChanges: [{ artifactLocation: artifactLocation(f.display), replacements: preferred.edits.map((e) => replacement(f.columns, e)) }],
        // The preview with the simulation's figures, in the fix's property bag (SARIF 2.1.0 §3.8).
        ...(preferred.annotation ? { properties: { preview: { label: preferred.annotation.label, description: preferred.annotation.description } } } : {}),
      }],
    } : {}),
  };
}

function sarifLog(report: LintReport, results: unknown) {
  const rootUri = pathToFileURL(report.cwd).href.replace(/\/?$/, '/');
  const notifications = report.problems.map((p) => ({
    level: p.fatal ? 'error' : 'warning',
    message: { text: p.fatal ? p.message : `skipped: ${p.message}` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.file) } }],
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: TOOL_VERSION,
          rules: RULES.map((r) => ({
            id: r.name,
            shortDescription: { text: r.doc },
            // The page itself, not a link: SARIF viewers show it, and the tool has no public home page.
            help: ruleHelp(r.name, r.doc),
            defaultConfiguration: { level: LEVELS[r.defaultSeverity] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: !failed(report), toolExecutionNotifications: notifications,
        properties: { notShown: report.notShown, ...(report.compiler ? { compiler: { ...report.compiler, seconds: undefined } } : {}) },
      }],
      originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function ruleHelp(rule: string, doc: string): { text: string; markdown?: string } {
  const markdown = ruleDocMarkdown(rule);
  const text = `${doc}. Documented in docs/rules/${rule}.md.`;
  return markdown ? { text, markdown } : { text };
}
