// Not offered: the map is assigned to another variable.
package noaliased

func alias(xs []string) int {
	m := make(map[string]any)
	other := m
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return len(other)
}
