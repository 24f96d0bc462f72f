// What converting a value to an interface costs: the compiler's choice of the interface data word
// (cmd/compile/internal/walk/convert.go dataWord and dataWordFuncName, Go 1.19 .. 1.26) and the
// runtime function's allocation (runtime/iface.go convT16, convT32, convT64, convTstring,
// convTslice, convT, convTnoptr), sized by the allocator model (sim/alloc.ts).
//
// The value is stored in a map, so it escapes: the stack-temporary case of dataWord never applies.
import { allocCharge } from '../../sim/alloc';
import { isUnknown, layoutOf } from '../../sim/layout';
import type { TypeLayout } from '../../sim/model';
import { typeName, underlying, type GoType } from './gotypes';
import { layoutText } from './typetext';
import type { Constness, KnownValue } from './constant';

export type NoAllocReason = 'constant' | 'read-only data' | 'pointer-shaped' | 'zero-size' | 'one byte or bool' | 'interface value' | 'nil' | 'zero value';

export type ConvFunc = 'convT16' | 'convT32' | 'convT64' | 'convTstring' | 'convTslice' | 'convT' | 'convTnoptr';

export type Boxing =
  | { verdict: 'none'; reason: NoAllocReason }
  | {
    verdict: 'allocates';
    runtimeFunc: ConvFunc;
    /** The value's size and whether it holds pointers (what mallocgc is asked for). */
    size: number;
    hasPointers: boolean;
    /** Heap bytes per store by the allocator model (allocCharge). */
    bytes: number;
    /** When the runtime function returns static data instead (iface.go), in words. */
    exception?: string;
  }
  | { verdict: 'unknown'; why: string };

export interface BoxedValue {
  /** The value's type (an untyped constant's default type). */
  type: GoType;
  /** The expression is `nil`. */
  isNil: boolean;
  /** A Go constant: order.go addrTemp makes it a read-only global (every release); 'maybe': another package decides. */
  constant: Constness;
  /** From Go 1.25: a static value the compiler takes from read-only data (constant.ts staticness). */
  staticValue: Constness;
  /**
   * What the value provably is at the store, when the code says (constant.ts knownValue): convT16/32/64
   * return static data for 0..255, convTstring for "", convTslice for a nil slice (runtime/iface.go).
   */
  known?: KnownValue;
  /** The runtime release, "1.26". */
  goVersion: string;
}

const atLeast125 = (v: string) => { const [maj, min] = v.split('.').map(Number); return maj > 1 || (maj === 1 && min >= 25); };

/**
 * types.IsDirectIface: a pointer-shaped type (its size and pointer data are one word) is its own
 * data word: pointers, maps, chans, funcs, unsafe.Pointer, and a struct of one such field or an
 * array of one such element. Undefined when a part is unknown.
 */
export function isPointerShaped(t: GoType, depth = 0): boolean | undefined {
  if (depth > 20) return undefined;
  const u = underlying(t);
  switch (u.kind) {
    case 'pointer': case 'map': case 'chan': case 'func': return true;
    case 'basic': return u.name === 'unsafe.Pointer';
    case 'array': return u.len === undefined ? undefined : u.len === 1 ? isPointerShaped(u.elem, depth + 1) : false;
    case 'struct': {
      const fs = u.fields();
      return fs.length === 1 ? isPointerShaped(fs[0].type, depth + 1) : false;
    }
    case 'unknown': case 'typeparam': return undefined;
    default: return false;
  }
}

/** Type.SoleComponent: through structs of one field and arrays of one element. */
function soleComponent(t: GoType, depth = 0): GoType | undefined {
  const u = underlying(t);
  if (depth > 20) return undefined;
  if (u.kind === 'struct') { const fs = u.fields(); return fs.length === 1 ? soleComponent(fs[0].type, depth + 1) : undefined; }
  if (u.kind === 'array') return u.len === 1 ? soleComponent(u.elem, depth + 1) : undefined;
  return u;
}

const INT_NAMES = /^u?int(8|16|32|64)?$|^uintptr$/;

/** When convT16/32/64 return &staticuint64s[v] instead of allocating (the value read as an unsigned integer < 256). */
function smallValueException(t: GoType): string {
  const sc = soleComponent(t);
  if (sc?.kind === 'basic' && INT_NAMES.test(sc.name)) return 'none when the value is 0..255';
  if (sc?.kind === 'basic' && /^float/.test(sc.name)) return 'none when the value is +0.0';
  return 'none when its bits read as an integer below 256';
}

