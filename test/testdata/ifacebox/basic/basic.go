package basic

import (
	"strconv"
	"time"
)

type point struct{ X, Y int }

type onePtr struct{ p *int }

const limit = 1000

var attrs = map[string]any{}

func numbers(n int, i32 int32, i16 int16, f float64, u uint64) {
	attrs["n"] = n       // want `storing n \(int\) in a map\[string\]any value allocates: runtime\.convT64, 8 B per store on Go 1\.26 \(none when the value is 0\.\.255\)`
	attrs["i32"] = i32   // want `runtime\.convT32, 4 B per store`
	attrs["i16"] = i16   // want `runtime\.convT16, 2 B per store`
	attrs["f"] = f       // want `runtime\.convT64, 8 B per store on Go 1\.26 \(none when the value is \+0\.0\)`
	attrs["u"] = u       // want `convT64`
	attrs["sum"] = n + 1 // want `storing n \+ 1 \(int\)`
}

func strs(s string, b []byte, p point, names []string) {
	attrs["s"] = s         // want `runtime\.convTstring, 16 B per store on Go 1\.26 \(none for ""\)`
	attrs["b"] = b         // want `runtime\.convTslice, 24 B per store on Go 1\.26 \(none for a nil slice\)`
	attrs["p"] = p         // want `runtime\.convTnoptr, 16 B per store`
	attrs["names"] = names // want `convTslice`
}

func loops(xs []int) {
	for i, x := range xs {
		attrs[strconv.Itoa(i)] = x // want `storing x \(int\)`
	}
}

func notAllocating(p *point, ok bool, c byte, m map[string]int, ch chan int, fn func(), e error, v any, q onePtr) {
	attrs["const"] = 42
	attrs["big"] = 100000
	attrs["named"] = limit
	attrs["expr"] = limit * 3
	attrs["str"] = "hello"
	attrs["float"] = 3.5
	attrs["dur"] = 3 * time.Second
	attrs["p"] = p
	attrs["ok"] = ok
	attrs["c"] = c
	attrs["m"] = m
	attrs["ch"] = ch
	attrs["fn"] = fn
	attrs["e"] = e
	attrs["v"] = v
	attrs["q"] = q
	attrs["empty"] = struct{}{}
	attrs["nil"] = nil
	attrs["conv"] = int64(7)
}
