// Layout of Go types (size, alignment, pointers, reflexivity) from Go type syntax, as the gc
// compiler computes it (cmd/compile/internal/types/size.go, Go 1.26): the sim has no tree-sitter,
// so a small recursive-descent parser reads the type expression here.
import type { Arch, TypeLayout, UnknownLayout } from './model';

// ---------------------------------------------------------------------------------------------
// Syntax

/** A parsed Go type expression. Element types of pointers, slices, maps, chans are kept but never
 * laid out (their size does not depend on them), so `type Node struct{next *Node}` works. */
export type TypeExpr =
  | { kind: 'name'; name: string; args?: string }
  | { kind: 'pointer'; elem: TypeExpr }
  | { kind: 'slice'; elem: TypeExpr }
  | { kind: 'array'; len: number; elem: TypeExpr }
  | { kind: 'map'; key: TypeExpr; elem: TypeExpr }
  | { kind: 'chan'; dir: '' | 'send' | 'recv'; elem: TypeExpr }
  | { kind: 'func'; text: string }
  | { kind: 'interface'; text: string }
  | { kind: 'struct'; fields: FieldExpr[] };

export interface FieldExpr { name: string; type: TypeExpr; embedded: boolean }

export class TypeSyntaxError extends Error {}

interface Token { t: string; nl?: boolean }

