// Go's allocator as a map sees it: what one allocation of `size` bytes costs on the heap, by Go
// version. Everything here is read from the runtime sources named beside each rule.
import { compareGoVersions, parseGoVersion, type GoVersion } from '../analysis/goversion';
import type { Arch, Runtime } from './model';

/**
 * The 68 size classes (class 0 unused) of runtime/sizeclasses.go `class_to_size` (Go 1.19, 1.22)
 * = internal/runtime/gc/sizeclasses.go `SizeClassToSize` (Go 1.26): byte-identical in the three.
 * Older releases (before the 24-byte class of Go 1.15) are not modelled separately.
 */
const SIZE_CLASSES: readonly number[] = [
  0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384,
  416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688,
  3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288,
  13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
];

/** _MaxSmallSize (runtime/sizeclasses.go; gc.MaxSmallSize in 1.26). */
export const MAX_SMALL_SIZE = 32768;
/** _PageSize = 1 << 13 (PageShift 13). */
export const PAGE_SIZE = 8192;
/** maxTinySize (runtime/malloc.go): noscan objects below 16 bytes share 16-byte blocks. */
export const TINY_BLOCK = 16;
/** mallocHeaderSize (runtime/mbitmap_allocheaders.go, Go 1.22; gc.MallocHeaderSize, Go 1.26). */
export const MALLOC_HEADER = 8;

/** The size classes of a Go version (see SIZE_CLASSES for which versions were read). */
export function sizeClasses(_goVersion?: string): readonly number[] {
  return SIZE_CLASSES;
}

/** Smallest size class holding `size` bytes (1..32768); the binary search stands in for the
 * runtime's size_to_class8/size_to_class128 lookup tables, which map to the same class. */
export function sizeClassOf(size: number): number {
  if (size <= 0) return 0;
  if (size > MAX_SMALL_SIZE) throw new RangeError(`${size} bytes is not a small object`);
  let lo = 1, hi = SIZE_CLASSES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (SIZE_CLASSES[mid] >= size) hi = mid; else lo = mid + 1;
  }
  return SIZE_CLASSES[lo];
}

const pages = (size: number) => Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;

/** Parses "1.19", "go1.22.3", "1.24rc1"; throws on anything else. */
export function goVersionOf(s: string): GoVersion {
  const v = parseGoVersion(s);
  if (!v) throw new RangeError(`not a Go version: ${JSON.stringify(s)}`);
  return v;
}

const atLeast = (v: GoVersion, minor: number) => compareGoVersions(v, { major: 1, minor, patch: 0 }) >= 0;

/** Whether the Go release "1.N[.P]" is 1.minor or later. */
export function atLeastGo(goVersion: string, minor: number): boolean {
  return atLeast(goVersionOf(goVersion), minor);
}

/** Classic hmap through Go 1.23, Swiss tables from Go 1.24 (GOEXPERIMENT=noswissmap of 1.24/1.25
 * is not modelled). */
export function runtimeOf(goVersion: string): Runtime {
  return atLeast(goVersionOf(goVersion), 24) ? 'swiss' : 'classic';
}

/** Malloc headers (GOEXPERIMENT=allocheaders, on by default from Go 1.22). */
export function hasMallocHeaders(goVersion: string): boolean {
  return atLeast(goVersionOf(goVersion), 22);
}

/** minSizeForMallocHeader = PtrSize * PtrBits: 512 on 64-bit, 128 on 32-bit (exclusive minimum;
 * runtime/mbitmap_allocheaders.go 1.22, internal/runtime/gc/malloc.go 1.26). */
const minSizeForMallocHeader = (arch: Arch) => (arch === 64 ? 8 * 64 : 4 * 32);

/** Whether an object of `size` gets an 8-byte header in front (pointerful, 512 < size <= 32760). */
export function mallocHeader(size: number, hasPointers: boolean, goVersion: string, arch: Arch = 64): number {
  return hasPointers && hasMallocHeaders(goVersion) && size > minSizeForMallocHeader(arch) && size <= MAX_SMALL_SIZE - MALLOC_HEADER
    ? MALLOC_HEADER
    : 0;
}

