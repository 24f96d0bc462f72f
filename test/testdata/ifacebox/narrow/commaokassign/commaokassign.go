// Offered: the assignment form v, ok = m[k].(string) becomes v, ok = m[k].
package commaokassign

func first(xs, keys []string) string {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	var v string
	var ok bool
	for _, k := range keys {
		if v, ok = m[k].(string); ok {
			break
		}
	}
	return v
}
