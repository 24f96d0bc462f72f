//go:build !go1.21

package main

import "unsafe"

// Before Go 1.21 there is no clear builtin; the range-delete idiom compiles to runtime.mapclear
// only for reflexive keys, so call it directly (runtime/map.go mapclear(t *maptype, h *hmap)).
//
//go:linkname mapclear runtime.mapclear
func mapclear(t unsafe.Pointer, h unsafe.Pointer)

//go:noinline
func clearMap[K comparable, V any](m map[K]V) {
	mapclear(typeWord(m), *(*unsafe.Pointer)(unsafe.Pointer(&m)))
}