const PUNCT = ['<-', '[', ']', '{', '}', '(', ')', '*', ',', ';', '.', '...', '~', '|'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { out.push({ t: '\n', nl: true }); i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new TypeSyntaxError('unterminated comment');
      if (src.slice(i, end).includes('\n')) out.push({ t: '\n', nl: true });
      i = end + 2;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_]*|^[0-9][0-9a-fA-FxXoObB_]*/u.exec(src.slice(i));
    if (word) { out.push({ t: word[0] }); i += word[0].length; continue; }
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' && c === '"' ? 2 : 1;
      if (j >= src.length) throw new TypeSyntaxError('unterminated string (struct tag)');
      out.push({ t: src.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const p = PUNCT.filter((q) => src.startsWith(q, i)).sort((a, b) => b.length - a.length)[0];
    if (!p) throw new TypeSyntaxError(`unexpected character ${JSON.stringify(c)}`);
    out.push({ t: p });
    i += p.length;
  }
  return out;
}

const isIdent = (t: string | undefined): t is string => t !== undefined && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(t);
const isString = (t: string | undefined) => t !== undefined && (t[0] === '"' || t[0] === '`');

/** An integer literal as Go spells it (decimal, 0x, 0o, 0b, legacy octal, underscores). */
function intLiteral(t: string): number | undefined {
  const s = t.replace(/_/g, '');
  let n: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(s)) n = parseInt(s.slice(2), 8);
  else if (/^0[bB][01]+$/.test(s)) n = parseInt(s.slice(2), 2);
  else if (/^0[0-7]+$/.test(s)) n = parseInt(s.slice(1), 8);
  else if (/^[0-9]+$/.test(s)) n = Number(s);
  else return undefined;
  return Number.isSafeInteger(n) ? n : undefined;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private skipNl(): void { while (this.toks[this.i]?.nl) this.i++; }
  peek(): string | undefined { this.skipNl(); return this.toks[this.i]?.t; }
  private peekRaw(): string | undefined { return this.toks[this.i]?.t; }
  private next(): string {
    const t = this.peek();
    if (t === undefined) throw new TypeSyntaxError('unexpected end of type');
    this.i++;
    return t;
  }
  private expect(t: string): void {
    const got = this.next();
    if (got !== t) throw new TypeSyntaxError(`want ${JSON.stringify(t)}, got ${JSON.stringify(got)}`);
  }
  atEnd(): boolean { return this.peek() === undefined; }

  /** Tokens from an opening bracket to its match, inclusive, joined back into text. */
  private balanced(open: string, close: string): string {
    this.expect(open);
    const parts = [open];
    let depth = 1;
    while (depth > 0) {
      const t = this.toks[this.i++]?.t;
      if (t === undefined) throw new TypeSyntaxError(`unbalanced ${open}`);
      if (t === open) depth++;
      else if (t === close) depth--;
      parts.push(t === '\n' ? ';' : t);
    }
    // Go's spacing: none around brackets and dots, one after , and ; and between a closing
    // parenthesis and a word (`String() string`).
    return parts.join(' ').replace(/\s*([()[\]{},.;*])\s*/g, '$1').replace(/[,;]/g, '$& ').replace(/\)(?=[\p{L}_*[(])/gu, ') ').replace(/\s+([)\]}])/g, '$1');
  }

  type(): TypeExpr {
    const t = this.next();
    switch (t) {
      case '*': return { kind: 'pointer', elem: this.type() };
      case '(': { const inner = this.type(); this.expect(')'); return inner; }
      case '[': {
        if (this.peek() === ']') { this.next(); return { kind: 'slice', elem: this.type() }; }
        const lenTok = this.next();
        const len = intLiteral(lenTok);
        if (len === undefined) throw new TypeSyntaxError(`array length ${JSON.stringify(lenTok)} is not an integer literal`);
        this.expect(']');
        return { kind: 'array', len, elem: this.type() };
      }
      case 'map': {
        this.expect('[');
        const key = this.type();
        this.expect(']');
        return { kind: 'map', key, elem: this.type() };
      }
      case 'chan':
        if (this.peek() === '<-') { this.next(); return { kind: 'chan', dir: 'send', elem: this.type() }; }
        return { kind: 'chan', dir: '', elem: this.type() };
      case '<-':
        this.expect('chan');
        return { kind: 'chan', dir: 'recv', elem: this.type() };
      case 'func': {
        let text = 'func' + this.balanced('(', ')');
        const r = this.peekRaw();
        if (r === '(') text += ' ' + this.balanced('(', ')');
        else if (r !== undefined && !/^[\n;,)\]}]$/.test(r) && !isString(r) && r !== '{') text += ' ' + printType(this.type());
        return { kind: 'func', text };
      }
      case 'interface': {
        const body = this.balanced('{', '}');
        return { kind: 'interface', text: 'interface' + (body === '{}' ? '{}' : body.replace(/^\{;? ?/, '{').replace(/;? ?\}$/, '}')) };
      }
      case 'struct': return { kind: 'struct', fields: this.fields() };
      default: {
        if (!isIdent(t)) throw new TypeSyntaxError(`unexpected ${JSON.stringify(t)} in a type`);
        let name = t;
        if (this.peekRaw() === '.') { this.i++; const sel = this.next(); if (!isIdent(sel)) throw new TypeSyntaxError(`bad qualified name ${t}.${sel}`); name += '.' + sel; }
        if (this.peekRaw() === '[') return { kind: 'name', name, args: this.balanced('[', ']') };
        return { kind: 'name', name };
      }
    }
  }

  private fields(): FieldExpr[] {
    this.expect('{');
    const fields: FieldExpr[] = [];
    for (;;) {
      const t = this.peek();
      if (t === '}') { this.next(); return fields; }
      if (t === ';') { this.next(); continue; }
      fields.push(...this.fieldDecl());
      this.skipTag();
      const end = this.peekRaw();
      if (end === ';' || end === '\n') this.i++;
      else if (end !== '}') throw new TypeSyntaxError(`want ";" or "}" after a field, got ${JSON.stringify(end ?? 'end')}`);
    }
  }

  private skipTag(): void { if (isString(this.peekRaw())) this.i++; }

  private fieldDecl(): FieldExpr[] {
    const t = this.peek();
    if (t === '*') { const type = this.type(); return [{ name: embeddedName(type), type, embedded: true }]; }
    if (!isIdent(t)) throw new TypeSyntaxError(`unexpected ${JSON.stringify(t)} in a struct`);
    const after = this.toks[this.i + 1]?.t;
    if (after === undefined || after === '.' || after === ';' || after === '\n' || after === '}' || isString(after)) {
      const type = this.type();
      return [{ name: embeddedName(type), type, embedded: true }];
    }
    const names = [this.next()];
    while (this.peek() === ',') { this.next(); const n = this.next(); if (!isIdent(n)) throw new TypeSyntaxError(`bad field name ${n}`); names.push(n); }
    const type = this.type();
    return names.map((name) => ({ name, type, embedded: false }));
  }
}

function embeddedName(t: TypeExpr): string {
  const base = t.kind === 'pointer' ? t.elem : t;
  if (base.kind !== 'name') throw new TypeSyntaxError('an embedded field must be a type name or a pointer to one');
  return base.name.slice(base.name.lastIndexOf('.') + 1);
}

/** Parses Go type syntax (`map[string][]int`, `struct{a, b int32 "tag"; T}`); throws TypeSyntaxError. */
export function parseType(text: string): TypeExpr {
  const p = new Parser(tokenize(text));
  if (p.atEnd()) throw new TypeSyntaxError('empty type');
  const t = p.type();
  if (!p.atEnd()) throw new TypeSyntaxError(`unexpected ${JSON.stringify(p.peek())} after the type`);
  return t;
}

