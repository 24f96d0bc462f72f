// Whether a .go file is part of the build for a target, decided as the go command decides it
// (go/build's Context.matchFile and Import). Pure: the caller passes the file's name and text and
// the target. The `_x.go` / `.x.go` rule is the caller's (package.ts isGoFileName).
//
// Sources, Go 1.26: go/build/build.go (matchTag, goodOSArchFile, shouldBuild, parseFileHeader,
// Import), go/build/read.go (readGoInfo), go/build/constraint/expr.go (both syntaxes),
// internal/syslist/syslist.go (known names), internal/buildcfg/{cfg,exp}.go (tool tags),
// internal/platform/zosarch.go (cgo support), cmd/go/internal/{cfg/cfg.go,base/goflags.go,
// work/build.go} (CGO_ENABLED default, GOFLAGS, -tags).

export interface BuildTarget {
  goos: string;
  goarch: string;
  /** Release tags go1.1 .. go1.<goMinor> are satisfied. */
  goMinor: number;
  /** The `cgo` tag; also whether files importing "C" build. */
  cgo: boolean;
  /** Extra tags (from --tags / a setting), e.g. 'integration', 'netgo'. */
  tags: ReadonlySet<string>;
  /** Enabled GOEXPERIMENT names (goexperiment.<name> satisfied only for these); targetFromEnv
   *  adds the toolchain's default-on experiments, as buildcfg does. */
  experiments: ReadonlySet<string>;
  /** The GO$GOARCH setting (GOAMD64=v3, GOARM64=v8.2, GOARM=6, ...) behind the feature tags such
   *  as amd64.v2; undefined: the toolchain default. */
  goarchLevel?: string;
}

// ---- names (internal/syslist/syslist.go) ----

const KNOWN_OS = new Set('aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos'.split(' '));
const UNIX_OS = new Set('aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd solaris'.split(' '));
const KNOWN_ARCH = new Set('386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm'.split(' '));

// ---- tags (go/build/build.go matchTag) ----

export function matchTag(name: string, t: BuildTarget): boolean {
  if (name === 'cgo') return t.cgo;
  if (name === t.goos || name === t.goarch || name === 'gc') return true; // Compiler: gc, not gccgo
  // A port that extends another satisfies its tag (not the other way round).
  if (name === 'linux' && t.goos === 'android') return true;
  if (name === 'solaris' && t.goos === 'illumos') return true;
  if (name === 'darwin' && t.goos === 'ios') return true;
  if (name === 'unix') return UNIX_OS.has(t.goos);
  if (name === 'boringcrypto') name = 'goexperiment.boringcrypto'; // its old name
  if (t.tags.has(name)) return true;
  // Tool tags (internal/buildcfg/cfg.go toolTags): experiments, then GOARCH feature levels.
  if (name.startsWith('goexperiment.')) return t.experiments.has(name.slice('goexperiment.'.length));
  if (goarchFeatureTags(t.goarch, t.goos, t.goarchLevel).includes(name)) return true;
  // Release tags: go1.1 .. go1.N, spelled as strconv.Itoa does.
  const rel = /^go1\.([1-9][0-9]*)$/.exec(name);
  return rel !== null && Number(rel[1]) <= t.goMinor;
}

