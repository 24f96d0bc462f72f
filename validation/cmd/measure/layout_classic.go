//go:build !go1.24

package main

import "unsafe"

// The classic map as laid out in Go 1.19-1.23 (runtime/map.go hmap and mapextra; the map type is
// runtime.maptype in 1.19 and internal/abi.MapType in 1.21-1.23, same layout: a 48-byte type
// header, then key, elem, bucket, hasher words, keysize uint8, elemsize uint8, bucketsize uint16).
const runtimeName = "classic"

type hmap struct {
	count      int
	flags      uint8
	B          uint8
	noverflow  uint16
	hash0      uint32
	buckets    unsafe.Pointer
	oldbuckets unsafe.Pointer
	nevacuate  uintptr
	extra      *mapextra
}

type mapextra struct {
	overflow     *[]unsafe.Pointer
	oldoverflow  *[]unsafe.Pointer
	nextOverflow unsafe.Pointer
}

type maptype struct {
	typ        [48]byte
	key, elem  unsafe.Pointer
	bucket     unsafe.Pointer
	hasher     unsafe.Pointer
	keysize    uint8
	elemsize   uint8
	bucketsize uint16
	flags      uint32
}

const sameSizeGrowFlag = 8 // runtime/map.go sameSizeGrow

func newState(s *Step)  { s.Classic = &ClassicState{} }
func dropState(s *Step) { s.Classic = nil }

// overflowOf reads a bucket's overflow pointer, its last word (cmd/compile/internal/reflectdata
// MapBucketType puts it last with no padding after it).
func overflowOf(b unsafe.Pointer, bs uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(b, bs-8))
}

func readState(s *Step, typ, mp unsafe.Pointer) {
	t := (*maptype)(typ)
	h := (*hmap)(mp)
	bs := uintptr(t.bucketsize)
	st := s.Classic
	*st = ClassicState{Count: h.count, B: int(h.B), Noverflow: int(h.noverflow), Flags: int(h.flags),
		Hash0: h.hash0, Nevacuate: int(h.nevacuate), HasExtra: h.extra != nil, BucketSize: int(bs), Prealloc: -1}
	nb := uintptr(1) << h.B
	if h.extra != nil && h.extra.overflow != nil {
		st.OverflowListLen = len(*h.extra.overflow)
		st.OverflowListCap = cap(*h.extra.overflow)
	}
	if h.buckets == nil {
		st.Prealloc = 0
		return
	}
	start := uintptr(h.buckets)
	tail := start + nb*bs // the preallocated tail starts here
	// used marks which tail slots the chains use; prealloc buckets are handed out in order.
	inTail := map[uintptr]bool{} // read after the heap was measured: this allocation is not counted
	for i := uintptr(0); i < nb; i++ {
		for o := overflowOf(unsafe.Add(h.buckets, i*bs), bs); o != nil; o = overflowOf(o, bs) {
			st.OverflowChained++
			a := uintptr(o)
			if a >= tail && (a-tail)%bs == 0 && a-tail < nb*bs {
				inTail[(a-tail)/bs] = true
			}
		}
	}
	// Buckets taken from the tail form a run from its start; anything else is a separate object
	// (the run may overcount by the separate buckets that happen to follow the array in memory).
	used := uintptr(0)
	for inTail[used] {
		used++
	}
	st.OverflowInArray = int(used)
	if h.B < 4 {
		st.Prealloc = 0 // runtime/map.go makeBucketArray preallocates only for b >= 4
	} else if h.extra != nil && h.extra.nextOverflow != nil {
		// The free tail runs from nextOverflow to the bucket whose overflow word is the sentinel
		// (a non-nil pointer back to the array): its end is the array's end.
		p := h.extra.nextOverflow
		for overflowOf(p, bs) == nil {
			p = unsafe.Add(p, bs)
		}
		st.Prealloc = int((uintptr(p)+bs-start)/bs - nb)
	}
	// Otherwise every preallocated bucket is in use and the array's end is not recorded anywhere:
	// the run of tail buckets cannot tell it either, since a separately allocated bucket may sit
	// right after a page-aligned array. Prealloc stays -1 (unknown).
	if h.oldbuckets != nil {
		old := nb / 2
		if h.flags&sameSizeGrowFlag != 0 {
			old = nb
			st.SameSizeGrow = true
		}
		st.OldBuckets = int(old)
		for i := uintptr(0); i < old; i++ {
			for o := overflowOf(unsafe.Add(h.oldbuckets, i*bs), bs); o != nil; o = overflowOf(o, bs) {
				st.OldOverflowChained++
			}
		}
	}
}

func mapSeed(mp unsafe.Pointer) uint64 { return uint64((*hmap)(mp).hash0) }
func mapIsSmallTable(mp unsafe.Pointer) (small bool, dirLen int) {
	return (*hmap)(mp).B == 0, 0
}
