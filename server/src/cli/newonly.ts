// --new-from-rev REV and --new-from-patch FILE: report only the findings on lines added or changed
// since a git revision (the working tree against REV: commits, staged and unstaged changes, and
// untracked files, which are new throughout), or in a unified diff, as golangci-lint's flags do.
// A finding is new when any line of its range is changed. Lines that were only moved (a block of
// three or more lines whose text, white space aside, the same diff removes elsewhere) are not
// changes, so moving a function or re-indenting a block does not make its findings new.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../analysis/types';
import { BaselineError, dropBaselined, readBaseline, writeBaseline } from './baseline';
import { findingCount, type LintReport } from './report';

/** A --new-from-rev or --new-from-patch that cannot be used: a message for stderr, exit 2. */
export class NewOnlyError extends Error {}

/** One file's side of a unified diff: the added lines of the new text, and the removed lines in runs. */
export interface DiffFile {
  /** The new path as the diff names it (without `b/`). */
  path: string;
  /** Added lines: 1-based line in the new text, and its text. */
  added: { line: number; text: string }[];
  /** Removed lines, one array per run of consecutive removed lines. */
  removed: string[][];
}

/** Changed lines (1-based) by absolute path. */
export type ChangedLines = Map<string, Set<number>>;

/** A block this long, or longer, that the diff removes in one place and adds in another is a move. */
export const MOVED_MIN_LINES = 3;

/** Parses a unified diff (git's or diff -u's); a file it deletes has path '' (its removed lines may be moved elsewhere). */
export function parseUnifiedDiff(text: string): DiffFile[] {
  const out: DiffFile[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  /** The file of the last `+++` line; path '' for one the diff deletes (moves out of it still count). */
  let file: DiffFile | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (line.startsWith('+++ ')) {
      out.push(file = { path: diffPath(line.slice(4)) ?? '', added: [], removed: [] });
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !file) continue;
    let oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
    let newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    let at = Number(hunk[2]);
    let run: string[] | undefined;
    while ((oldLeft > 0 || newLeft > 0) && i + 1 < lines.length) {
      const body = lines[++i].replace(/\r$/, '');
      const kind = body[0];
      if (kind === '\\') continue; // \ No newline at end of file
      if (kind === '-') {
        if (!run) file.removed.push(run = []);
        run.push(body.slice(1));
        oldLeft--;
        continue;
      }
      run = undefined;
      if (kind === '+') { file.added.push({ line: at, text: body.slice(1) }); at++; newLeft--; }
      else if (kind === ' ' || body === '') { at++; oldLeft--; newLeft--; }
      else { i--; break; } // the hunk ended early (a truncated patch): read the line as a header
    }
  }
  return out.filter((f) => f.path !== '' || f.removed.length);
}

/** The path of a `+++` line: unquoted, without a timestamp or `b/`; undefined for /dev/null. */
function diffPath(raw: string): string | undefined {
  let p = raw;
  if (p.startsWith('"')) p = unquote(p);
  else p = p.replace(/\t.*$/, '');
  if (p === '/dev/null') return undefined;
  return p.startsWith('b/') ? p.slice(2) : p;
}

