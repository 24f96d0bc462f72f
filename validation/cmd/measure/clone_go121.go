//go:build go1.21

package main

import "maps"

// cloneSupported: maps.Clone arrived in Go 1.21 (runtime.mapclone2 until 1.23, (*Map).Clone in
// internal/runtime/maps from 1.24).
const cloneSupported = true

//go:noinline
func cloneMap[K comparable, V any](m map[K]V) map[K]V { return maps.Clone(m) }
