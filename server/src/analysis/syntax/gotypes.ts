// A small model of Go types, enough to answer what rules ask: is this a map (of what key and
// value), is a key type reflexive, is this sync.Map / sync.Pool. Built from syntax by resolve.ts;
// anything we cannot see (other packages, generics) is `unknown`, never guessed.
import type { SyntaxNode } from '../../parse/parser';

export type BasicName =
  | 'bool' | 'string' | 'int' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr'
  | 'float32' | 'float64' | 'complex64' | 'complex128' | 'unsafe.Pointer';

export interface StructField {
  name: string;
  type: GoType;
  embedded: boolean;
  /** The field's type expression as written, for fixes that spell the type. */
  typeNode?: SyntaxNode;
}

export type GoType =
  | { kind: 'basic'; name: BasicName }
  /** A defined type. `pkg` is the import path for types of other packages (e.g. "sync"), '' for ours. */
  | { kind: 'named'; name: string; pkg: string; underlying: () => GoType }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  /** `len` when the length is an integer literal (what layouts need); undefined otherwise. */
  | { kind: 'array'; elem: GoType; len?: number }
  | { kind: 'map'; key: GoType; value: GoType }
  | { kind: 'chan'; elem: GoType }
  | { kind: 'func' }
  | { kind: 'struct'; fields: () => StructField[] }
  /** `text`: the interface as the source spells it (`any`, `interface{}`), for messages. */
  | { kind: 'interface'; text?: string }
  | { kind: 'typeparam'; name: string }
  | { kind: 'unknown'; why: string };

export const UNKNOWN = (why: string): GoType => ({ kind: 'unknown', why });

const BASIC = new Set<string>([
  'bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128',
]);
const BASIC_ALIASES: Record<string, BasicName> = { byte: 'uint8', rune: 'int32' };

/** The predeclared type of a name (int, byte, any, error...), or undefined. */
export function predeclaredType(name: string): GoType | undefined {
  if (BASIC.has(name)) return { kind: 'basic', name: name as BasicName };
  if (name in BASIC_ALIASES) return { kind: 'basic', name: BASIC_ALIASES[name] };
  if (name === 'any') return { kind: 'interface', text: 'any' };
  if (name === 'error') return { kind: 'named', name: 'error', pkg: '', underlying: () => ({ kind: 'interface' }) };
  return undefined;
}

const opaqueStruct = (fields: StructField[] = []): GoType => ({ kind: 'struct', fields: () => fields });
const int64: GoType = { kind: 'basic', name: 'int64' };

/**
 * Types of other packages we know without reading them. Their underlying types matter only for
 * reflexivity and for recognizing sync types; the struct fields are private, so opaque, but
 * their comparability is known: time.Time and reflect.Value-free structs are reflexive.
 */
const WELL_KNOWN: Record<string, () => GoType> = {
  'sync.Map': () => opaqueStruct(),
  'sync.Pool': () => opaqueStruct(),
  'sync.Mutex': () => opaqueStruct(),
  'sync.RWMutex': () => opaqueStruct(),
  'time.Duration': () => int64,
  'time.Month': () => ({ kind: 'basic', name: 'int' }),
  'time.Weekday': () => ({ kind: 'basic', name: 'int' }),
  'time.Time': () => opaqueStruct(), // wall uint64, ext int64, loc *Location: all reflexive
  'unsafe.Pointer': () => ({ kind: 'basic', name: 'unsafe.Pointer' }),
  'reflect.Kind': () => ({ kind: 'basic', name: 'uint' }),
  // Interface types: a map with one of them as its value type stores interface values.
  'fmt.Stringer': () => ({ kind: 'interface' }),
  'io.Reader': () => ({ kind: 'interface' }),
  'io.Writer': () => ({ kind: 'interface' }),
  'io.Closer': () => ({ kind: 'interface' }),
  'context.Context': () => ({ kind: 'interface' }),
  'reflect.Type': () => ({ kind: 'interface' }),
};

/** A type of another package by import path and name: known ones resolved, the rest unknown. */
export function externalType(pkgPath: string, name: string): GoType {
  const known = WELL_KNOWN[`${pkgPath}.${name}`];
  if (!known) return UNKNOWN(`${pkgPath}.${name} is declared in another package`);
  if (pkgPath === 'unsafe') return known();
  return { kind: 'named', name, pkg: pkgPath, underlying: known };
}

/** Follows defined types to their underlying type (with a guard against `type T T`). */
export function underlying(t: GoType): GoType {
  for (let i = 0; t.kind === 'named' && i < 50; i++) t = t.underlying();
  return t.kind === 'named' ? UNKNOWN('cyclic type') : t;
}

/** Through at most one pointer: the type a selector's operand is looked up in. */
export function derefUnderlying(t: GoType): GoType {
  const u = underlying(t);
  return u.kind === 'pointer' ? underlying(u.elem) : u;
}

export function isKnown(t: GoType): boolean {
  return t.kind !== 'unknown';
}

/** Whether t is `pkg.name` or a pointer to it (e.g. sync.Map / *sync.Map). */
export function isNamedOrPointerTo(t: GoType, pkg: string, name: string): boolean {
  const base = t.kind === 'pointer' ? t.elem : t;
  return base.kind === 'named' && base.pkg === pkg && base.name === name;
}

export type Reflexivity = 'reflexive' | 'nonreflexive' | 'unknown';

/**
 * Whether k == k holds for every value of the type, as cmd/compile/internal/types IsReflexive
 * decides: floats, complexes and interfaces are not (NaN, or an interface holding one), and
 * arrays or structs containing them are not. Unknown parts make the answer unknown unless a
 * known non-reflexive part already decides it.
 */
export function reflexivity(t: GoType, depth = 0): Reflexivity {
  if (depth > 20) return 'unknown';
  switch (t.kind) {
    case 'basic':
      return /^(float|complex)/.test(t.name) ? 'nonreflexive' : 'reflexive';
    case 'named':
      return reflexivity(t.underlying(), depth + 1);
    case 'interface':
      return 'nonreflexive';
    case 'array':
      return reflexivity(t.elem, depth + 1);
    case 'struct': {
      let unknown = false;
      for (const f of t.fields()) {
        const r = reflexivity(f.type, depth + 1);
        if (r === 'nonreflexive') return r;
        if (r === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : 'reflexive';
    }
    case 'pointer': case 'chan':
      return 'reflexive';
    case 'typeparam': case 'unknown':
      return 'unknown';
    default:
      return 'reflexive'; // slices, maps, funcs are not comparable: not valid keys anyway
  }
}

/**
 * Go's spelling of a type for messages and hovers (named types by name, other packages' by their
 * last path element); `unknown` stands for a part we cannot see.
 */
export function typeName(t: GoType, unknown = '?', depth = 0): string {
  if (depth > 8) return '…';
  const d = depth + 1;
  const of = (x: GoType) => typeName(x, unknown, d);
  switch (t.kind) {
    case 'basic': return t.name;
    case 'named': return t.pkg ? `${t.pkg.slice(t.pkg.lastIndexOf('/') + 1)}.${t.name}` : t.name;
    case 'pointer': return '*' + of(t.elem);
    case 'slice': return '[]' + of(t.elem);
    case 'array': return `[${t.len ?? '…'}]` + of(t.elem);
    case 'map': return `map[${of(t.key)}]${of(t.value)}`;
    case 'chan': return 'chan ' + of(t.elem);
    case 'func': return 'func(…)';
    case 'interface': return t.text ?? 'interface{…}';
    case 'struct': return 'struct{…}';
    case 'typeparam': return t.name;
    case 'unknown': return unknown;
  }
}
