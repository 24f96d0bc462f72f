// A Go package on disk: the .go files of one directory that share a package clause.
import * as fs from 'fs';
import * as path from 'path';

/** The package name from a file's package clause, or undefined when it has none. */
export function packageName(text: string): string | undefined {
  // Skip comments before the clause; a regex suffices, a parse is not needed for this.
  const m = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*package\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(text);
  return m?.[1];
}

/** The other .go files of the same directory whose package clause matches `name`. */
export function siblingFiles(file: string, name: string | undefined, read = (p: string) => fs.readFileSync(p, 'utf8')): { path: string; text: string }[] {
  if (!name) return [];
  const dir = path.dirname(file);
  let entries: string[];
  try { entries = fs.readdirSync(dir); } catch { return []; }
  const out: { path: string; text: string }[] = [];
  for (const e of entries) {
    if (!e.endsWith('.go')) continue;
    const p = path.join(dir, e);
    if (path.resolve(p) === path.resolve(file)) continue;
    let text: string;
    try { text = read(p); } catch { continue; }
    if (packageName(text) === name) out.push({ path: p, text });
  }
  return out;
}
