// Offered: an unexported field initialized with a map literal in a composite literal of a
// local struct value.
package fieldliteral

type cache struct {
	entries map[int]any
}

func build(xs []int64) int64 {
	c := cache{entries: map[int]any{}}
	for i, x := range xs {
		c.entries[i] = x + 1 // want `storing x \+ 1 \(int64\) in a map\[int\]any value allocates`
	}
	v, ok := c.entries[0].(int64)
	if !ok {
		return -1
	}
	return v
}
