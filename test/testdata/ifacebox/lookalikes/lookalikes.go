package lookalikes

import (
	"bytes"
	"sync"
)

// any is this package's own type, not the predeclared interface.
type any struct{ v int }

type holder struct {
	byName map[string]any
	counts map[string]int
	list   []interface{}
}

func ownAny(m map[string]any, n int) {
	m["n"] = any{n} // a struct value in a map of structs: no interface conversion
}

func concrete(h *holder, n int, s string) {
	h.counts["n"] = n
	h.counts["n"] += n
	h.list[0] = n // a slice element, not a map value
	var arr [4]interface{}
	arr[1] = s // an array element
	_ = arr
}

func shadowed(n int) {
	attrs := map[string]int{}
	{
		attrs := map[string]interface{}{}
		attrs["n"] = n // want `storing n \(int\) in a map\[string\]interface\{\} value allocates`
	}
	attrs["n"] = n // the outer map of ints
}

func otherPackages(m map[string]interface{}, buf *bytes.Buffer, sm *sync.Map, n int) {
	m["buf"] = buf       // a pointer
	m["b"] = *buf        // bytes.Buffer: its layout is not known here; reported only when the compiler confirms
	m["len"] = buf.Len() // a method of another package's type: not in the table, unknown
	sm.Store("n", n)     // sync.Map is not a map type
}

func interfaces(m map[string]interface{}, e error, r interface{ Read([]byte) (int, error) }, v interface{}) {
	m["e"] = e
	m["r"] = r
	m["v"] = v
	m["nested"] = m
}

func unknownTypes(m map[string]interface{}, f func() int) {
	m["call"] = f() // a func-typed value's result: not modelled
	x, y := twoResults()
	m["x"] = x // want `storing x \(int\)`
	m["y"] = y
}

func twoResults() (int, bool) { return 1, true }
