// Not offered: the map is a parameter, not declared with its value in the function.
package noparam

func fill(m map[string]any, xs []string) {
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
}

func first(m map[string]any) string {
	s, _ := m["a"].(string)
	return s
}
