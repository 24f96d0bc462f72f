// Offered: a type switch on m[k] whose key ranges over m: the entry is there and every value is
// a string, so only its string case is live, and the switch becomes that case.
package typeswitchrange

func total(xs []string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	n := 0
	for k := range m {
		switch v := m[k].(type) {
		case string:
			// the length of each name
			n += len(v)
		default:
			n--
		}
	}
	return n
}
