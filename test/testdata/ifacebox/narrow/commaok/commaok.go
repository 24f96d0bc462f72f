// Offered: a local make(map[string]any) whose every store is a string; the comma-ok
// assertion read loses its assertion.
package commaok

func index(names []string) (string, bool) {
	m := make(map[string]any)
	for _, name := range names {
		m[name] = name // want `storing name \(string\) in a map\[string\]any value allocates`
	}
	v, ok := m["root"].(string)
	return v, ok
}
