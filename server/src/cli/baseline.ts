// --baseline FILE and --write-baseline FILE: a committed JSON file of accepted findings. Findings
// match it by fingerprint (format/fingerprint.ts: the rule, the file, the enclosing function and
// the message without positions, and the rank among equal ones), never by line, so code moved by
// edits elsewhere still matches. Counts matter: two equal findings in the baseline and three now
// leave one new.
import * as fs from 'fs';
import * as path from 'path';
import { fingerprinted, type Fingerprinted } from './format/fingerprint';
import type { LintReport } from './report';

export const BASELINE_VERSION = 1;

/** A baseline that cannot be read or written: a message for stderr, exit 2. */
export class BaselineError extends Error {}

interface BaselineFile { version: number; tool: string; findings: Fingerprinted[] }

/**
 * The report's findings as baseline entries. Paths are relative to the baseline file's directory,
 * so the file matches from any working directory.
 */
function entries(report: LintReport, baseline: string): Fingerprinted[][] {
  const dir = path.dirname(baseline);
  return report.files.map((f) => fingerprinted({ ...f, display: path.relative(dir, f.file) }));
}

/** Writes every finding of the report to `file` (replacing it); returns how many. */
export function writeBaseline(report: LintReport, file: string, cwd: string): number {
  const target = path.resolve(cwd, file);
  const findings = entries(report, target).flat();
  const doc: BaselineFile = { version: BASELINE_VERSION, tool: 'go-mapleak', findings };
  const tmp = `${target}.go-mapleak-${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    fs.renameSync(tmp, target);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw new BaselineError(`--write-baseline: cannot write ${file}: ${(err as Error).message}`);
  }
  return findings.length;
}

/** The baseline's fingerprints with their counts. */
export interface Baseline { file: string; counts: Map<string, number> }

export function readBaseline(file: string, cwd: string): Baseline {
  const target = path.resolve(cwd, file);
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(target, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file (--write-baseline writes one)' : e instanceof SyntaxError ? `not JSON (${e.message})` : e.message;
    throw new BaselineError(`--baseline: cannot read ${file}: ${why}`);
  }
  const d = doc as Partial<BaselineFile> | null;
  if (!d || typeof d !== 'object' || d.version !== BASELINE_VERSION || !Array.isArray(d.findings)
    || d.findings.some((x) => !x || typeof x.fingerprint !== 'string')) {
    throw new BaselineError(`--baseline: ${file} is not a go-mapleak baseline (version ${BASELINE_VERSION}, findings[].fingerprint)`);
  }
  const counts = new Map<string, number>();
  for (const x of d.findings) counts.set(x.fingerprint, (counts.get(x.fingerprint) ?? 0) + 1);
  return { file: target, counts };
}

/** Leaves out the findings the baseline holds (each baseline entry matches once); returns how many. */
export function dropBaselined(report: LintReport, baseline: Baseline): number {
  const left = new Map(baseline.counts);
  let dropped = 0;
  const prints = entries(report, baseline.file);
  report.files.forEach((f, i) => {
    f.findings = f.findings.filter((_, j) => {
      const fp = prints[i][j].fingerprint;
      const n = left.get(fp) ?? 0;
      if (n === 0) return true;
      left.set(fp, n - 1);
      dropped++;
      return false;
    });
  });
  return dropped;
}
