//go:build go1.24

package main

import "unsafe"

// The Swiss-table map of Go 1.24-1.26 (internal/runtime/maps map.go Map, table.go table,
// group.go groupsReference; internal/abi map_swiss.go SwissMapType, renamed MapType in 1.26 with
// the same layout). Only the leading fields are declared: Go 1.25 added tombstonePossible after
// writing, which moves nothing read here.
const runtimeName = "swiss"

type swissMap struct {
	used        uint64
	seed        uintptr
	dirPtr      unsafe.Pointer
	dirLen      int
	globalDepth uint8
}

type table struct {
	used       uint16
	capacity   uint16
	growthLeft uint16
	localDepth uint8
	index      int
	groups     unsafe.Pointer // groupsReference.data
	lengthMask uint64
}

type mapType struct {
	typ       [48]byte
	key, elem unsafe.Pointer
	group     unsafe.Pointer
	hasher    unsafe.Pointer
	groupSize uintptr
	slotSize  uintptr
	elemOff   uintptr
	flags     uint32
}

const ctrlDeleted = 0xFE // internal/runtime/maps/group.go ctrlDeleted

func newState(s *Step)  { s.Swiss = &SwissState{} }
func dropState(s *Step) { s.Swiss = nil }

func readState(s *Step, typ, mp unsafe.Pointer) {
	t := (*mapType)(typ)
	m := (*swissMap)(mp)
	st := s.Swiss
	*st = SwissState{Used: int(m.used), Seed: uint64(m.seed), DirLen: m.dirLen, GlobalDepth: int(m.globalDepth),
		GroupSize: int(t.groupSize), SlotSize: int(t.slotSize), MinLocalDepth: -1}
	if m.dirLen == 0 {
		st.Small = true
		st.GroupAllocated = m.dirPtr != nil
		st.MinLocalDepth = 0
		return
	}
	var prev *table
	for i := 0; i < m.dirLen; i++ {
		tb := *(**table)(unsafe.Add(m.dirPtr, uintptr(i)*8))
		if tb == prev {
			continue // a table of local depth d fills 2^(globalDepth-d) consecutive entries
		}
		prev = tb
		st.Tables++
		for c := 0; c < len(st.CapHist); c++ {
			if 1<<c == int(tb.capacity) {
				st.CapHist[c]++
			}
		}
		st.TableUsed += int(tb.used)
		st.GrowthLeft += int(tb.growthLeft)
		d := int(tb.localDepth)
		if st.MinLocalDepth < 0 || d < st.MinLocalDepth {
			st.MinLocalDepth = d
		}
		if d > st.MaxLocalDepth {
			st.MaxLocalDepth = d
		}
		// Each group starts with its 8 control bytes (group.go ctrlGroup).
		for g := uintptr(0); g <= uintptr(tb.lengthMask); g++ {
			ctrl := *(*uint64)(unsafe.Add(tb.groups, g*t.groupSize))
			for b := 0; b < 8; b++ {
				if byte(ctrl>>(8*b)) == ctrlDeleted {
					st.Tombstones++
				}
			}
		}
	}
}

func mapSeed(mp unsafe.Pointer) uint64 { return uint64((*swissMap)(mp).seed) }
func mapIsSmallTable(mp unsafe.Pointer) (small bool, dirLen int) {
	m := (*swissMap)(mp)
	return m.dirLen == 0, m.dirLen
}
