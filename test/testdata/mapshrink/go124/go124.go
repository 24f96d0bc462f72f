// Package go124: on Go 1.24 maps.Clone still makes the copy for the live entries (runtime.mapclone2
// in runtime/map_swiss.go: makemap(t, src.Used()) and a Put per entry), so a self-clone is a
// rebuild there; from Go 1.25 it keeps the capacity.
package go124

import "maps"

type Index struct{ ids map[uint64]string }

func (ix *Index) Add(id uint64, s string) { ix.ids[id] = s }

func (ix *Index) Remove(id uint64) { delete(ix.ids, id) }

func (ix *Index) Compact() {
	ix.ids = maps.Clone(ix.ids) // want hint `shrinks the map on Go 1\.21-1\.24 only`
}
