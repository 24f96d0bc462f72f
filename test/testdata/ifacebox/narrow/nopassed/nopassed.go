// Not offered: the map is passed to a function that takes map[string]any.
package nopassed

func fill(xs []string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return size(m)
}

func size(m map[string]any) int { return len(m) }
