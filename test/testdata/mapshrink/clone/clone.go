// Package clone: `m = maps.Clone(m)` meant to shrink a map. From Go 1.25 the clone keeps the
// capacity; a copy into make(T, len(m)) is sized for the live entries.
package clone

import "maps"

type Index struct {
	byKey map[int64]int64
}

func (ix *Index) Compact() {
	ix.byKey = maps.Clone(ix.byKey) // want warning `ix\.byKey = maps\.Clone\(ix\.byKey\) does not shrink the map: the clone keeps its capacity.*the clone is .* again; a rebuild is`
}

var cache = map[string][]byte{}

func shrink() {
	cache = maps.Clone(cache) // want warning `does not shrink the map`
}

// A copy into another variable is a snapshot, not a shrink.
func (ix *Index) Snapshot() map[int64]int64 {
	snap := maps.Clone(ix.byKey)
	return snap
}

// Copy before changing a shallow copy's map: right, and not a shrink.
type Report struct{ Latency map[string]int }

func (r *Report) clone() *Report {
	r2 := *r
	r2.Latency = maps.Clone(r2.Latency)
	return &r2
}

// Deletes before the clone say it is meant to shrink.
func prune(m map[string]int, drop []string) map[string]int {
	for _, k := range drop {
		delete(m, k)
	}
	m = maps.Clone(m) // want warning `keys of m are deleted before it`
	return m
}
