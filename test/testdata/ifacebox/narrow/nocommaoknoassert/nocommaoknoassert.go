// Not offered: v, ok := m[k] without an assertion; v is any.
package nocommaoknoassert

func get(xs []string, k string) (any, bool) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	v, ok := m[k]
	return v, ok
}
