// Offered: a local map literal with int64 stores; len, delete and clear stay as they are.
package int64literal

func sizes(xs []int64) int {
	m := map[int]any{}
	for i, x := range xs {
		m[i] = x // want `storing x \(int64\) in a map\[int\]any value allocates`
	}
	delete(m, 0)
	n := len(m)
	clear(m)
	return n
}
