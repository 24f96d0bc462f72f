// Package oracle holds the cases of the ifacebox oracle (test/ifacebox-oracle.test.ts): each
// niladic func caseXxx performs exactly one store of a value into a map whose value type is an
// interface (the After half of each narrowing pair, narrow.go, stores into the narrowed map
// instead, and must not allocate). The test compiles this package with real Go toolchains and
// checks with testing.AllocsPerRun that every store the rule reports allocates and every store it
// classifies as not allocating does not.
//
// The inputs are package-level variables, so the compiler cannot fold them into constants, and
// their values defeat the runtime's exceptions (runtime/iface.go: convT16, convT32 and convT64
// return &staticuint64s[v] for a bit pattern below 256, convTstring returns &zeroVal[0] for "",
// convTslice for a nil slice): integers of at least 256 or negative, the float 1.5, non-empty
// strings, non-nil slices. A static verdict "allocates" is a claim about such values; the same
// store fed 7 or "" would not allocate, and a case must not test that.
package oracle

import (
	"io"
	"unsafe"
)

// The sinks stay reachable through Sinks, so no store is dead.
var (
	sink     = map[string]any{}
	sinkI    = map[string]interface{}{}
	byNumber = map[int]any{}
	errs     = map[string]error{}
	names    = map[string]stringer{}
	litSink  map[string]any
	bagSink  = bag{}
	holder   = struct{ m map[string]any }{m: map[string]any{}}
)

type bag map[string]interface{}

type stringer interface{ String() string }

// Sinks returns every map the cases store into.
func Sinks() []any {
	return []any{sink, sinkI, byNumber, errs, names, litSink, bagSink, holder.m}
}

var (
	big          = 100000
	neg          = -1
	big64  int64 = 1 << 40
	ubig   uint64
	f              = 1.5
	f32    float32 = 2.5
	word           = "hello"
	euro           = "€" // one rune, U+20AC = 8364
	bs             = []byte("abc")
	words          = []string{"a", "b"}
	bigs           = []int{100000}
	long           = make([]byte, 300)
	i16    int16   = 1000
	i32    int32   = 100000
	flag           = true
	b1     byte    = 200
	i8     int8    = -100
	origin         = point{1, 2}
	pp             = &origin
	counts         = map[string]int{}
	ch             = make(chan int)
	errEOF         = io.EOF
	boxed  any     = 100000
	raw            = unsafe.Pointer(&big)
	temp           = celsius(300)
	c              = counter{n: 100000}
	errPtr         = &codeError{1}
)

func init() { ubig = 1 << 50 }

type point struct{ X, Y int }

type triple struct{ X, Y, Z int }

type ptrAndInt struct {
	P *int
	N int
}

type onePtr struct{ p *int }

type oneString struct{ s string }

type oneBool struct{ ok bool }

type celsius int

type counter struct{ n int }

func (c counter) value() int      { return c.n }
func (c counter) positive() bool  { return c.n > 0 }
func (c counter) String() string  { return "counter" }
func (p *point) String() string   { return "point" }
func (c celsius) String() string  { return "celsius" }
func current() *point             { return &origin }
func half(n int) int              { return n / 2 }
func describe(p point) string     { return word }
func pair(a, b int) (int, string) { return a + b, word }