/** internal/buildcfg/cfg.go gogoarchTags: amd64.v1..vN, arm64.v8.0.., arm.5..N, and so on. */
export function goarchFeatureTags(goarch: string, goos: string, level?: string): string[] {
  const range = (from: number, to: number, f: (i: number) => string) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => f(from + k));
  switch (goarch) {
    case '386': return [`386.${level === 'softfloat' ? 'softfloat' : 'sse2'}`];
    case 'amd64': return range(1, Number(/^v([1-4])$/.exec(level ?? '')?.[1] ?? 1), (i) => `amd64.v${i}`);
    case 'arm': {
      // buildcfg goarm: android/arm defaults to 7 too; ",softfloat"/",hardfloat" do not matter here.
      const v = Number(/^([5-7])(,(soft|hard)float)?$/.exec(level ?? '')?.[1] ?? 7);
      return range(5, v, (i) => `arm.${i}`);
    }
    case 'arm64': {
      const m = /^(?:v(8)\.([0-9])|v(9)\.([0-5]))$/.exec((level ?? '').replace(/(,lse|,crypto)+$/, '')) ?? ['', '8', '0'];
      const major = Number(m[1] ?? m[3]), minor = Number(m[2] ?? m[4]);
      const list = range(0, minor, (i) => `arm64.v${major}.${i}`);
      // v9.x includes v8.(x+5) (cfg.go: "v9.0 diverged from v8.5").
      return major === 9 ? list.concat(range(0, Math.min(minor + 5, 9), (i) => `arm64.v8.${i}`)) : list;
    }
    case 'mips': case 'mipsle': case 'mips64': case 'mips64le':
      return [`${goarch}.${level === 'softfloat' ? 'softfloat' : 'hardfloat'}`];
    case 'ppc64': case 'ppc64le':
      return range(8, Number(/^power(8|9|10)$/.exec(level ?? '')?.[1] ?? 8), (i) => `${goarch}.power${i}`);
    case 'riscv64': {
      const year = Number(/^rva(20|22|23)u64$/.exec(level ?? '')?.[1] ?? 20);
      return ['rva20u64', 'rva22u64', 'rva23u64'].filter((p) => Number(p.slice(3, 5)) <= year).map((p) => `riscv64.${p}`);
    }
    case 'wasm': return ['wasm.satconv', 'wasm.signext']; // always enabled
    default: return [];
  }
}

// ---- expressions (go/build/constraint/expr.go) ----

export type Expr =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; x: Expr }
  | { kind: 'and'; x: Expr; y: Expr }
  | { kind: 'or'; x: Expr; y: Expr }
  /** A //go:build line that does not parse (or a second one): go/build reports the file as
   *  invalid and builds nothing of it, so it evaluates false. */
  | { kind: 'invalid'; error: string };

const tag = (t: string): Expr => ({ kind: 'tag', tag: t });

export function evalConstraint(e: Expr, target: BuildTarget): boolean {
  switch (e.kind) {
    case 'tag': return matchTag(e.tag, target);
    case 'not': return !evalConstraint(e.x, target);
    case 'and': return evalConstraint(e.x, target) && evalConstraint(e.y, target);
    case 'or': return evalConstraint(e.x, target) || evalConstraint(e.y, target);
    case 'invalid': return false;
  }
}

/** The //go:build form as Go prints it (constraint.Expr.String). */
export function exprString(e: Expr): string {
  const wrap = (x: Expr, paren: Expr['kind'][]) => (paren.includes(x.kind) ? `(${exprString(x)})` : exprString(x));
  switch (e.kind) {
    case 'tag': return e.tag;
    case 'not': return '!' + wrap(e.x, ['and', 'or']);
    case 'and': return `${wrap(e.x, ['or'])} && ${wrap(e.y, ['or'])}`;
    case 'or': return `${wrap(e.x, ['and'])} || ${wrap(e.y, ['and'])}`;
    case 'invalid': return `<invalid: ${e.error}>`;
  }
}

const TAG_CHAR = /[\p{L}\p{Nd}_.]/u; // unicode.IsLetter, unicode.IsDigit, '_', '.'

class SyntaxError_ extends Error {}