/** Go's own spelling of a type, normalized (`struct{a int32; b int64}`). */
export function printType(t: TypeExpr): string {
  switch (t.kind) {
    case 'name': return t.name + (t.args ?? '');
    case 'pointer': return '*' + printType(t.elem);
    case 'slice': return '[]' + printType(t.elem);
    case 'array': return `[${t.len}]` + printType(t.elem);
    case 'map': return `map[${printType(t.key)}]` + printType(t.elem);
    case 'chan': return (t.dir === 'recv' ? '<-chan ' : t.dir === 'send' ? 'chan<- ' : 'chan ') + printType(t.elem);
    case 'func': case 'interface': return t.text;
    case 'struct': return 'struct{' + t.fields.map((f) => (f.embedded ? '' : f.name + ' ') + printType(f.type)).join('; ') + '}';
  }
}

// ---------------------------------------------------------------------------------------------
// Layout

interface Shape { size: number; align: number; hasPointers: boolean; reflexive: boolean }
type Result = Shape | { unknown: string };

/** Sizes per arch: 64 = amd64/arm64, 32 = 386/arm (cmd/compile/internal/types/size.go: int64,
 * float64, complex128 align to RegSize, 4 on 32-bit; complex64 aligns as float32). */
function predeclared(name: string, arch: Arch): Shape | undefined {
  const w = arch === 64 ? 8 : 4;
  const num = (size: number, align = size, reflexive = true): Shape => ({ size, align: Math.min(align, w), hasPointers: false, reflexive });
  const ptr: Shape = { size: w, align: w, hasPointers: true, reflexive: true };
  switch (name) {
    case 'bool': case 'int8': case 'uint8': case 'byte': return num(1);
    case 'int16': case 'uint16': return num(2);
    case 'int32': case 'uint32': case 'rune': return num(4);
    case 'int64': case 'uint64': return num(8);
    case 'int': case 'uint': case 'uintptr': return num(w);
    case 'float32': return num(4, 4, false);
    case 'float64': return num(8, 8, false);
    case 'complex64': return num(8, 4, false);
    case 'complex128': return num(16, 8, false);
    case 'string': return { size: 2 * w, align: w, hasPointers: true, reflexive: true };
    case 'error': case 'any': return { size: 2 * w, align: w, hasPointers: true, reflexive: false };
    case 'unsafe.Pointer': return ptr;
    // sync/atomic's align64 marker (zero size, 8-byte aligned on every arch: types/size.go
    // CalcStructSize, isAtomicStdPkg); only the well-known table below spells it.
    case '__align64': return { size: 0, align: 8, hasPointers: false, reflexive: true };
  }
  return undefined;
}

/** Standard-library types a map key or value often has, as the underlying type the Go 1.26
 * sources declare (pointers written as *byte: only their size matters). Layouts that changed
 * between releases are left out (sync.WaitGroup). */
const WELL_KNOWN: Record<string, string> = {
  'time.Duration': 'int64', // time/time.go
  'time.Month': 'int',
  'time.Weekday': 'int',
  'time.Time': 'struct{wall uint64; ext int64; loc *byte}', // time/time.go: 24 bytes on 64-bit
  'sync.Mutex': 'struct{state int32; sema uint32}', // sync/mutex.go, internal/sync/mutex.go
  'sync.RWMutex': 'struct{w struct{state int32; sema uint32}; writerSem uint32; readerSem uint32; readerCount int32; readerWait int32}', // sync/rwmutex.go
  'sync.Once': 'struct{done uint32; m struct{state int32; sema uint32}}', // sync/once.go
  'atomic.Bool': 'struct{v uint32}', // sync/atomic/type.go
  'atomic.Int32': 'struct{v int32}',
  'atomic.Uint32': 'struct{v uint32}',
  'atomic.Int64': 'struct{_ __align64; v int64}',
  'atomic.Uint64': 'struct{_ __align64; v uint64}',
  'atomic.Uintptr': 'struct{v uintptr}',
  'atomic.Value': 'struct{v any}', // sync/atomic/value.go
  'netip.Addr': 'struct{addr struct{hi uint64; lo uint64}; z *byte}', // net/netip/netip.go
  'netip.AddrPort': 'struct{ip struct{addr struct{hi uint64; lo uint64}; z *byte}; port uint16}',
  'strings.Builder': 'struct{addr *byte; buf []byte}', // strings/builder.go
  'big.Int': 'struct{neg bool; abs []uint}', // math/big/int.go
  'reflect.Value': 'struct{typ *byte; ptr *byte; flag uintptr}', // reflect/value.go
  'reflect.Type': 'interface{}',
  'context.Context': 'interface{}',
  'fmt.Stringer': 'interface{}',
  'io.Reader': 'interface{}',
  'io.Writer': 'interface{}',
  'json.RawMessage': '[]byte', // encoding/json/stream.go
  'json.Number': 'string',
};