/** git's C-style quoted path: `"dir/a\tb.go"`, octal escapes for bytes of UTF-8. */
function unquote(q: string): string {
  const end = q.lastIndexOf('"');
  const body = q.slice(1, end > 0 ? end : undefined);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') { bytes.push(...Buffer.from(body[i], 'utf8')); continue; }
    const oct = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (oct) { bytes.push(parseInt(oct[0], 8)); i += 3; continue; }
    const c = body[++i];
    bytes.push(simple[c] ?? c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The changed lines of each file, paths resolved against `base`; moved blocks left out. A moved
 * block is a run of MOVED_MIN_LINES or more added lines equal (white space aside) to a run of
 * removed lines anywhere in the diff, with a word in it; the longest are matched first, and each
 * removed line matches once: a block added twice is moved once and new once.
 */
export function changedLines(files: readonly DiffFile[], base: string): ChangedLines {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  const removed = files.flatMap((f) => f.removed).map((r) => r.map(norm));
  const where = new Map<string, [number, number][]>();
  removed.forEach((r, ri) => r.forEach((t, j) => {
    if (!/\w/.test(t)) return;
    let w = where.get(t);
    if (!w) where.set(t, w = []);
    w.push([ri, j]);
  }));
  // Runs of consecutive added lines, every file's.
  const added: { file: DiffFile; lines: { line: number; text: string }[] }[] = [];
  for (const f of files) {
    for (let start = 0, end = 0; start < f.added.length; start = end) {
      for (end = start + 1; end < f.added.length && f.added[end].line === f.added[end - 1].line + 1;) end++;
      added.push({ file: f, lines: f.added.slice(start, end) });
    }
  }
  // Every maximal common block of an added run and a removed run (a block grows while both go on equal).
  interface Block { ai: number; a: number; ri: number; r: number; len: number }
  const all: Block[] = [];
  added.forEach((run, ai) => {
    let prev: Block[] = [];
    run.lines.forEach((l, i) => {
      const t = norm(l.text);
      const cur = new Map<string, Block>();
      for (const b of prev) {
        const j = b.r + b.len;
        if (removed[b.ri][j] === t) { b.len++; cur.set(`${b.ri}:${j}`, b); }
      }
      // Blocks start only on lines with a word: `}` and blank lines are everywhere.
      if (/\w/.test(t)) {
        for (const [ri, j] of where.get(t) ?? []) {
          if (!cur.has(`${ri}:${j}`)) { const b = { ai, a: i, ri, r: j, len: 1 }; all.push(b); cur.set(`${ri}:${j}`, b); }
        }
      }
      prev = [...cur.values()];
    });
  });
  const blocks = all.filter((b) => b.len >= MOVED_MIN_LINES);
  const usedA = added.map((run) => new Array<boolean>(run.lines.length).fill(false));
  const usedR = removed.map((r) => new Array<boolean>(r.length).fill(false));
  blocks.sort((x, y) => y.len - x.len || x.ai - y.ai || x.a - y.a);
  for (const b of blocks) {
    // What is still free of the block, in pieces long enough to be a move.
    for (let k = 0; k < b.len;) {
      if (usedA[b.ai][b.a + k] || usedR[b.ri][b.r + k]) { k++; continue; }
      let e = k;
      while (e < b.len && !usedA[b.ai][b.a + e] && !usedR[b.ri][b.r + e]) e++;
      if (e - k >= MOVED_MIN_LINES && added[b.ai].lines.slice(b.a + k, b.a + e).some((l) => /\w/.test(l.text))) {
        usedA[b.ai].fill(true, b.a + k, b.a + e);
        usedR[b.ri].fill(true, b.r + k, b.r + e);
      }
      k = e;
    }
  }
  const out: ChangedLines = new Map();
  for (const f of files) if (f.path) out.set(path.resolve(base, f.path), out.get(path.resolve(base, f.path)) ?? new Set());
  added.forEach((run, ai) => {
    if (!run.file.path) return;
    const set = out.get(path.resolve(base, run.file.path)) as Set<number>;
    run.lines.forEach((l, i) => { if (!usedA[ai][i]) set.add(l.line); });
  });
  return out;
}

function git(args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.error) {
    const e = r.error as NodeJS.ErrnoException;
    throw new NewOnlyError(e.code === 'ENOENT' ? '--new-from-rev needs git on PATH' : `cannot run git: ${e.message}`);
  }
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

/** The top directory of the git work tree `cwd` is in, or undefined outside one. */
export function gitTop(cwd: string): string | undefined {
  try {
    const r = git(['rev-parse', '--show-toplevel'], cwd);
    return r.ok ? r.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The diff of the work tree (with staged changes and untracked files) against `rev`. */
export function diffFromRev(rev: string, cwd: string): { files: DiffFile[]; top: string } {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new NewOnlyError(`--new-from-rev: ${cwd} is not in a git repository`);
  const root = top.stdout.trim();
  if (rev === '' || rev.startsWith('-') || !git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root).ok) {
    throw new NewOnlyError(`--new-from-rev: unknown revision ${JSON.stringify(rev)}`);
  }
  const diff = git(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M', '-U0', rev, '--'], root);
  if (!diff.ok) throw new NewOnlyError(`--new-from-rev: git diff ${rev} failed: ${diff.stderr.trim()}`);
  const files = parseUnifiedDiff(diff.stdout);
  // Untracked files (not ignored) are new throughout: all their lines added.
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], root);
  if (!untracked.ok) throw new NewOnlyError(`--new-from-rev: git ls-files failed: ${untracked.stderr.trim()}`);
  for (const p of untracked.stdout.split('\0').filter((x) => x.endsWith('.go'))) {
    let text: string;
    try { text = fs.readFileSync(path.join(root, p), 'utf8'); } catch { continue; } // the lint reports it
    files.push({ path: p, added: text.split('\n').map((t, i) => ({ line: i + 1, text: t })), removed: [] });
  }
  return { files, top: root };
}

/** The changed lines of a unified diff file; its paths are relative to the git work tree's top, else to `cwd`. */
export function diffFromPatch(file: string, cwd: string): { files: DiffFile[]; top: string } {
  let text: string;
  try { text = fs.readFileSync(path.resolve(cwd, file), 'utf8'); } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new NewOnlyError(`--new-from-patch: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
  const files = parseUnifiedDiff(text);
  if (!files.length && text.trim() !== '' && !/^(diff |--- |rename |similarity |index )/m.test(text)) {
    throw new NewOnlyError(`--new-from-patch: ${file} is not a unified diff`);
  }
  return { files, top: gitTop(cwd) ?? cwd };
}

/** The 1-based lines a finding covers (an exclusive end at column 0 ends on the line before). */
function findingLines(f: Finding): number[] {
  const first = f.range.start.line;
  let last = f.range.end.line;
  if (last > first && f.range.end.character === 0) last--;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i + 1);
}

/** Keeps the findings on changed lines; returns how many were left out. */
export function keepChanged(report: LintReport, changed: ChangedLines): number {
  let dropped = 0;
  for (const f of report.files) {
    const lines = changed.get(f.file) ?? changed.get(realpath(f.file));
    const kept = lines ? f.findings.filter((d) => findingLines(d).some((l) => lines.has(l))) : [];
    dropped += f.findings.length - kept.length;
    f.findings = kept;
  }
  return dropped;
}

function realpath(p: string): string {
  try { return fs.realpathSync(p); } catch { return p; }
}

/** The flags of this file and cli/baseline.ts (LintOptions). */
export interface NewOnlyOptions { newFromRev?: string; newFromPatch?: string; baseline?: string }

/**
 * Reads the baseline and the diff before the analysis (a bad REV or a missing file is an error
 * before any output); returns the filter of the report, which leaves out what is not new and
 * returns the stderr line that counts it. undefined without these flags.
 */
export function newOnlyFilter(opts: NewOnlyOptions, cwd: string): ((report: LintReport) => string) | undefined {
  if (opts.newFromRev === undefined && opts.newFromPatch === undefined && opts.baseline === undefined) return undefined;
  let baseline;
  try {
    baseline = opts.baseline === undefined ? undefined : readBaseline(opts.baseline, cwd);
  } catch (err) {
    throw err instanceof BaselineError ? new NewOnlyError(err.message) : err;
  }
  const diff = opts.newFromRev !== undefined ? diffFromRev(opts.newFromRev, cwd)
    : opts.newFromPatch !== undefined ? diffFromPatch(opts.newFromPatch, cwd) : undefined;
  const changed = diff && changedLines(diff.files, diff.top);
  const since = opts.newFromRev !== undefined ? `unchanged since ${opts.newFromRev}` : `not changed by ${opts.newFromPatch}`;
  return (report) => {
    const parts: string[] = [];
    // The baseline first: its fingerprints rank equal findings among all of a file's findings.
    const old = baseline ? dropBaselined(report, baseline) : 0;
    if (old) parts.push(`${old} in the baseline`);
    const unchanged = changed ? keepChanged(report, changed) : 0;
    if (unchanged) parts.push(`${unchanged} on lines ${since}`);
    const n = findingCount(report);
    return parts.length ? `go-mapleak: ${n} new finding${n === 1 ? '' : 's'}; not shown: ${parts.join(', ')}\n` : '';
  };
}

/** --write-baseline: writes the report's findings; the stderr line, and whether it was written. */
export function writeBaselineFile(report: LintReport, file: string, cwd: string): { ok: boolean; message: string } {
  try {
    const n = writeBaseline(report, file, cwd);
    return { ok: true, message: `go-mapleak: wrote ${n} finding${n === 1 ? '' : 's'} to ${file}\n` };
  } catch (err) {
    if (!(err instanceof BaselineError)) throw err;
    return { ok: false, message: `go-mapleak: ${err.message}\n` };
  }
}
