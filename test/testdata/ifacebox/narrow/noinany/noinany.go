// Not offered: the map is stored in an any variable.
package noinany

func boxed(xs []string) any {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	var box any = m
	return box
}
