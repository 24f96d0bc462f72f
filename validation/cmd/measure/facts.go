package main

import (
	"strconv"
	"unsafe"
)

// Behaviour probes whose answer changed (or may have changed) between Go versions.

type churnPoint struct {
	Churned int   `json:"churned"`
	Bytes   int64 `json:"bytes"`
	Step    Step  `json:"state"`
}

type churnFact struct {
	Key    string       `json:"key"`
	Live   int          `json:"live"`
	Points []churnPoint `json:"points"`
	// Storage (table slots and directory, or buckets and overflow) rose over the first 1000
	// replacements, and rose again between 1000 and the end: a runtime that prunes tombstones
	// (or reuses them) settles after the first rehash.
	GrewFirst   bool   `json:"grewFirst"`
	KeptGrowing bool   `json:"keptGrowing"`
	Summary     string `json:"summary"`
}

type seedFact struct {
	Case         string `json:"case"`
	Reseeded     bool   `json:"reseeded"`
	SeedBefore   uint64 `json:"seedBefore"`
	SeedAfter    uint64 `json:"seedAfter"`
	TombsBefore  int    `json:"tombstonesBefore"`
	TombsAfter   int    `json:"tombstonesAfter"`
	DirLenBefore int    `json:"dirLenBefore"`
	DirLenAfter  int    `json:"dirLenAfter"`
}

type ninthFact struct {
	Key         string `json:"key"`
	Path        string `json:"path"`
	SmallBefore bool   `json:"smallBefore"`
	SmallAfter  bool   `json:"smallAfter"`
	DirLenAfter int    `json:"dirLenAfter"`
	BytesBefore int64  `json:"bytesBefore"`
	BytesAfter  int64  `json:"bytesAfter"`
}

type facts struct {
	Churn []churnFact `json:"churn"`
	Seed  []seedFact  `json:"clearSeed"`
	Ninth []ninthFact `json:"ninthWriteExistingKey"`
}

func mapPtr[K comparable, V any](m map[K]V) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m))
}

func stateOf[K comparable, V any](m map[K]V) Step {
	var s Step
	newState(&s)
	readState(&s, typeWord(m), mapPtr(m))
	return s
}

// size is a scalar that grows when the map's storage grows: table slots (Swiss) or buckets (classic).
func size(s Step) int {
	if s.Swiss != nil {
		n := 0
		for c, k := range s.Swiss.CapHist {
			n += k << c
		}
		return n*1000 + s.Swiss.DirLen
	}
	return (1<<s.Classic.B)*1000 + s.Classic.OverflowChained
}

// churn keeps live entries in the map and replaces the oldest one by a new key, one at a time,
// as a cache with a fixed size does.
func churn(live, rounds int) churnFact {
	f := churnFact{Key: "int64", Live: live}
	points := []int{0, 1000, 10000, rounds / 2, rounds}
	f.Points = make([]churnPoint, len(points)) // recording allocates nothing after the baseline
	for j := range f.Points {
		newState(&f.Points[j].Step)
	}
	m := make(map[int64]int64)
	holder = m
	base := baseline()
	for i := 0; i < live; i++ {
		m[int64(i)] = 1
	}
	first, settled := 0, 0
	for j, i := 0, 0; j < len(points); j++ {
		for ; i < points[j]; i++ {
			delete(m, int64(i))
			m[int64(i+live)] = 1
		}
		p := &f.Points[j]
		p.Churned, p.Bytes = i, settle()-base
		readState(&p.Step, typeWord(m), mapPtr(m))
		switch j {
		case 0:
			first = size(p.Step)
		case 1:
			settled = size(p.Step)
			f.GrewFirst = settled > first
		default:
			f.KeptGrowing = f.KeptGrowing || size(p.Step) > settled
		}
	}
	f.Summary = "kept its size under churn"
	if f.KeptGrowing {
		f.Summary = "kept growing under churn with a constant live count"
	} else if f.GrewFirst {
		f.Summary = "grew once under churn, then kept its size"
	}
	holder = nil
	return f
}

func seedProbe(name string, n int, deleteFirst bool) seedFact {
	m := make(map[int64]int64)
	for i := 0; i < n; i++ {
		m[int64(i)] = 1
	}
	if deleteFirst {
		for i := 0; i < n; i++ {
			delete(m, int64(i))
		}
	}
	before := stateOf(m)
	f := seedFact{Case: name, SeedBefore: mapSeed(mapPtr(m))}
	clearMap(m)
	after := stateOf(m)
	f.SeedAfter = mapSeed(mapPtr(m))
	f.Reseeded = f.SeedAfter != f.SeedBefore
	if before.Swiss != nil {
		f.TombsBefore, f.TombsAfter = before.Swiss.Tombstones, after.Swiss.Tombstones
		f.DirLenBefore, f.DirLenAfter = before.Swiss.DirLen, after.Swiss.DirLen
	}
	return f
}

// ninth fills a map to 8 entries (a full small map in Swiss) and assigns to an existing key.
func ninth[K comparable](key, path string, mk func(int) K) ninthFact {
	m := make(map[K]int)
	holder = m
	base := baseline()
	for i := 0; i < 8; i++ {
		m[mk(i)] = i
	}
	f := ninthFact{Key: key, Path: path, BytesBefore: settle() - base}
	f.SmallBefore, _ = mapIsSmallTable(mapPtr(m))
	k := mk(3)
	m[k] = 42
	f.BytesAfter = settle() - base
	f.SmallAfter, f.DirLenAfter = mapIsSmallTable(mapPtr(m))
	holder = nil
	return f
}

func probeFacts() interface{} {
	var f facts
	f.Churn = append(f.Churn, churn(800, 200000), churn(100, 100000))
	f.Seed = append(f.Seed,
		seedProbe("small map, 5 entries", 5, false),
		seedProbe("1000 entries", 1000, false),
		seedProbe("1000 entries deleted one by one, then clear", 1000, true))
	f.Ninth = append(f.Ninth,
		ninth("int64", "mapassign_fast64", func(i int) int64 { return int64(i) }),
		ninth("int32", "mapassign_fast32", func(i int) int32 { return int32(i) }),
		ninth("string", "mapassign_faststr", func(i int) string { return "k" + strconv.Itoa(i) }),
		ninth("*int64", "mapassign_fast64ptr", func(i int) *int64 { return &ptrKeys[i] }),
		ninth("[2]int64", "mapassign (generic)", func(i int) [2]int64 { return [2]int64{int64(i), 7} }))
	return f
}

var ptrKeys [8]int64
