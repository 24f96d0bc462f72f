// Package pkgvar: package-level maps emptied and never released.
package pkgvar

import "sync"

var sessions = map[string]int{}

var cache map[string][]byte

var (
	byID   = make(map[int]string)
	counts map[string]int
	seen   = map[[2]int]bool{}
	floats map[float64]int
	anyKey map[any]int
)

type Table map[string]int

var table = Table{}

var mu sync.Mutex

func ResetSessions() {
	clear(sessions) // want `clear\(sessions\) empties sessions and keeps its bucket array \(Go ≤ 1\.23\) or its groups, tables and directory \(Go ≥ 1\.24\), sized for the most entries it held, for as long as the program runs`
}

func ResetCache() {
	for k := range cache { // want `this loop empties cache and keeps`
		delete(cache, k)
	}
}

func ResetByID() {
	mu.Lock()
	defer mu.Unlock()
	for k, _ := range byID { // want `this loop empties byID`
		delete(byID, k)
	}
}

func ResetCounts() {
	var k string
	for k = range counts { // want `this loop empties counts`
		delete(counts, k)
	}
	_ = k
}

func ResetSeen() {
	clear((seen)) // want `clear\(seen\) empties seen`
}

func ResetFloats() {
	for k := range floats { // want `this loop empties floats`
		delete(floats, k)
	}
}

func ResetAny() {
	clear(anyKey) // want `empties anyKey`
}

func ResetTable() {
	clear(table) // want `empties table`
}

func ResetTwice() {
	clear(sessions) // want `empties sessions`

	clear(seen) // want `empties seen`
}

func ResetInClosure() func() {
	return func() {
		clear(cache) // want `empties cache`
	}
}

func ResetWithComment() {
	for k := range byID { // want `this loop empties byID`
		// drop everything
		delete(byID, k)
	}
}
