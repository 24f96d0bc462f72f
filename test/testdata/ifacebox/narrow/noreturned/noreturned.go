// Not offered: the map is returned as map[string]any.
package noreturned

func attrs(xs []string) map[string]any {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return m
}