const roundUp = (n: number, a: number) => Math.ceil(n / a) * a;
const MAX_SIZE = 2 ** 52;

class Layouter {
  private readonly resolving = new Set<string>();
  constructor(private readonly arch: Arch, private readonly resolveNamed?: (name: string) => string | undefined) {}

  of(t: TypeExpr): Result {
    const w = this.arch === 64 ? 8 : 4;
    switch (t.kind) {
      case 'pointer': case 'map': case 'chan': case 'func':
        return { size: w, align: w, hasPointers: true, reflexive: true };
      case 'slice': return { size: 3 * w, align: w, hasPointers: true, reflexive: true };
      case 'interface': return { size: 2 * w, align: w, hasPointers: true, reflexive: false };
      case 'array': {
        const e = this.of(t.elem);
        if ('unknown' in e) return e;
        const size = e.size * t.len;
        if (size > MAX_SIZE) return { unknown: `${printType(t)} is too large` };
        return { size, align: e.align, hasPointers: t.len > 0 && e.hasPointers, reflexive: e.reflexive };
      }
      case 'struct': return this.struct(t.fields);
      case 'name': return this.named(t);
    }
  }

  // cmd/compile/internal/types/size.go CalcStructSize: fields at their alignment, a byte of
  // padding after a trailing zero-size field of a non-empty struct (golang/go#9401), then the
  // size rounded up to the largest field alignment.
  private struct(fields: FieldExpr[]): Result {
    let size = 0, align = 1, hasPointers = false, reflexive = true;
    let lastSize = -1;
    for (const f of fields) {
      const l = this.of(f.type);
      if ('unknown' in l) return l;
      size = roundUp(size, l.align) + l.size;
      align = Math.max(align, l.align);
      hasPointers ||= l.hasPointers && l.size > 0;
      reflexive &&= l.reflexive;
      lastSize = l.size;
    }
    if (size > 0 && lastSize === 0) size++;
    size = roundUp(size, align);
    if (size > MAX_SIZE) return { unknown: 'struct is too large' };
    return { size, align, hasPointers, reflexive };
  }

  private named(t: { name: string; args?: string }): Result {
    const full = t.name + (t.args ?? '');
    if (!t.args) {
      const p = predeclared(t.name, this.arch);
      if (p) return p;
    }
    const resolved = this.resolveNamed?.(full);
    const text = resolved ?? (t.args ? undefined : WELL_KNOWN[shortQualified(t.name)]);
    if (text === undefined) {
      return { unknown: t.args ? `generic type ${full} is not resolved` : `type ${full} is not resolved` };
    }
    if (this.resolving.has(full)) return { unknown: `type ${full} contains itself` };
    let expr: TypeExpr;
    try { expr = parseType(text); } catch (e) { return { unknown: `type ${full}: ${(e as Error).message}` }; }
    this.resolving.add(full);
    try { return this.of(expr); } finally { this.resolving.delete(full); }
  }
}

/** "encoding/json.Number" → "json.Number"; "json.Number" stays. */
function shortQualified(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return name;
  const pkg = name.slice(0, dot);
  return pkg.slice(pkg.lastIndexOf('/') + 1) + name.slice(dot);
}

/**
 * The layout of a Go type given in Go syntax. `resolveNamed` gives the underlying type text of a
 * named type (`Point` → `struct{X, Y int}`; qualified names as written, e.g. `pkg.T`); names it
 * does not know fall back to a few standard-library types, then to UnknownLayout.
 */
export function layoutOf(text: string, arch: Arch = 64, resolveNamed?: (name: string) => string | undefined): TypeLayout | UnknownLayout {
  let expr: TypeExpr;
  try {
    expr = parseType(text);
  } catch (e) {
    return { text: text.trim(), unknown: true, reason: `not a Go type: ${(e as Error).message}` };
  }
  const norm = printType(expr);
  const l = new Layouter(arch, resolveNamed).of(expr);
  if ('unknown' in l) return { text: norm, unknown: true, reason: l.unknown };
  return { text: norm, ...l };
}

export function isUnknown(l: TypeLayout | UnknownLayout): l is UnknownLayout {
  return 'unknown' in l;
}

/**
 * How many distinct keys the key type has, when that is few: struct{} and [0]T have one, bool
 * two, other 1- and 2-byte pointer-free keys 256 and 65,536. `insert:N` past that assigns to keys
 * already there (what a program inserting N "new" keys of such a type really does).
 */
export function keyDomain(key: TypeLayout): number {
  if (key.size === 0) return 1;
  if (key.text === 'bool') return 2;
  if (!key.hasPointers && key.size <= 2) return 2 ** (8 * key.size);
  return Infinity;
}
