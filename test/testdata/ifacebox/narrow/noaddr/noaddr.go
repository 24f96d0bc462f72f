// Not offered: the address of the map variable is taken.
package noaddr

func fill(xs []string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	reset(&m)
	return len(m)
}

func reset(p *map[string]any) { *p = nil }
