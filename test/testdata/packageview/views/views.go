// Package views: each file sees the package view the go command builds it with.
//
// The non-test files are the package that runs in production. A release written only in a test
// file (release_test.go), in a file the go command ignores (_scratch.go) or in a `//go:build
// ignore` script (gen.go) never runs there, so the clearing below still keeps the map's storage:
// each is reported.
package views

var cache = map[string]int{}

var scratchOnly = map[string]int{}

var genOnly = map[string]int{}

// state is also the name of a variable of the external test package (external_test.go).
var state = map[string]int{}

func Reset() {
	clear(cache) // want "empties cache and keeps"
}

func ResetScratch() {
	clear(scratchOnly) // want "empties scratchOnly"
}

func ResetGen() {
	for k := range genOnly { // want "this loop empties genOnly"
		delete(genOnly, k)
	}
}

// Released below in this package: not reported.
func ResetState() {
	clear(state)
}

func DropState() { state = nil }