/** The expression after `//go:build`: || binds looser than &&, `!!` is an error (exprParser). */
export function parseGoBuildExpr(text: string): Expr {
  let i = 0, tok = '', isTag = false, size = 0;
  const fail = (msg: string): never => { throw new SyntaxError_(msg); };
  const lex = () => {
    isTag = false;
    while (text[i] === ' ' || text[i] === '\t') i++; // only these: other spaces are syntax errors
    if (i >= text.length) { tok = ''; return; }
    const c = text[i];
    if (c === '(' || c === ')' || c === '!') { tok = c; i++; return; }
    if (c === '&' || c === '|') {
      if (text[i + 1] !== c) fail(`invalid syntax at ${c}`);
      tok = c + c; i += 2; return;
    }
    let j = i;
    for (const ch of text.slice(i)) { if (!TAG_CHAR.test(ch)) break; j += ch.length; }
    if (j === i) fail(`invalid syntax at ${String.fromCodePoint(text.codePointAt(i)!)}`);
    tok = text.slice(i, j); i = j; isTag = true;
  };
  const or = (): Expr => { let x = and(); while (tok === '||') x = { kind: 'or', x, y: and() }; return x; };
  const and = (): Expr => { let x = not(); while (tok === '&&') x = { kind: 'and', x, y: not() }; return x; };
  const not = (): Expr => {
    if (++size > 1000) fail('build expression too large');
    lex();
    if (tok === '!') {
      lex();
      if (tok === '!') fail('double negation not allowed');
      return { kind: 'not', x: atom() };
    }
    return atom();
  };
  const atom = (): Expr => {
    if (tok === '(') {
      let x: Expr;
      try { x = or(); } catch (e) {
        if (e instanceof SyntaxError_ && e.message === 'unexpected end of expression') fail('missing close paren');
        throw e;
      }
      if ((tok as string) !== ')') fail('missing close paren'); // or() moved tok on
      lex();
      return x;
    }
    if (!isTag) fail(tok === '' ? 'unexpected end of expression' : `unexpected token ${tok}`);
    const t = tok;
    lex();
    return tag(t);
  };
  try {
    const x = or();
    if (tok !== '') fail(`unexpected token ${tok}`);
    return x;
  } catch (e) {
    if (e instanceof SyntaxError_) return { kind: 'invalid', error: e.message };
    throw e;
  }
}

/** The text after `// +build`: space = OR, comma = AND, `!` negates. A word that is not a valid
 *  tag (`!!x`, `!`, `a-b`, the empty word of `linux,`) and an empty line mean `ignore`: false
 *  (so `!a-b` is `!ignore`: true). Never an error; undefined only when too complex (over 100
 *  operators): go/build then skips the line. */
export function parsePlusBuildExpr(text: string): Expr | undefined {
  let size = 0, x: Expr | undefined;
  for (const clause of text.split(GO_SPACE).filter(Boolean)) {
    let y: Expr | undefined;
    for (let lit of clause.split(',')) {
      let z: Expr;
      if (lit.startsWith('!!') || lit === '!') z = tag('ignore');
      else {
        const neg = lit.startsWith('!');
        if (neg) lit = lit.slice(1);
        z = isValidTag(lit) ? tag(lit) : tag('ignore');
        if (neg) z = { kind: 'not', x: z };
      }
      if (y && ++size > 100) return undefined;
      y = y ? { kind: 'and', x: y, y: z } : z;
    }
    if (x && ++size > 100) return undefined;
    x = x ? { kind: 'or', x, y: y! } : y;
  }
  return x ?? tag('ignore');
}

function isValidTag(word: string): boolean {
  return word !== '' && [...word].every((c) => TAG_CHAR.test(c));
}

// ---- the header (go/build/build.go parseFileHeader, shouldBuild) ----

// unicode.IsSpace, which bytes.TrimSpace and strings.Fields use (not JS's trim: it drops U+FEFF, keeps U+0085).
const SPACE_CLASS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_SPACE = new RegExp(`[${SPACE_CLASS}]+`, 'u');
const TRIM = new RegExp(`^[${SPACE_CLASS}]+|[${SPACE_CLASS}]+$`, 'gu');
const goTrim = (s: string) => s.replace(TRIM, '');
// build.go isGoBuildComment: "//go:build" alone or followed by a space ("//go:buildx" is not one).
const GO_BUILD_LINE = new RegExp(`^//go:build(?:$|[${SPACE_CLASS}])`, 'u');

type Header =
  | { kind: 'go:build'; line: string; expr: Expr }
  | { kind: '+build'; lines: { line: string; expr: Expr }[] };

