//go:build go1.21

package main

// clear(m) compiles to runtime.mapclear (cmd/compile/internal/walk/builtin.go walkClear), the
// same call as the range-delete idiom, and works for non-reflexive keys too.
//
//go:noinline
func clearMap[K comparable, V any](m map[K]V) { clear(m) }
