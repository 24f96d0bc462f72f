// Finding, on disk and with no network, the directory of the Go package an import path names, as
// seen from an importing directory: the standard library (GOROOT/src, and its own vendor trees for
// importers inside it), the importing directory's module (or the workspace's modules, go.work), its
// vendor directory, and its requirements in the module cache, through `replace` directives. The
// rules are the go command's (cmd/go/internal/modload: importFromModules, dirInModule,
// setDefaultBuildMod, Replacement, findWorkspaceFile; golang.org/x/mod/modfile for the syntax).
// Nothing here downloads or runs a build: a module not in the cache is "not found".
import * as fs from 'fs';
import { readGoText } from './source';
import * as path from 'path';
import { atLeast, parseGoVersion, type GoVersion } from '../analysis/goversion';
import { findGo } from '../compiler/run';

export interface GoEnv {
  goroot?: string;
  gomodcache?: string;
  /**
   * GOWORK as the go command reads it: 'off' disables workspace mode, a path names the go.work file,
   * undefined (or empty) finds go.work at or above the importing directory. Not filled by goEnv.
   */
  gowork?: string;
}

export interface PackageLocation {
  dir: string;
  /**
   * std: GOROOT/src, including std's and cmd's vendored packages for importers inside GOROOT/src.
   * module: a package of the importing directory's module (in workspace mode, of any `use`d module).
   * dependency: a required module's directory in the module cache.
   * vendor: the module's (or workspace's) vendor directory.
   * replace: the target of a `replace` directive, a local directory or another module version.
   */
  kind: 'std' | 'module' | 'dependency' | 'vendor' | 'replace';
}

// ---------------------------------------------------------------------------------------------
// GOROOT and GOMODCACHE

function nonEmpty(s: string | undefined): string | undefined {
  return s !== undefined && s !== '' ? s : undefined;
}

/** The go env file's settings (`go env -w`): GOENV, else the user config directory's go/env (os.UserConfigDir). */
function goEnvFile(env: NodeJS.ProcessEnv): Record<string, string> {
  let file = nonEmpty(env.GOENV);
  if (file === 'off') return {};
  if (!file) {
    const home = nonEmpty(process.platform === 'win32' ? env.USERPROFILE : env.HOME);
    const config = process.platform === 'win32' ? nonEmpty(env.APPDATA)
      : process.platform === 'darwin' ? home && path.join(home, 'Library', 'Application Support')
      : nonEmpty(env.XDG_CONFIG_HOME) ?? (home && path.join(home, '.config'));
    if (!config) return {};
    file = path.join(config, 'go', 'env');
  }
  const out: Record<string, string> = {};
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return out; }
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

/**
 * The GOROOT of the go command on PATH, found the way the go command finds its own: the directory
 * above the real path of its bin/go (the file is only looked at, never run: an untrusted workspace
 * must not run anything).
 */
function gorootOfPath(env: NodeJS.ProcessEnv): string | undefined {
  const go = findGo(env);
  if (!go) return undefined;
  try {
    const root = path.dirname(path.dirname(fs.realpathSync(go)));
    return fs.statSync(path.join(root, 'src', 'runtime')).isDirectory() ? root : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GOROOT and GOMODCACHE as the go command would use them, without running it: the environment,
 * then the go env file (`go env -w`), then the go command's defaults — GOROOT above the go on PATH,
 * GOMODCACHE at GOPATH's first entry + /pkg/mod, GOPATH defaulting to $HOME/go. Relative GOMODCACHE
 * or GOPATH values are ignored, as the go command refuses them.
 */
export function goEnv(env: NodeJS.ProcessEnv = process.env): GoEnv {
  const file = goEnvFile(env);
  const setting = (k: string) => nonEmpty(env[k]) ?? nonEmpty(file[k]);
  const goroot = setting('GOROOT') ?? gorootOfPath(env);
  let gomodcache = setting('GOMODCACHE');
  if (gomodcache !== undefined && !path.isAbsolute(gomodcache)) gomodcache = undefined;
  if (gomodcache === undefined) {
    const home = nonEmpty(process.platform === 'win32' ? env.USERPROFILE : env.HOME);
    const first = setting('GOPATH')?.split(path.delimiter)[0] ?? (home && path.join(home, 'go'));
    if (first && path.isAbsolute(first)) gomodcache = path.join(first, 'pkg', 'mod');
  }
  return { goroot, gomodcache };
}

// ---------------------------------------------------------------------------------------------
// go.mod and go.work syntax (golang.org/x/mod/modfile: lines of tokens, `verb (` blocks, // comments)

interface Directive { verb: string; args: string[] }

/** The directives of a go.mod or go.work file; a block `verb ( ... )` gives one per inner line. */
export function modDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  let block: string | undefined;
  for (const raw of text.split('\n')) {
    const toks = lexLine(raw);
    if (toks === undefined || toks.length === 0) continue;
    if (block !== undefined) {
      if (toks.length === 1 && toks[0] === ')') { block = undefined; continue; }
      out.push({ verb: block, args: toks });
      continue;
    }
    if (toks.length === 2 && toks[1] === '(') { block = toks[0]; continue; }
    out.push({ verb: toks[0], args: toks.slice(1) });
  }
  return out;
}

/** The tokens of one line (quoted strings kept with their quotes), or undefined if it does not lex. */
function lexLine(line: string): string[] | undefined {
  const toks: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0') { i++; continue; }
    if (line.startsWith('//', i)) break;
    if ('()[]{},'.includes(c)) { toks.push(c); i++; continue; }
    if (c === '"' || c === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= line.length) return undefined; // unterminated string
        if (line[j] === c) break;
        if (line[j] === '\\' && c === '"') j++;
        j++;
      }
      toks.push(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !/[\s()[\]{},]/.test(line[j]) && !line.startsWith('//', j)) j++;
    toks.push(line.slice(i, j));
    i = j;
  }
  return toks;
}

