// A finding's identity that survives edits elsewhere in its file: the rule, the file, the enclosing
// function and the message with file positions taken out, plus its rank among equal ones. Lines
// are not part of it, so moving code keeps it. Code Climate's fingerprint, SARIF's
// partialFingerprints and the --baseline file (cli/baseline.ts) use it.
import { createHash } from 'crypto';
import type { Finding } from '../../analysis/types';
import type { FileReport } from '../report';
import { slashPath } from '../../workspace/discover';

const FUNC_LINE = /^func\s+(?:\(\s*\w*\s*\*?\s*(\w+)[^)]*\)\s*)?(\w+)/;

/** The name of the function declared last before 0-based `line` (`Store.Flush`, `Reset`), or '' at the top level. */
export function enclosingFunction(text: string, line: number): string {
  const lines = text.split('\n', line + 1);
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = FUNC_LINE.exec(lines[i]);
    if (m) return m[1] ? `${m[1]}.${m[2]}` : m[2];
  }
  return '';
}

/**
 * enclosingFunction for every line of a file, read in one pass: a file's findings asked one by
 * one cost a split of the text each, quadratic in a file dense with findings (25,000 findings in
 * 900 KB: 95 s).
 */
function enclosingFunctions(text: string): (line: number) => string {
  const names: string[] = [];
  let name = '';
  for (const l of text.split('\n')) {
    const m = FUNC_LINE.exec(l);
    if (m) name = m[1] ? `${m[1]}.${m[2]}` : m[2];
    names.push(name);
  }
  return (line) => (line < 0 ? '' : names[Math.min(line, names.length - 1)] ?? '');
}

/**
 * The message without what moves with edits or with the run: positions (`cache.go:71`, `line 71`)
 * and the compiler's confirmation (present only when its build ran), runs of white space as one space.
 */
export function normalizedMessage(message: string): string {
  return message.replace(/ \(confirmed by the Go compiler: [^)]*\)/g, '')
    .replace(/[\w./-]+\.go:\d+(:\d+)?/g, 'FILE').replace(/\b(lines?) \d+(?:[-–]\d+)?/g, '$1 N').replace(/\s+/g, ' ').trim();
}

/** A finding's identity: what its fingerprint hashes (a baseline file keeps it beside the hash, for reviewers). */
export interface Fingerprinted { fingerprint: string; rule: string; file: string; function: string; message: string }

/** Each finding of a file with its identity and fingerprint, in order: sha256 hex of the identity and its rank among equal identities. */
export function fingerprinted(f: FileReport): Fingerprinted[] {
  const seen = new Map<string, number>();
  const file = slashPath(f.display);
  const functionAt = f.findings.length > 1 ? enclosingFunctions(f.columns.text) : (line: number) => enclosingFunction(f.columns.text, line);
  return f.findings.map((d: Finding) => {
    const fn = functionAt(d.range.start.line);
    const message = normalizedMessage(d.message);
    const identity = [d.rule, file, fn, message].join('\0');
    const rank = seen.get(identity) ?? 0;
    seen.set(identity, rank + 1);
    return { fingerprint: createHash('sha256').update(`${identity}\0${rank}`).digest('hex'), rule: d.rule, file, function: fn, message };
  });
}

/** The fingerprint of each finding of a file, in order (Code Climate's fingerprint, SARIF's partialFingerprints). */
export function fingerprints(f: FileReport): string[] {
  return fingerprinted(f).map((x) => x.fingerprint);
}
