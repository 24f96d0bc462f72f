// Not offered: var m map[string]any is declared without its value and assigned afterwards.
package novarnoinit

func fill(xs []string) int {
	var m map[string]any
	m = make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return len(m)
}