function readHeader(text: string): Header | undefined {
  if (text.startsWith('\uFEFF')) text = text.slice(1); // read.go newImportReader drops a BOM
  let end = 0, ended = false, inSlashStar = false, pos = 0;
  const goBuild: string[] = [];
  lines: while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    let line = goTrim(text.slice(pos, nl < 0 ? text.length : nl)); // also drops a CR
    pos = nl < 0 ? text.length : nl + 1;
    if (line === '' && !ended) { end = pos; continue; } // a // +build block must end before here
    if (!line.startsWith('//')) ended = true;
    // A //go:build line counts anywhere before the package clause, outside /* */, blank line or not.
    if (!inSlashStar && GO_BUILD_LINE.test(line)) goBuild.push(line);
    while (line.length > 0) {
      if (inSlashStar) {
        const i = line.indexOf('*/');
        if (i < 0) continue lines;
        inSlashStar = false;
        line = goTrim(line.slice(i + 2));
      } else if (line.startsWith('//')) {
        continue lines;
      } else if (line.startsWith('/*')) {
        inSlashStar = true;
        line = goTrim(line.slice(2));
      } else {
        break lines; // the package clause (or other code): the header ends
      }
    }
  }
  if (goBuild.length > 1) return { kind: 'go:build', line: goBuild[1], expr: { kind: 'invalid', error: 'multiple //go:build comments' } };
  if (goBuild.length === 1) return { kind: 'go:build', line: goBuild[0], expr: parseGoBuildExpr(goTrim(goBuild[0].slice('//go:build'.length))) };
  // No //go:build: every // +build line of the leading block (before its blank line) must hold.
  const plus: { line: string; expr: Expr }[] = [];
  for (const raw of text.slice(0, end).split('\n')) {
    const line = goTrim(raw);
    const m = /^\/\/(.*)$/s.exec(line);
    const rest = m && goTrim(m[1]);
    if (!rest?.startsWith('+build')) continue;
    const after = rest.slice('+build'.length);
    if (after !== '' && goTrim(after) === after) continue; // "+buildx" is not a +build line
    const expr = parsePlusBuildExpr(goTrim(after));
    if (expr) plus.push({ line, expr });
  }
  return plus.length ? { kind: '+build', lines: plus } : undefined;
}

/** The file's constraint expression from its header (//go:build, else the // +build lines ANDed),
 *  undefined when none. A malformed //go:build gives an `invalid` expression (false). */
export function fileConstraint(text: string): Expr | undefined {
  const h = readHeader(text);
  if (!h) return undefined;
  if (h.kind === 'go:build') return h.expr;
  return h.lines.map((l) => l.expr).reduce((x, y) => ({ kind: 'and', x, y }));
}

// ---- file names (go/build/build.go goodOSArchFile) ----

/** Whether the _GOOS, _GOARCH, _GOOS_GOARCH name suffixes (after dropping _test) match. */
export function fileNameMatches(fileName: string, target: BuildTarget): boolean {
  return (nameConstraint(fileName) ?? []).every((t) => matchTag(t, target));
}

/** The tags a file name requires, undefined when it requires none. */
function nameConstraint(fileName: string): string[] | undefined {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const stem = base.split('.')[0]; // up to the first dot
  const i = stem.indexOf('_');
  if (i < 0) return undefined; // linux.go: a name that is only a GOOS is no constraint (Go 1.4)
  const l = stem.slice(i).split('_'); // everything before the first _ is ignored
  if (l[l.length - 1] === 'test') l.pop();
  const n = l.length;
  if (n >= 2 && KNOWN_OS.has(l[n - 2]) && KNOWN_ARCH.has(l[n - 1])) return [l[n - 2], l[n - 1]];
  if (n >= 1 && (KNOWN_OS.has(l[n - 1]) || KNOWN_ARCH.has(l[n - 1]))) return [l[n - 1]];
  return undefined;
}

// ---- the package clause and imports (go/build/read.go readGoInfo) ----

