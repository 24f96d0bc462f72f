//go:build !go1.21

package main

// Go 1.19 and 1.20 have no maps package: a case with a clone op is refused (parseOps).
const cloneSupported = false

func cloneMap[K comparable, V any](m map[K]V) map[K]V { panic("maps.Clone needs Go 1.21") }
