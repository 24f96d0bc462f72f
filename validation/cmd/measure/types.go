package main

import (
	"strconv"
	"strings"
)

// The map types the matrix can name, spelled as the simulation's layoutOf reads them.
type pairKey struct{ key, value string }

var registry = map[pairKey]func(Case) CaseResult{}

func reg[K comparable, V any](key, value string, mk func(int) K, mv func(int) V) {
	all := func(n int) []K {
		keys := make([]K, n)
		for i := range keys {
			keys[i] = mk(i)
		}
		return keys
	}
	regAll(key, value, all, mv)
}

func regAll[K comparable, V any](key, value string, mk func(n int) []K, mv func(int) V) {
	registry[pairKey{key, value}] = func(c Case) CaseResult { return measureCase(c, mk, mv) }
}

// strs returns n distinct keys "k0", "k1", ... as substrings of one string: one object for the
// GC to mark instead of n.
func strs(n int) []string {
	var b strings.Builder
	ends := make([]int, n)
	for i := range ends {
		b.WriteString("k")
		b.WriteString(strconv.Itoa(i))
		ends[i] = b.Len()
	}
	all := b.String()
	keys := make([]string, n)
	start := 0
	for i, end := range ends {
		keys[i] = all[start:end]
		start = end
	}
	return keys
}

type padded = struct {
	a int8
	b int64
}

func big136(i int) (k [136]byte) {
	for b := 0; b < 8; b++ {
		k[b] = byte(i >> (8 * b))
	}
	return k
}

func init() {
	reg("int8", "int8", func(i int) int8 { return int8(i) }, func(i int) int8 { return int8(i) })
	reg("uint8", "uint64", func(i int) uint8 { return uint8(i) }, func(i int) uint64 { return uint64(i) })
	reg("int16", "int16", func(i int) int16 { return int16(i) }, func(i int) int16 { return int16(i) })
	reg("uint16", "uint32", func(i int) uint16 { return uint16(i) }, func(i int) uint32 { return uint32(i) })
	reg("int32", "int32", func(i int) int32 { return int32(i) }, func(i int) int32 { return int32(i) })
	reg("uint32", "float32", func(i int) uint32 { return uint32(i) }, func(i int) float32 { return float32(i) })
	reg("int64", "int64", func(i int) int64 { return int64(i) }, func(i int) int64 { return int64(i) })
	reg("uint64", "bool", func(i int) uint64 { return uint64(i) }, func(i int) bool { return i%2 == 0 })
	reg("float64", "float64", func(i int) float64 { return float64(i) + 0.5 }, func(i int) float64 { return float64(i) })
	regAll("string", "int", strs, func(i int) int { return i })
	regAll("string", "string", strs, func(i int) string { return "v" })
	regAll("string", "interface{}", strs, func(i int) interface{} { return i + 1000 }) // boxed before the baseline
	regAll("string", "struct{}", strs, func(i int) struct{} { return struct{}{} })
	reg("int64", "struct{}", func(i int) int64 { return int64(i) }, func(i int) struct{} { return struct{}{} })
	reg("struct{}", "struct{}", func(i int) struct{} { return struct{}{} }, func(i int) struct{} { return struct{}{} })
	reg("struct{a int8; b int64}", "int32", func(i int) padded { return padded{int8(i), int64(i)} }, func(i int) int32 { return int32(i) })
	reg("[136]byte", "int8", big136, func(i int) int8 { return int8(i) })
	reg("int64", "[200]byte", func(i int) int64 { return int64(i) }, func(i int) (v [200]byte) { v[0] = byte(i); return v })
	reg("int64", "*int64", func(i int) int64 { return int64(i) }, func(i int) *int64 { p := new(int64); *p = int64(i); return p })
	reg("[2]int64", "int64", func(i int) [2]int64 { return [2]int64{int64(i), 1} }, func(i int) int64 { return int64(i) })
}
