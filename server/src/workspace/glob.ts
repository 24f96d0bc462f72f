// Path globs as golangci-lint's exclude paths read them: `*` within a path segment, `**` across
// segments, `?` one character; matched against the path relative to the working directory with `/`.
// A glob naming a directory (`gen`, `internal/**`) excludes what is below it too.
import * as path from 'path';
import { escapeRegExp } from '../analysis/syntax/lexical';
import { slashPath } from './discover';

export function globRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      // `**/` matches no directory or several; `**` at the end anything.
      if (g[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** The files whose path (relative to cwd) no glob matches. */
export function excludeGlobs(files: readonly string[], globs: readonly string[], cwd: string): string[] {
  if (!globs.length) return [...files];
  const res = globs.map(globRegExp);
  return files.filter((f) => {
    const rel = slashPath(path.relative(cwd, f));
    return !res.some((r) => r.test(rel));
  });
}
