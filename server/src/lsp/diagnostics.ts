// Findings as LSP diagnostics: one severity table, the rule's doc page as codeDescription.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../analysis/types';
import { effectiveSeverity, type Settings } from '../config/settings';
import { ruleDocUri } from '../ruledocs';

export const SOURCE = 'go-mapleak';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

export function toDiagnostic(finding: Finding, severity: Severity, docsDir: string): Diagnostic {
  // Frozen: lsp/encoder.ts keeps each diagnostic's JSON, which a change would make stale.
  return Object.freeze({
    range: finding.range,
    severity: SEVERITY[severity],
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: ruleDocUri(finding.rule, docsDir) },
    message: finding.message,
  });
}

// A finding kept from the previous run (lsp/incremental.ts) is the same object: its diagnostic is too.
const made = new WeakMap<Finding, { severity: Severity; docsDir: string; diagnostic: Diagnostic }>();

/** The diagnostics of a document's findings under the settings; `off` rules give none. */
export function diagnosticsOf(findings: readonly Finding[], settings: Settings, docsDir: string): { finding: Finding; diagnostic: Diagnostic }[] {
  const out: { finding: Finding; diagnostic: Diagnostic }[] = [];
  for (const finding of findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === 'off') continue;
    let m = made.get(finding);
    if (!m || m.severity !== severity || m.docsDir !== docsDir) made.set(finding, (m = { severity, docsDir, diagnostic: toDiagnostic(finding, severity, docsDir) }));
    out.push({ finding, diagnostic: m.diagnostic });
  }
  return out;
}
