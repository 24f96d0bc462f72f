// Not offered: an untyped constant 0 does not convert to string, the type of the other stores.
package nountypedmismatch

func counts(xs []string) int {
	m := map[string]any{}
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	m["count"] = 0
	return len(m)
}
