// `--fix --diff`: the preferred fixes of a file as a unified diff, each hunk preceded by its fix's
// preview (the annotation's label and description as `# ` lines), nothing written.
//
// Each hunk is printed as its own patch of the file (`---`/`+++` headers again), numbered against
// the text left by the hunks before it. `git apply` and `patch -p1` apply such a sequence in order,
// and the text between patches is commentary to both, so the preview lines need no special format.
// Hunks come from the fixes' own edits (the lines they touch, minimized by a line LCS), not from a
// whole-file diff: that is what ties each hunk to its fix.
import { applyEdits, lineStarts, offsetAt } from '../analysis/edits';
import type { Finding, Fix, TextEdit } from '../analysis/types';

export const CONTEXT_LINES = 3;

interface Group { from: number; to: number; fixes: Fix[] }

/** Lines of a text; `eol` false when the last line has no newline. */
function splitLines(text: string): { lines: string[]; eol: boolean } {
  const lines = text.split('\n');
  const eol = lines[lines.length - 1] === '';
  if (eol) lines.pop();
  return { lines, eol };
}

/** The preferred fixes, grouped when their lines overlap or touch (one hunk each), in file order. */
function groups(fixes: readonly Fix[]): Group[] {
  const spans = fixes.map((fix) => ({
    from: Math.min(...fix.edits.map((e) => e.range.start.line)),
    to: Math.max(...fix.edits.map((e) => e.range.end.line)),
    fixes: [fix],
  })).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Group[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) { last.to = Math.max(last.to, s.to); last.fixes.push(...s.fixes); } else out.push(s);
  }
  return out;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** A line diff of two small blocks (longest common subsequence); deletions before insertions. */
export function lineDiff(a: readonly string[], b: readonly string[]): Op[] {
  // Blocks are a few statements; a pathological size falls back to replace-all.
  if (a.length * b.length > 4_000_000) return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  const n = a.length, m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops: Op[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push({ kind: ' ', line: a[i] }); i++; j++; } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push({ kind: '-', line: a[i++] }); } else { ops.push({ kind: '+', line: b[j++] }); }
  }
  return ops;
}

/** `-l,s` / `+l,s` as diff prints them: an empty side names the line before it. */
function side(start: number, count: number): string {
  return count === 0 ? `${start},0` : count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

function previewLines(fixes: readonly Fix[]): string {
  return fixes.map((f) => {
    const a = f.annotation;
    const lines = a ? [a.label, a.description] : [f.title];
    return lines.map((l) => `# ${l.replace(/\n/g, ' ')}\n`).join('');
  }).join('');
}

/**
 * The unified diff of applying the findings' preferred fixes (as --fix chooses them: `fixed`)
 * to `text`, for the file shown as `display`. Empty when nothing changes.
 */
export function fixDiff(text: string, fixed: readonly Finding[], display: string): string {
  const fixes = fixed.map((f) => f.fixes.find((x) => x.preferred)).filter((x): x is Fix => !!x && x.edits.length > 0);
  const starts = lineStarts(text);
  const original = splitLines(text);
  let current = original.lines.slice();
  let currentEol = original.eol;
  let shift = 0; // lines added (or removed) by the hunks already printed
  const name = display.replace(/\\/g, '/');
  let out = '';
  for (const g of groups(fixes)) {
    // The old block: whole lines from..to of the original, and what the group's edits make of them.
    const blockStart = starts[g.from] ?? text.length;
    const blockEnd = g.to + 1 < starts.length ? starts[g.to + 1] : text.length;
    const block = text.slice(blockStart, blockEnd);
    const ls = lineStarts(block);
    const pos = (o: number) => { let l = 0; while (l + 1 < ls.length && ls[l + 1] <= o) l++; return { line: l, character: o - ls[l] }; };
    const local: TextEdit[] = g.fixes.flatMap((f) => f.edits).map((e) => ({
      range: { start: pos(offsetAt(starts, text, e.range.start) - blockStart), end: pos(offsetAt(starts, text, e.range.end) - blockStart) },
      newText: e.newText,
    }));
    const oldB = splitLines(block);
    const newB = splitLines(applyEdits(block, local));
    const at = g.from + shift; // the block's first line in the current text
    const lastBlock = at + oldB.lines.length >= current.length;
    // Whether the new side's last line has a newline, should the hunk reach the end of the file.
    const newEol = lastBlock ? newB.eol : currentEol;
    const ops = lineDiff(oldB.lines, newB.lines);
    const before = current.slice(Math.max(0, at - CONTEXT_LINES), at).map((line): Op => ({ kind: ' ', line }));
    const after = current.slice(at + oldB.lines.length, at + oldB.lines.length + CONTEXT_LINES).map((line): Op => ({ kind: ' ', line }));
    const all = [...before, ...ops, ...after];
    const oldCount = all.filter((o) => o.kind !== '+').length;
    const newCount = all.filter((o) => o.kind !== '-').length;
    const hunkStart = at - before.length;
    out += previewLines(g.fixes);
    out += `--- a/${name}\n+++ b/${name}\n@@ -${side(hunkStart, oldCount)} +${side(hunkStart, newCount)} @@\n`;
    // The file's last line without a newline is marked on the side(s) it ends.
    const endsOld = hunkStart + oldCount === current.length && !currentEol;
    const endsNew = hunkStart + oldCount === current.length && !newEol;
    let oldSeen = 0, newSeen = 0;
    for (const o of all) {
      out += `${o.kind}${o.line}\n`;
      if (o.kind !== '+') oldSeen++;
      if (o.kind !== '-') newSeen++;
      const oldLast = o.kind !== '+' && oldSeen === oldCount && endsOld;
      const newLast = o.kind !== '-' && newSeen === newCount && endsNew;
      if (oldLast || newLast) out += '\\ No newline at end of file\n';
    }
    current = [...current.slice(0, at), ...newB.lines, ...current.slice(at + oldB.lines.length)];
    if (lastBlock) currentEol = newEol;
    shift += newB.lines.length - oldB.lines.length;
  }
  return out;
}
