// Not offered: an assertion to int while every store stores a string.
package nootherassert

func num(xs []string) (int, bool) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	n, ok := m["n"].(int)
	return n, ok
}
