// Not offered: the loop over the keys deletes from the map, so m[k] may be missing when the type
// switch runs, and its default case is live.
package notypeswitchdelete

func total(xs []string, drop string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	n := 0
	for k := range m {
		delete(m, drop)
		switch v := m[k].(type) {
		case string:
			n += len(v)
		default:
			n--
		}
	}
	return n
}
