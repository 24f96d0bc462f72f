// Turning PATH arguments into the .go files to analyze, the way the go command reads
// package patterns: a file, a directory (its own .go files), or DIR/... (recursive).
import * as fs from 'fs';
import * as path from 'path';

export class PathError extends Error {}

/** Directories a recursive pattern does not enter (the go command's rules for `./...`). */
export function skippedDir(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name.startsWith('.') || name.startsWith('_');
}

/** The go command ignores files whose names start with `.` or `_` in a package directory. */
function goFileName(name: string): boolean {
  return name.endsWith('.go') && !name.startsWith('.') && !name.startsWith('_');
}

/** The .go names of one directory that are not directories: reading them reports dangling symlinks and special files. */
function dirGoFiles(dir: string): { files: string[]; subdirs: string[] } {
  const files: string[] = [];
  const subdirs: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    // Like the go command, recursion does not follow symlinked directories.
    if (e.isDirectory()) subdirs.push(p);
    // FIFOs and devices too: reading says they are skipped (workspace/source.ts never opens them blocking).
    else if (goFileName(e.name) && !isDirectory(p)) files.push(p);
  }
  return { files, subdirs };
}

function isDirectory(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/** A directory below a recursive pattern that could not be listed: the walk goes on without it. */
export interface WalkProblem { dir: string; message: string }

function walk(dir: string, out: string[], problems: WalkProblem[] | undefined, top: boolean): void {
  let listed;
  try {
    listed = dirGoFiles(dir);
  } catch (err) {
    // As go vet does per package: say so, lint the rest, fail at the end. The pattern's own
    // directory is a PathError (nothing to lint).
    if (top || !problems) throw err;
    const e = err as NodeJS.ErrnoException;
    problems.push({ dir, message: `cannot list the directory: ${e.code === 'EACCES' ? 'permission denied' : e.message}` });
    return;
  }
  out.push(...listed.files);
  for (const d of listed.subdirs) if (!skippedDir(path.basename(d))) walk(d, out, problems, false);
}

/**
 * The absolute paths of the files the patterns name, without duplicates, ordered by
 * directory and then by name so the files of a package are analyzed one after another.
 * A path that does not exist (or a named file that is not .go) is a PathError. With `problems`,
 * a directory below DIR/... that cannot be listed is added there and skipped; without, it throws.
 */
export function discoverFiles(patterns: readonly string[], cwd: string, problems?: WalkProblem[]): string[] {
  const found: string[] = [];
  for (const pattern of patterns) {
    const recursive = pattern === '...' || /[\\/]\.\.\.$/.test(pattern);
    const target = path.resolve(cwd, recursive ? pattern.slice(0, -3) || '.' : pattern);
    let stat: fs.Stats;
    try { stat = fs.statSync(target); } catch (err) {
      throw new PathError(`${pattern}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    try {
      if (stat.isDirectory()) {
        if (recursive) walk(target, found, problems, true);
        else found.push(...dirGoFiles(target).files);
      } else if (recursive) {
        throw new PathError(`${pattern}: not a directory`);
      } else if (!target.endsWith('.go')) {
        throw new PathError(`${pattern}: named files must be .go files`);
      } else {
        found.push(target);
      }
    } catch (err) {
      if (err instanceof PathError) throw err;
      throw new PathError(`${pattern}: ${(err as Error).message}`);
    }
  }
  return sortByPackage([...new Set(found)]);
}

function sortByPackage(files: string[]): string[] {
  const key = (f: string) => [path.dirname(f), path.basename(f)] as const;
  return files.sort((a, b) => {
    const [da, fa] = key(a);
    const [db, fb] = key(b);
    return da < db ? -1 : da > db ? 1 : fa < fb ? -1 : fa > fb ? 1 : 0;
  });
}

/** The path as output shows it: relative to cwd when below it (like go vet), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return rel && !outside ? rel : file;
}

/** A path with `/` between its parts, as CI formats and globs want it on every OS. */
export function slashPath(p: string): string {
  return p.split(path.sep).join('/');
}
