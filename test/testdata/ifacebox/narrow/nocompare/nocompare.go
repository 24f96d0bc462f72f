// Not offered: m[k] == "x" compares the interface value; not one of the allowed uses.
package nocompare

func has(xs []string) bool {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return m["a"] == "x"
}