/**
 * runtime.roundupsize: the usable size the runtime reports for a request (what makeBucketArray
 * and growslice divide by the element size). With a malloc header the class is chosen for
 * size+8 and the header is not usable (runtime/msize_allocheaders.go 1.22, runtime/msize.go 1.26).
 */
export function roundupsize(size: number, hasPointers: boolean, goVersion: string, arch: Arch = 64): number {
  const h = mallocHeader(size, hasPointers, goVersion, arch);
  const smallLimit = hasMallocHeaders(goVersion) ? MAX_SMALL_SIZE - MALLOC_HEADER : MAX_SMALL_SIZE;
  if (size <= smallLimit) return sizeClassOf(size + h) - h;
  return pages(size);
}

/**
 * Heap bytes one allocation of `size` bytes costs (what HeapAlloc grows by):
 *  - 0 bytes: nothing (runtime.zerobase);
 *  - pointer-free and below 16 bytes: the tiny allocator packs such objects into 16-byte blocks at
 *    their alignment (runtime/malloc.go mallocgc, the `size&7`/`size&3`/`size&1` offsets). We
 *    charge the block's share of a stream of equal objects: 16 / (objects per block), e.g. 8 for
 *    an int64, 4 for an int32, 16 for 12 bytes (what the fact sheet's D.1 measured per value). A
 *    lone object pins its whole block; a map never makes such objects itself (indirect keys and
 *    elems are over 128 bytes);
 *  - up to 32 KiB: the size class, of size+8 for pointerful objects of more than 512 bytes from
 *    Go 1.22 (malloc header);
 *  - above: whole 8 KiB pages.
 */
export function allocCharge(size: number, hasPointers: boolean, goVersion: string, arch: Arch = 64): number {
  if (size <= 0) return 0;
  if (!hasPointers && size < TINY_BLOCK) return TINY_BLOCK / tinyPerBlock(size, arch);
  const h = mallocHeader(size, hasPointers, goVersion, arch);
  const smallLimit = hasMallocHeaders(goVersion) ? MAX_SMALL_SIZE - MALLOC_HEADER : MAX_SMALL_SIZE;
  if (size <= smallLimit) return sizeClassOf(size + h);
  return pages(size);
}

/** How many objects of `size` (< 16, pointer-free) the tiny allocator puts in one block. */
function tinyPerBlock(size: number, arch: Arch): number {
  const align = (size & 7) === 0 || (arch === 32 && size === 12) ? 8 : (size & 3) === 0 ? 4 : (size & 1) === 0 ? 2 : 1;
  const stride = Math.ceil(size / align) * align;
  return Math.floor((TINY_BLOCK - size) / stride) + 1;
}

/**
 * The capacity `append` gives a slice of `elemSize`-byte elements that must grow from `oldCap` to
 * hold `needed`: runtime/slice.go growslice (Go 1.18+: doubling below 256, then
 * newcap += (newcap + 768)/4; before 1.18: doubling below 1024, then +25%), rounded up to what
 * roundupsize makes usable.
 */
export function appendCapacity(oldCap: number, needed: number, elemSize: number, hasPointers: boolean, goVersion: string, arch: Arch = 64): number {
  let newcap = oldCap;
  const doublecap = 2 * oldCap;
  if (needed > doublecap) newcap = needed;
  else if (atLeast(goVersionOf(goVersion), 18)) {
    if (oldCap < 256) newcap = doublecap;
    else while (newcap < needed) newcap += Math.floor((newcap + 3 * 256) / 4);
  } else if (oldCap < 1024) newcap = doublecap;
  else while (newcap < needed) newcap += Math.floor(newcap / 4);
  if (elemSize === 0) return newcap;
  return Math.floor(roundupsize(newcap * elemSize, hasPointers, goVersion, arch) / elemSize);
}
