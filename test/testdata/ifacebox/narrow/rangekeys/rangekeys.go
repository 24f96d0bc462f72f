// Offered: ranges over the keys only (for k := range m, for range m) do not block it.
package rangekeys

func keys(xs []string) []string {
	m := map[string]any{}
	for _, x := range xs {
		m[x] = x + "!" // want `storing x \+ "!" \(string\) in a map\[string\]any value allocates`
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	n := 0
	for range m {
		n++
	}
	return out[:n]
}
