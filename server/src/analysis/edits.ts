// Applying text edits to a string: used by --fix, the golden tests and the server's fixAll.
import type { Finding, Fix, Position, TextEdit } from './types';

/** Start offset (UTF-16) of each line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: readonly number[], text: string, p: Position): number {
  if (p.line >= starts.length) return text.length;
  return Math.min(starts[p.line] + p.character, text.length);
}

/** Applies non-overlapping edits; overlapping ones after the first are dropped (like gopls). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ from: offsetAt(starts, text, e.range.start), to: offsetAt(starts, text, e.range.end), text: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.from < at) continue;
    out += text.slice(at, s.from) + s.text;
    at = s.to;
  }
  return out + text.slice(at);
}

/**
 * The preferred fixes of a file that apply together (--fix, fixAll): each finding's preferred fix,
 * kept unless one of its edits overlaps another kept edit or one of its own (an insertion at the
 * same point counts). A release (mapretain's `M = make(...)`, or its bounded form) goes before the
 * rest: on a loop both rules flag, rangeclear's `clear(M)` would leave mapretain's finding for a
 * second run, the release leaves neither. Returned in the findings' order.
 */
/** A fix that lets the GC free the old storage (a fresh map, or one past a limit). */
const releases = (f: Fix) => f.effect === 'fresh' || f.effect === 'bounded';

export function compatibleFixes(text: string, findings: readonly Finding[]): { finding: Finding; fix: Fix }[] {
  const starts = lineStarts(text);
  const clash = (a: [number, number], b: [number, number]) => (a[0] < b[1] && b[0] < a[1]) || (a[0] === a[1] && b[0] === b[1] && a[0] === b[0]);
  const taken: [number, number][] = [];
  const chosen: { at: number; finding: Finding; fix: Fix }[] = [];
  const order = findings.map((finding, at) => ({ at, finding, fix: finding.fixes.find((x) => x.preferred) }))
    .filter((c): c is { at: number; finding: Finding; fix: Fix } => c.fix !== undefined && c.fix.edits.length > 0)
    .sort((a, b) => Number(releases(b.fix)) - Number(releases(a.fix)) || a.at - b.at);
  for (const c of order) {
    const spans = c.fix.edits.map((e): [number, number] => [offsetAt(starts, text, e.range.start), offsetAt(starts, text, e.range.end)]);
    if (spans.some((s, i) => taken.some((t) => clash(s, t)) || spans.some((o, j) => j !== i && clash(s, o)))) continue;
    taken.push(...spans);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.at - b.at).map(({ finding, fix }) => ({ finding, fix }));
}
