// A finding's identity that survives edits elsewhere in its file: the rule, the file, the enclosing
// function and the message with file positions taken out, plus its rank among equal ones. Lines
// are not part of it, so moving code keeps it. Code Climate's fingerprint and SARIF's
// partialFingerprints use it.
import { createHash } from 'crypto';
import type { Finding } from '../../analysis/types';
import type { FileReport } from '../report';
import { slashPath } from '../../workspace/discover';

/** The name of the function declared last before 0-based `line` (`Store.Flush`, `Reset`), or '' at the top level. */
export function enclosingFunction(text: string, line: number): string {
  const lines = text.split('\n', line + 1);
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^func\s+(?:\(\s*\w*\s*\*?\s*(\w+)[^)]*\)\s*)?(\w+)/.exec(lines[i]);
    if (m) return m[1] ? `${m[1]}.${m[2]}` : m[2];
  }
  return '';
}

/** The message without positions (`cache.go:71`) and with runs of white space as one space. */
export function normalizedMessage(message: string): string {
  return message.replace(/[\w./-]+\.go:\d+(:\d+)?/g, 'FILE').replace(/\s+/g, ' ').trim();
}

/** The fingerprint of each finding of a file, in order: sha256 hex of its identity and its rank among equal identities. */
export function fingerprints(f: FileReport): string[] {
  const seen = new Map<string, number>();
  const file = slashPath(f.display);
  return f.findings.map((d: Finding) => {
    const identity = [d.rule, file, enclosingFunction(f.columns.text, d.range.start.line), normalizedMessage(d.message)].join('\0');
    const rank = seen.get(identity) ?? 0;
    seen.set(identity, rank + 1);
    return createHash('sha256').update(`${identity}\0${rank}`).digest('hex');
  });
}