/** modfile's parseString: a "quoted" token unquoted, a bare token as is; undefined when invalid. */
function modString(tok: string | undefined): string | undefined {
  if (tok === undefined || tok === '') return undefined;
  if (tok[0] === '"') {
    try {
      const s: unknown = JSON.parse(tok);
      return typeof s === 'string' && s !== '' ? s : undefined;
    } catch {
      return undefined;
    }
  }
  return /["'`]/.test(tok) ? undefined : tok;
}

/** modfile.IsDirectoryPath: relative paths starting with . or .. and rooted paths, in any OS's syntax. */
function isDirectoryPath(ns: string): boolean {
  return ns === '.' || ns.startsWith('./') || ns.startsWith('.\\') || ns === '..' || ns.startsWith('../') ||
    ns.startsWith('..\\') || ns.startsWith('/') || ns.startsWith('\\') || /^[A-Za-z]:/.test(ns);
}

interface Replace {
  oldPath: string;
  /** Undefined: every version. */
  oldVersion?: string;
  /** A module path, or a directory (absolute, resolved against the file's directory). */
  newPath: string;
  newVersion?: string;
  local: boolean;
}

export interface GoModFile {
  dir: string;
  /** The `module` path, when the line is valid. */
  path?: string;
  goVersion?: GoVersion;
  /** Required module path → version (the highest, should a path be required twice). */
  require: Map<string, string>;
  replace: Replace[];
}

interface GoWorkFile {
  file: string;
  goVersion?: GoVersion;
  /** The `use`d directories, absolute. */
  use: string[];
  replace: Replace[];
}

function parseReplace(args: string[], baseDir: string): Replace | undefined {
  const arrow = args.length >= 2 && args[1] === '=>' ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== '=>') return undefined;
  const oldPath = modString(args[0]);
  const oldVersion = arrow === 2 ? modString(args[1]) : undefined;
  const ns = modString(args[arrow + 1]);
  if (oldPath === undefined || ns === undefined || (arrow === 2 && oldVersion === undefined)) return undefined;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) return undefined;
    if (path.sep === '/' && ns.includes('\\')) return undefined; // modfile refuses Windows paths here
    return { oldPath, oldVersion, newPath: path.resolve(baseDir, ns), local: true };
  }
  const nv = modString(args[arrow + 2]);
  if (nv === undefined || isDirectoryPath(ns)) return undefined;
  return { oldPath, oldVersion, newPath: ns, newVersion: nv, local: false };
}

