// Not offered: the map is re-assigned later with m = make(...).
package noreassigned

func batches(xs []string) int {
	m := make(map[string]any)
	n := 0
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
		if len(m) > 10 {
			n += len(m)
			m = make(map[string]any)
		}
	}
	return n + len(m)
}
