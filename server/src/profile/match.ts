// Profile file names to workspace files. A profile names files as the build machine saw them: an
// absolute path of this or another machine, a module-cache path (`.../mod/example.com/m@v1.2.0/x.go`)
// or a -trimpath name (`example.com/m/x.go`). Each is matched by module path and path in the module,
// then by the function's import path, then (package main of another machine) by the longest
// relative path of a module file it ends with.
import * as fs from 'fs';
import * as path from 'path';
import { discoverFiles, slashPath } from '../workspace/discover';
import { escapeRegExp } from '../analysis/syntax/lexical';

export interface ModuleRoot {
  dir: string;
  /** The module path from go.mod; undefined when go.mod has no module line. */
  path?: string;
}

export interface Matched {
  /** The workspace file (absolute). */
  file: string;
  module: ModuleRoot;
}

/** The import path of a pprof function name: `example.com/m/cache.(*S).Put` → `example.com/m/cache`. */
export function functionPackage(fn: string): string {
  // Receivers and type arguments (`(*S)`, `[go.shape.int]`) may hold slashes of their own.
  const cut = fn.search(/[([]/);
  const slash = fn.lastIndexOf('/', cut >= 0 ? cut : fn.length);
  const dot = fn.indexOf('.', slash + 1);
  const pkg = dot < 0 ? fn : fn.slice(0, dot);
  // An external test package's functions are those of its directory.
  return pkg.endsWith('_test') ? pkg.slice(0, -5) : pkg;
}

export function isRuntimeFunction(fn: string): boolean {
  return fn.startsWith('runtime.') || fn.startsWith('internal/runtime/');
}

export class FileMatcher {
  private byBase = new Map<string, { rel: string; module: ModuleRoot }[]>();
  private relSet = new Map<ModuleRoot, Set<string>>();
  private memo = new Map<string, Matched | null>();

  constructor(readonly modules: readonly ModuleRoot[]) {
    for (const m of modules) {
      const rels = new Set<string>();
      for (const f of discoverFiles([path.join(m.dir, '...')], m.dir)) {
        const rel = slashPath(path.relative(m.dir, f));
        rels.add(rel);
        const base = path.posix.basename(rel);
        let list = this.byBase.get(base);
        if (!list) this.byBase.set(base, (list = []));
        list.push({ rel, module: m });
      }
      this.relSet.set(m, rels);
    }
  }

  /**
   * Whether a frame's function is of a package of the analysed modules (matched or not: unmatched
   * ones are reported). Package main has no module path: an unmatched main is another program's.
   */
  ours(fn: string): boolean {
    const pkg = functionPackage(fn);
    return this.modules.some((m) => m.path !== undefined && (pkg === m.path || pkg.startsWith(`${m.path}/`)));
  }

  match(file: string, fn: string, line: number): Matched | undefined {
    const key = `${file}\0${fn}\0${line}`;
    let hit = this.memo.get(key);
    if (hit === undefined) this.memo.set(key, (hit = this.find(file, fn, line) ?? null));
    return hit ?? undefined;
  }

  private inModule(m: ModuleRoot, rel: string): Matched | undefined {
    return this.relSet.get(m)?.has(rel) ? { file: path.join(m.dir, ...rel.split('/')), module: m } : undefined;
  }

  private find(file: string, fn: string, line: number): Matched | undefined {
    const norm = file.replace(/\\/g, '/');
    for (const m of this.modules) {
      const dir = slashPath(m.dir);
      if (norm.startsWith(`${dir}/`) && fs.existsSync(file)) {
        const hit = this.inModule(m, norm.slice(dir.length + 1));
        if (hit) return hit;
      }
    }
    for (const m of this.modules) {
      if (!m.path) continue;
      // -trimpath (`mod/dir/x.go`), a module-cache path (`.../mod@v1.2.3/dir/x.go`) or a GOPATH one.
      for (const re of [`(^|/)${escapeRegExp(m.path)}/(.+)$`, `(^|/)${escapeRegExp(m.path)}@[^/]+/(.+)$`]) {
        const hit = new RegExp(re).exec(norm);
        const found = hit && this.inModule(m, hit[2]);
        if (found) return found;
      }
      const pkg = functionPackage(fn);
      if (pkg === m.path || pkg.startsWith(`${m.path}/`)) {
        const dir = pkg.slice(m.path.length + 1);
        const found = this.inModule(m, dir ? `${dir}/${path.posix.basename(norm)}` : path.posix.basename(norm));
        if (found) return found;
      }
    }
    // Package main built elsewhere: the longest module path the name ends with, if only one does.
    if (functionPackage(fn) !== 'main') return undefined;
    const candidates = (this.byBase.get(path.posix.basename(norm)) ?? []).filter((c) => norm === c.rel || norm.endsWith(`/${c.rel}`));
    if (!candidates.length) return undefined;
    const longest = Math.max(...candidates.map((c) => c.rel.length));
    const best = candidates.filter((c) => c.rel.length === longest);
    const hit = best.length === 1 ? this.inModule(best[0].module, best[0].rel) : undefined;
    // A file name alone (main.go) is weak evidence: the function must be declared in that file.
    return hit && declares(hit.file, fn, line) ? hit : undefined;
  }
}

/** Whether `file` declares the function (or method) a pprof name ends with (`main.(*T).Run.func1` → Run) and has the line. */
function declares(file: string, fn: string, line: number): boolean {
  const rest = fn.slice(functionPackage(fn).length + 1).split('.');
  const name = rest[0]?.startsWith('(') ? rest[1] : rest[0];
  if (!name) return false;
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.split('\n').length >= line && new RegExp(`\\bfunc\\s*(\\([^)]*\\)\\s*)?${escapeRegExp(name)}\\s*[[(]`).test(text);
  } catch {
    return false;
  }
}