/** A go.mod file's module path, go version, requirements and replacements; bad lines are skipped. */
export function parseGoMod(text: string, dir: string): GoModFile {
  const mod: GoModFile = { dir, require: new Map(), replace: [] };
  for (const d of modDirectives(text)) {
    switch (d.verb) {
      case 'module':
        // A `module ( path )` block is accepted too: modfile parses module lines in blocks alike.
        if (mod.path === undefined && d.args.length === 1) mod.path = modString(d.args[0]);
        break;
      case 'go':
        if (mod.goVersion === undefined && d.args.length === 1) mod.goVersion = parseGoVersion(d.args[0]);
        break;
      case 'require': {
        if (d.args.length !== 2) break;
        const p = modString(d.args[0]);
        const v = modString(d.args[1]);
        if (p === undefined || v === undefined) break;
        const prev = mod.require.get(p);
        if (prev === undefined || compareSemver(v, prev) > 0) mod.require.set(p, v);
        break;
      }
      case 'replace': {
        const r = parseReplace(d.args, dir);
        if (r) mod.replace.push(r);
        break;
      }
      default:
        break;
    }
  }
  return mod;
}

function parseGoWork(text: string, file: string): GoWorkFile {
  const dir = path.dirname(file);
  const work: GoWorkFile = { file, use: [], replace: [] };
  for (const d of modDirectives(text)) {
    if (d.verb === 'go' && d.args.length === 1) work.goVersion ??= parseGoVersion(d.args[0]);
    else if (d.verb === 'use' && d.args.length === 1) {
      const p = modString(d.args[0]);
      if (p !== undefined) work.use.push(path.resolve(dir, p));
    } else if (d.verb === 'replace') {
      const r = parseReplace(d.args, dir);
      if (r) work.replace.push(r);
    }
  }
  return work;
}

// ---------------------------------------------------------------------------------------------
// Versions and the module cache's names

/** Semantic version order (vMAJOR.MINOR.PATCH[-pre][+build]); invalid versions sort first. */
export function compareSemver(a: string, b: string): number {
  const pa = semverParts(a);
  const pb = semverParts(b);
  if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0) || (a < b ? -1 : a > b ? 1 : 0);
  for (let i = 0; i < 3; i++) {
    const d = cmpNumeric(pa.nums[i], pb.nums[i]);
    if (d) return d;
  }
  if (pa.pre.length === 0 || pb.pre.length === 0) return (pa.pre.length === 0 ? 1 : 0) - (pb.pre.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.min(pa.pre.length, pb.pre.length); i++) {
    const x = pa.pre[i];
    const y = pb.pre[i];
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    const d = nx && ny ? cmpNumeric(x, y) : nx ? -1 : ny ? 1 : x < y ? -1 : x > y ? 1 : 0;
    if (d) return d;
  }
  return pa.pre.length - pb.pre.length;
}

