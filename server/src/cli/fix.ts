// --fix: choosing the preferred fixes of a file that can be applied together, and writing the
// result so that no work is lost: never over a file changed since we read it, and atomically.
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, compatibleFixes } from '../analysis/edits';
import type { Finding } from '../analysis/types';
import { decodeSource } from '../workspace/source';

export interface FixPlan {
  /** The findings whose preferred fix is applied. */
  fixed: Finding[];
  text: string;
}

/** The preferred fixes that apply together (analysis/edits.ts compatibleFixes), applied. */
export function planFixes(text: string, findings: readonly Finding[]): FixPlan {
  const chosen = compatibleFixes(text, findings);
  return { fixed: chosen.map((c) => c.finding), text: chosen.length ? applyEdits(text, chosen.flatMap((c) => c.fix.edits)) : text };
}

export class ConflictError extends Error {}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Replaces the file's text with `next` if it still holds `expected`: writes a temporary file in
 * the same directory with the same mode, then renames it over the file (atomic on POSIX).
 */
export function writeFixed(file: string, expected: string, bom: boolean, next: string): void {
  const target = fs.realpathSync(file); // write through a symlink, don't replace it
  const stat = fs.statSync(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.go-mapleak-${process.pid}-${Date.now().toString(36)}.tmp`);
  const mode = stat.mode & 0o7777;
  try {
    const fd = fs.openSync(tmp, 'wx', mode);
    try {
      fs.writeFileSync(fd, bom ? Buffer.concat([BOM, Buffer.from(next, 'utf8')]) : next);
      fs.fchmodSync(fd, mode); // the umask may have narrowed the mode at creation
      try { fs.fchownSync(fd, stat.uid, stat.gid); } catch { /* only root may give files away */ }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const now = decodeSource(fs.readFileSync(target));
    if (!now.ok || now.text !== expected || now.bom !== bom) throw new ConflictError('changed since it was read; not fixed');
    fs.renameSync(tmp, target);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch { /* already renamed or never created */ }
    throw err;
  }
}