/** Whether the runtime function returns static data for this value instead of allocating (runtime/iface.go). */
function staticAtRunTime(fn: ConvFunc, v: KnownValue): boolean {
  switch (fn) {
    case 'convT16': case 'convT32': case 'convT64':
      return v.kind === 'zero' || (v.kind === 'int' && v.value >= 0 && v.value < 256); // &staticuint64s[v]
    case 'convTstring':
      return v.kind === 'zero' || v.kind === 'empty'; // &zeroVal[0] for ""
    case 'convTslice':
      return v.kind === 'zero' || v.kind === 'nil'; // &zeroVal[0] for a nil array pointer
    default:
      return false;
  }
}

/** dataWordFuncName: which runtime function converts a value of this layout. */
function convFunc(t: GoType, l: TypeLayout): ConvFunc {
  if (l.size === 2 && l.align === 2) return 'convT16';
  if (l.size === 4 && l.align === 4 && !l.hasPointers) return 'convT32';
  if (l.size === 8 && l.align === 8 && !l.hasPointers) return 'convT64';
  const sc = soleComponent(t);
  if (sc?.kind === 'basic' && sc.name === 'string') return 'convTstring';
  if (sc?.kind === 'slice') return 'convTslice';
  return l.hasPointers ? 'convT' : 'convTnoptr';
}

/** What storing the value in an interface-typed map slot costs on 64-bit. */
export function classifyBoxing(v: BoxedValue): Boxing {
  // Order of convert.go dataWord; constants and static values are decided earlier, in walk/order.go.
  if (v.isNil) return { verdict: 'none', reason: 'nil' };
  const u = underlying(v.type);
  if (u.kind === 'interface') return { verdict: 'none', reason: 'interface value' };
  if (v.constant === 'yes') return { verdict: 'none', reason: 'constant' };
  if (u.kind === 'unknown' || u.kind === 'typeparam') return { verdict: 'unknown', why: u.kind === 'unknown' ? u.why : 'a type parameter' };
  if (isPointerShaped(v.type)) return { verdict: 'none', reason: 'pointer-shaped' };
  const text = layoutText(v.type);
  const l = text === undefined ? undefined : layoutOf(text, 64);
  if (!l || isUnknown(l)) return { verdict: 'unknown', why: l && isUnknown(l) ? l.reason : 'its layout is not known' };
  if (l.size === 0) return { verdict: 'none', reason: 'zero-size' };
  const sc = soleComponent(v.type);
  if (sc?.kind === 'basic' && (sc.name === 'bool' || sc.name === 'int8' || sc.name === 'uint8')) return { verdict: 'none', reason: 'one byte or bool' };
  if (v.constant === 'maybe') return { verdict: 'unknown', why: 'it may be a constant declared in another package, which is not read here' };
  if (v.staticValue === 'yes' && atLeast125(v.goVersion)) return { verdict: 'none', reason: 'read-only data' };
  if (v.staticValue === 'maybe' && atLeast125(v.goVersion)) return { verdict: 'unknown', why: 'from Go 1.25 it is read-only data if a name of another package it uses is a constant, which is not read here' };
  const fn = convFunc(v.type, l);
  if (v.known && staticAtRunTime(fn, v.known)) return { verdict: 'none', reason: 'zero value' };
  const bytes = allocCharge(l.size, l.hasPointers, v.goVersion);
  const runtimeException = fn === 'convT16' || fn === 'convT32' || fn === 'convT64' ? smallValueException(v.type)
    : fn === 'convTstring' ? 'none for ""'
      : fn === 'convTslice' ? 'none for a nil slice' : undefined;
  // The go line is a minimum: a newer toolchain may build it, and from 1.25 this value is static.
  const newer = v.staticValue === 'yes' ? 'none when built by Go 1.25 or later: read-only data' : undefined;
  const exception = [runtimeException, newer].filter(Boolean).join('; ') || undefined;
  return { verdict: 'allocates', runtimeFunc: fn, size: l.size, hasPointers: l.hasPointers, bytes, exception };
}

/** Go's spelling of a type for messages (gotypes.ts typeName), unknown parts said in words. */
export function typeString(t: GoType): string {
  return typeName(t, 'unknown type');
}