/** The package name and import paths of the file's header; undefined when it has no clause. */
export function headerImports(text: string): { pkg: string; imports: string[] } | undefined {
  // Spaces, semicolons and comments separate tokens (read.go peekByte treats ';' as space).
  const skip = /(?:[\s;]|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;
  const ident = /[\p{L}_][\p{L}\p{N}_]*/uy;
  const str = /"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/y;
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  const eat = (re: RegExp): RegExpExecArray | null => {
    skip.lastIndex = pos; skip.exec(text); pos = skip.lastIndex;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos = re.lastIndex;
    return m;
  };
  if (eat(/package\b/y) === null) return undefined;
  const pkg = eat(ident)?.[0];
  if (pkg === undefined) return undefined;
  const imports: string[] = [];
  const spec = (): boolean => {
    eat(/(?:[\p{L}_][\p{L}\p{N}_]*|\.)(?=[\s"`/])/uy); // an optional name: x, _, .
    const m = eat(str);
    if (m) imports.push(m[1] ?? m[2]); // escapes are not unquoted: "C" is always written plainly
    return m !== null;
  };
  while (eat(/import\b/y)) {
    if (eat(/\(/y)) {
      while (!eat(/\)/y)) if (!spec()) return { pkg, imports };
    } else if (!spec()) break;
  }
  return { pkg, imports };
}

// ---- the file ----

/** Whether `go build` for target compiles this file (the _x.go / .x.go rule is the caller's).
 *  Besides the name and the constraint, as go/build Import does: a non-test file importing "C"
 *  needs cgo (with cgo off the go command lists it in IgnoredGoFiles), and `package
 *  documentation` is never built. A test file importing "C" is an error for the go command, not
 *  an exclusion; it is not treated as cgo here. */
export function inBuild(fileName: string, text: string, target: BuildTarget): boolean {
  return whyExcluded(fileName, text, target) === undefined;
}

/** A one-line reason when not in the build, e.g. "//go:build windows" or "file name _darwin". */
export function whyExcluded(fileName: string, text: string, target: BuildTarget): string | undefined {
  const name = nameConstraint(fileName);
  if (name && !name.every((t) => matchTag(t, target))) return `file name _${name.join('_')}`;
  const h = readHeader(text);
  if (h?.kind === 'go:build') {
    if (h.expr.kind === 'invalid') return `malformed ${h.line}: ${h.expr.error}`;
    if (!evalConstraint(h.expr, target)) return h.line;
  } else if (h) {
    const failing = h.lines.find((l) => !evalConstraint(l.expr, target));
    if (failing) return failing.line;
  }
  const info = headerImports(text);
  if (info?.pkg === 'documentation') return 'package documentation';
  if (!target.cgo && info?.imports.includes('C') && !/_test\.go$/.test(fileName)) return 'import "C" with cgo disabled';
  return undefined;
}

// ---- the target from the environment ----

/** Node's process.platform / process.arch as GOOS / GOARCH. */
export function goHost(platform: string, arch: string): { goos: string; goarch: string } {
  const os: Record<string, string> = { win32: 'windows', cygwin: 'windows', sunos: 'illumos' }; // Node's sunos builds are SmartOS's
  const ar: Record<string, string> = {
    x64: 'amd64', ia32: '386', mipsel: 'mipsle', mips64el: 'mips64le',
    // Node runs on little-endian ppc64 only on Linux; AIX is big-endian.
    ppc64: platform === 'aix' ? 'ppc64' : 'ppc64le',
  };
  return { goos: os[platform] ?? platform, goarch: ar[arch] ?? arch };
}

// internal/platform/zosarch.go: the ports with CgoSupported.
const CGO_PORTS = new Set(('aix/ppc64 android/386 android/amd64 android/arm android/arm64 darwin/amd64 darwin/arm64 ' +
  'dragonfly/amd64 freebsd/386 freebsd/amd64 freebsd/arm freebsd/arm64 freebsd/riscv64 illumos/amd64 ios/amd64 ios/arm64 ' +
  'linux/386 linux/amd64 linux/arm linux/arm64 linux/loong64 linux/mips linux/mips64 linux/mips64le linux/mipsle ' +
  'linux/ppc64le linux/riscv64 linux/s390x linux/sparc64 netbsd/386 netbsd/amd64 netbsd/arm netbsd/arm64 openbsd/386 ' +
  'openbsd/amd64 openbsd/arm openbsd/arm64 openbsd/mips64 openbsd/riscv64 solaris/amd64 windows/386 windows/amd64 windows/arm64').split(' '));

/** internal/buildcfg/exp.go ParseGOEXPERIMENT: Go 1.26's default-on experiments for the port,
 *  changed by GOEXPERIMENT's comma list (`x` on, `nox` off, `none` all off, `regabi` both regabi). */
export function experimentsFor(goos: string, goarch: string, goexperiment = ''): Set<string> {
  const regabiAlwaysOn = ['amd64', 'arm64', 'loong64', 'ppc64le', 'ppc64', 'riscv64'].includes(goarch);
  const regabiSupported = regabiAlwaysOn || goarch === 's390x';
  const on = new Set(['randomizedheapbase64', 'greenteagc']);
  if (regabiSupported) { on.add('regabiwrappers'); on.add('regabiargs'); }
  if (!['darwin', 'ios', 'aix'].includes(goos)) on.add('dwarf5');
  for (const f of goexperiment.split(',')) {
    if (f === '') continue;
    if (f === 'none') { on.clear(); continue; }
    const val = !f.startsWith('no');
    const name = val ? f : f.slice(2);
    for (const n of name === 'regabi' ? ['regabiwrappers', 'regabiargs'] : [name]) if (val) on.add(n); else on.delete(n);
  }
  for (const n of ['regabiwrappers', 'regabiargs']) if (regabiAlwaysOn) on.add(n); else if (!regabiSupported) on.delete(n);
  return on;
}

/** cmd/internal/quoted.Split: fields separated by spaces, '' or "" around a whole field. */
function quotedSplit(s: string): string[] {
  const out: string[] = [];
  const re = /[ \t\n\r]*(?:'([^']*)'|"([^"]*)"|([^ \t\n\r]+))/y;
  for (let m; (m = re.exec(s)) !== null && m[0] !== '';) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** cmd/go/internal/work/build.go tagsFlag.Set: comma-separated, or space-separated (Go 1.12 form). */
export function splitTags(value: string): string[] {
  if (value.includes(' ') || value.includes("'")) return quotedSplit(value);
  return value.split(',').filter(Boolean);
}

/** GOFLAGS's -tags (cmd/go/internal/base/goflags.go): one flag per field, only the -flag=value
 *  form; the last one wins. */
function goflagsTags(goflags: string): string[] {
  let tags: string[] = [];
  for (const f of quotedSplit(goflags)) {
    const m = /^--?tags=(.*)$/s.exec(f);
    if (m) tags = splitTags(m[1]);
  }
  return tags;
}

const GOARCH_LEVEL_VAR: Record<string, string> = {
  '386': 'GO386', amd64: 'GOAMD64', arm: 'GOARM', arm64: 'GOARM64', mips: 'GOMIPS', mipsle: 'GOMIPS',
  mips64: 'GOMIPS64', mips64le: 'GOMIPS64', ppc64: 'GOPPC64', ppc64le: 'GOPPC64', riscv64: 'GORISCV64',
};

/** The target from an environment (GOOS, GOARCH, CGO_ENABLED, GOEXPERIMENT, GOFLAGS's -tags=...,
 *  GOAMD64 and its kin) with the host as default. GOFLAGS's tags and extraTags are merged (the go
 *  command would let a command-line -tags replace GOFLAGS's). Not modelled: the go env file, and
 *  cmd/go's rule that turns cgo off when no C compiler is on PATH (set CGO_ENABLED to be sure). */
export function targetFromEnv(env: NodeJS.ProcessEnv, goMinor: number, extraTags: readonly string[] = [],
  host: { platform: string; arch: string } = { platform: process.platform, arch: process.arch }): BuildTarget {
  const h = goHost(host.platform, host.arch);
  const goos = env.GOOS || h.goos;
  const goarch = env.GOARCH || h.goarch;
  // cmd/go/internal/cfg/cfg.go: CGO_ENABLED if 0 or 1, else on only for a native build of a cgo port.
  const cgo = env.CGO_ENABLED === '1' ? true : env.CGO_ENABLED === '0' ? false
    : goos === h.goos && goarch === h.goarch && CGO_PORTS.has(`${goos}/${goarch}`);
  const levelVar = GOARCH_LEVEL_VAR[goarch];
  return {
    goos, goarch, goMinor, cgo,
    tags: new Set([...goflagsTags(env.GOFLAGS ?? ''), ...extraTags.flatMap(splitTags)]),
    experiments: experimentsFor(goos, goarch, env.GOEXPERIMENT ?? ''),
    goarchLevel: (levelVar && env[levelVar]) || undefined,
  };
}
