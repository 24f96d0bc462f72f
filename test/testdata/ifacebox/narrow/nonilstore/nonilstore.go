// Not offered: a nil store.
package nonilstore

func marks(xs []string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	m["none"] = nil
	return len(m)
}
