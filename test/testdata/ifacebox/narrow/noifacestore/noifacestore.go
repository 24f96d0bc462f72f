// Not offered: one store stores an error value; not every store stores string.
package noifacestore

func record(xs []string, err error) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	m["err"] = err
	return len(m)
}