function cmpNumeric(x: string, y: string): number {
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

function semverParts(v: string): { nums: string[]; pre: string[] } | undefined {
  const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return undefined;
  return { nums: [m[1], m[2] ?? '0', m[3] ?? '0'], pre: m[4] ? m[4].split('.') : [] };
}

/** The module cache's case encoding (module.EscapePath): each upper-case letter as ! and its lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

function unescapeModulePath(p: string): string | undefined {
  if (/[A-Z]|![^a-z]|!$/.test(p)) return undefined;
  return p.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A std-looking import path: its first element has no dot (search.IsStandardImportPath). */
export function isStandardImportPath(p: string): boolean {
  const i = p.indexOf('/');
  return !(i < 0 ? p : p.slice(0, i)).includes('.');
}

/** What the locator accepts as an import path: slash-separated, no empty, `.` or `..` elements. */
function plausibleImportPath(p: string): boolean {
  if (p === '' || p === 'C' || p.includes('@') || p.includes('\\') || p.includes('\0')) return false;
  if (/^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((e) => e !== '' && e !== '.' && e !== '..' && !/\s/.test(e));
}

function hasPathPrefix(p: string, prefix: string): boolean {
  return p === prefix || (p.length > prefix.length && p.startsWith(prefix) && p[prefix.length] === '/');
}

/** dir inside (or equal to) root, as native paths. */
function within(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function join(root: string, slashPath: string): string {
  return slashPath === '' ? root : path.join(root, ...slashPath.split('/'));
}

// ---------------------------------------------------------------------------------------------
// The locator

interface MainModule { path: string; dir: string; local: boolean }

/** What an importing directory sees: its main modules, build list, replacements and vendor tree. */
interface ImportContext {
  /** The cache key part: the module directory (or go.work file) and the GOROOT vendor tree used. */
  id: string;
  /** GOROOT/src/vendor or GOROOT/src/cmd/vendor for importers inside GOROOT/src. */
  stdVendor?: string;
  mains: MainModule[];
  /** Module path → version on the build list (main modules excluded). */
  deps: Map<string, string>;
  /** In precedence order: go.work's, then the importing module's, then the other workspace modules'. */
  replaceFiles: Replace[][];
  vendorDir?: string;
}

export class ImportLocator {
  private readonly env: GoEnv;
  private readonly readFile: (p: string) => string | undefined;
  private readonly isDir: (p: string) => boolean;
  private readonly goMods = new Map<string, GoModFile | null>();
  private readonly goWorks = new Map<string, GoWorkFile | null>();
  private readonly moduleRoots = new Map<string, string | null>();
  private readonly contexts = new Map<string, ImportContext>();
  private readonly results = new Map<string, PackageLocation | null>();
  private readonly dirs = new Map<string, boolean>();

  constructor(env: GoEnv, readFile?: (p: string) => string | undefined, isDir?: (p: string) => boolean) {
    this.env = {
      goroot: env.goroot ? path.resolve(env.goroot) : undefined,
      gomodcache: env.gomodcache ? path.resolve(env.gomodcache) : undefined,
      gowork: env.gowork || undefined,
    };
    this.readFile = readFile ?? defaultReadFile;
    this.isDir = isDir ?? defaultIsDir;
  }

  /** The directory of `importPath` as imported from a file in `fromDir`, or undefined when it cannot be found without the network. */
  locate(fromDir: string, importPath: string): PackageLocation | undefined {
    try {
      if (!plausibleImportPath(importPath)) return undefined;
      const ctx = this.context(path.resolve(fromDir));
      const key = ctx.id + '\0' + importPath;
      const hit = this.results.get(key);
      if (hit !== undefined) return hit ?? undefined;
      const found = this.resolve(ctx, importPath);
      this.results.set(key, found ?? null);
      return found;
    } catch {
      return undefined;
    }
  }

  private dirExists(p: string): boolean {
    let v = this.dirs.get(p);
    if (v === undefined) {
      try { v = this.isDir(p); } catch { v = false; }
      this.dirs.set(p, v);
    }
    return v;
  }

  private read(p: string): string | undefined {
    try { return this.readFile(p); } catch { return undefined; }
  }

  /** The go.mod of dir, parsed; read once per directory. */
  private goMod(dir: string): GoModFile | undefined {
    let m = this.goMods.get(dir);
    if (m === undefined) {
      const text = this.read(path.join(dir, 'go.mod'));
      m = text === undefined ? null : parseGoMod(text, dir);
      this.goMods.set(dir, m);
    }
    return m ?? undefined;
  }

  private goWork(file: string): GoWorkFile | undefined {
    let w = this.goWorks.get(file);
    if (w === undefined) {
      const text = this.read(file);
      w = text === undefined ? null : parseGoWork(text, file);
      this.goWorks.set(file, w);
    }
    return w ?? undefined;
  }

  /** The nearest directory at or above dir with a go.mod. */
  private moduleRoot(dir: string): string | undefined {
    const seen: string[] = [];
    let d = dir;
    let found: string | null = null;
    for (;;) {
      const hit = this.moduleRoots.get(d);
      if (hit !== undefined) { found = hit; break; }
      seen.push(d);
      if (this.goMod(d)) { found = d; break; }
      const up = path.dirname(d);
      if (up === d) break;
      d = up;
    }
    for (const s of seen) this.moduleRoots.set(s, found);
    return found ?? undefined;
  }

  /** The go.work at or above dir (not crossing into GOROOT from below), as GOWORK says. */
  private workFile(dir: string): string | undefined {
    const gowork = this.env.gowork;
    if (gowork === 'off') return undefined;
    if (gowork !== undefined) return path.isAbsolute(gowork) ? gowork : undefined;
    let d = dir;
    for (;;) {
      const f = path.join(d, 'go.work');
      if (this.read(f) !== undefined) return f;
      const up = path.dirname(d);
      if (up === d || (this.env.goroot !== undefined && up === this.env.goroot)) return undefined;
      d = up;
    }
  }

  /** A directory in the module cache: its module root (GOMODCACHE/<escaped path>@<version>) and path. */
  private cacheModule(dir: string): MainModule | undefined {
    const cache = this.env.gomodcache;
    if (cache === undefined || !within(dir, cache)) return undefined;
    const els = path.relative(cache, dir).split(path.sep);
    if (els[0] === 'cache') return undefined;
    const i = els.findIndex((e) => e.includes('@'));
    if (i < 0) return undefined;
    const modPath = unescapeModulePath([...els.slice(0, i), els[i].slice(0, els[i].indexOf('@'))].join('/'));
    if (modPath === undefined || modPath === '') return undefined;
    return { path: modPath, dir: path.join(cache, ...els.slice(0, i + 1)), local: false };
  }

  private context(fromDir: string): ImportContext {
    let ctx = this.contexts.get(fromDir);
    if (!ctx) {
      ctx = this.buildContext(fromDir);
      this.contexts.set(fromDir, ctx);
    }
    return ctx;
  }

  private buildContext(fromDir: string): ImportContext {
    const goroot = this.env.goroot;
    let stdVendor: string | undefined;
    if (goroot !== undefined) {
      const src = path.join(goroot, 'src');
      if (within(fromDir, path.join(src, 'cmd'))) stdVendor = path.join(src, 'cmd', 'vendor');
      else if (within(fromDir, src)) stdVendor = path.join(src, 'vendor');
    }
    const tag = stdVendor ? `${stdVendor}|` : '';

    // A dependency's own directory in the module cache: that module, as its go.mod sees the world
    // (the cache holds no nested modules, no vendor trees; a module may lack a go.mod).
    const cached = this.cacheModule(fromDir);
    if (cached) {
      const mod = this.goMod(cached.dir);
      const deps = new Map(mod?.require ?? []);
      deps.delete(cached.path);
      return { id: `${tag}${cached.dir}`, stdVendor, mains: [cached], deps, replaceFiles: [] };
    }

    const modDir = this.moduleRoot(fromDir);
    const mod = modDir !== undefined ? this.goMod(modDir) : undefined;

    const workPath = this.workFile(fromDir);
    const work = workPath !== undefined ? this.goWork(workPath) : undefined;
    if (work && (modDir === undefined || work.use.includes(modDir))) {
      const mains: MainModule[] = [];
      const mods: GoModFile[] = [];
      for (const u of work.use) {
        const m = this.goMod(u);
        if (!m) continue;
        mods.push(m);
        if (m.path !== undefined) mains.push({ path: m.path, dir: u, local: true });
      }
      const deps = new Map<string, string>();
      for (const m of mods) {
        for (const [p, v] of m.require) {
          const prev = deps.get(p);
          if (prev === undefined || compareSemver(v, prev) > 0) deps.set(p, v);
        }
      }
      for (const m of mains) deps.delete(m.path);
      // The importing module's replacements before the other workspace modules' (a conflict is
      // an error to the go command; any answer will do then).
      mods.sort((a, b) => (a.dir === modDir ? -1 : 0) - (b.dir === modDir ? -1 : 0));
      const workDir = path.dirname(work.file);
      const vendorDir = this.vendorDir(workDir, work.goVersion, true);
      return { id: `${tag}${work.file}`, stdVendor, mains, deps, replaceFiles: [work.replace, ...mods.map((m) => m.replace)], vendorDir };
    }

    if (!mod || modDir === undefined) return { id: `${tag}`, stdVendor, mains: [], deps: new Map(), replaceFiles: [] };
    const mains: MainModule[] = mod.path !== undefined ? [{ path: mod.path, dir: modDir, local: true }] : [];
    const deps = new Map(mod.require);
    if (mod.path !== undefined) deps.delete(mod.path);
    return { id: `${tag}${modDir}`, stdVendor, mains, deps, replaceFiles: [mod.replace], vendorDir: this.vendorDir(modDir, mod.goVersion, false) };
  }

  /**
   * The vendor directory the go command would build from by default (-mod=vendor): dir/vendor with
   * a modules.txt, a go line at 1.14 or later, and a modules.txt made for this mode (a workspace's
   * starts with `## workspace`).
   */
  private vendorDir(dir: string, goVersion: GoVersion | undefined, workspace: boolean): string | undefined {
    const vendor = path.join(dir, 'vendor');
    const modules = this.read(path.join(vendor, 'modules.txt'));
    if (modules === undefined || !atLeast(goVersion, 1, 14)) return undefined;
    const first = modules.split('\n', 1)[0].replace(/\r$/, '');
    const forWorkspace = first.startsWith('## ') && first.slice(3).split(';').some((e) => e.trim() === 'workspace');
    return forWorkspace === workspace ? vendor : undefined;
  }

  /** The replacement of modPath@version: the exact version's, else the wildcard one, file by file. */
  private replacement(ctx: ImportContext, modPath: string, version: string | undefined): Replace | undefined {
    for (const file of ctx.replaceFiles) {
      const exact = version !== undefined ? file.find((r) => r.oldPath === modPath && r.oldVersion === version) : undefined;
      const r = exact ?? file.find((r) => r.oldPath === modPath && r.oldVersion === undefined);
      if (r) return r;
    }
    return undefined;
  }

  /** The package directory in a module tree, or undefined when the path is not there or a nested module owns it. */
  private inModule(importPath: string, modPath: string, root: string, local: boolean): string | undefined {
    if (!hasPathPrefix(importPath, modPath)) return undefined;
    const dir = join(root, importPath.slice(modPath.length + 1));
    if (local) {
      for (let d = dir; d !== root && d.length > root.length; d = path.dirname(d)) {
        if (this.goMod(d)) return undefined;
      }
    }
    return this.dirExists(dir) ? dir : undefined;
  }

  private cacheDir(modPath: string, version: string): string | undefined {
    const cache = this.env.gomodcache;
    if (cache === undefined) return undefined;
    const root = path.join(cache, ...`${escapeModulePath(modPath)}@${escapeModulePath(version)}`.split('/'));
    return this.dirExists(root) ? root : undefined;
  }

  private resolve(ctx: ImportContext, importPath: string): PackageLocation | undefined {
    const goroot = this.env.goroot;
    const std = isStandardImportPath(importPath);
    // The standard library (only when the directory is there: a dotless module path is a module's).
    if (std && goroot !== undefined) {
      const dir = join(path.join(goroot, 'src'), importPath);
      if (this.dirExists(dir)) return { dir, kind: 'std' };
    }
    // Std's and cmd's own copies of golang.org/x/... for importers inside GOROOT/src.
    if (!std && ctx.stdVendor !== undefined) {
      const dir = join(ctx.stdVendor, importPath);
      if (this.dirExists(dir)) return { dir, kind: 'std' };
    }

    interface Candidate { modPath: string; find: () => PackageLocation | undefined }
    const candidates: Candidate[] = [];
    for (const m of ctx.mains) {
      candidates.push({
        modPath: m.path,
        find: () => {
          const dir = this.inModule(importPath, m.path, m.dir, m.local);
          return dir ? { dir, kind: 'module' } : undefined;
        },
      });
    }
    // With -mod=vendor, the main modules and then the vendor tree (and, leniently, the cache after).
    if (ctx.vendorDir !== undefined) {
      for (const c of candidates.sort((a, b) => b.modPath.length - a.modPath.length)) {
        const hit = c.find();
        if (hit) return hit;
      }
      const dir = join(ctx.vendorDir, importPath);
      if (this.dirExists(dir)) return { dir, kind: 'vendor' };
    }

    const depPaths = new Set(ctx.deps.keys());
    // A module only replaced (not yet required) is what `go mod tidy` would add: take it too.
    for (const file of ctx.replaceFiles) for (const r of file) if (r.oldVersion === undefined) depPaths.add(r.oldPath);
    for (const m of ctx.mains) depPaths.delete(m.path);
    for (const p of depPaths) {
      if (!hasPathPrefix(importPath, p)) continue;
      const version = ctx.deps.get(p);
      candidates.push({ modPath: p, find: () => this.inDependency(ctx, importPath, p, version) });
    }
    // The module with the longest matching path first; a shorter one when the longer lacks the package.
    candidates.sort((a, b) => b.modPath.length - a.modPath.length);
    for (const c of candidates) {
      const hit = c.find();
      if (hit) return hit;
    }
    return undefined;
  }

  private inDependency(ctx: ImportContext, importPath: string, modPath: string, version: string | undefined): PackageLocation | undefined {
    const r = this.replacement(ctx, modPath, version);
    if (r?.local) {
      const dir = this.inModule(importPath, modPath, r.newPath, true);
      return dir ? { dir, kind: 'replace' } : undefined;
    }
    if (r) {
      const root = this.cacheDir(r.newPath, r.newVersion!);
      const dir = root !== undefined ? this.inModule(importPath, modPath, root, false) : undefined;
      return dir ? { dir, kind: 'replace' } : undefined;
    }
    if (version === undefined) return undefined;
    const root = this.cacheDir(modPath, version);
    const dir = root !== undefined ? this.inModule(importPath, modPath, root, false) : undefined;
    return dir ? { dir, kind: 'dependency' } : undefined;
  }
}

function defaultReadFile(p: string): string | undefined {
  try {
    return readGoText(p);
  } catch {
    return undefined;
  }
}

function defaultIsDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
