// Offered: untyped string constants (a literal element, a store of "") mixed with typed
// string stores.
package untypedconst

func label(xs []string) string {
	m := map[string]any{"default": "none"}
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	m["empty"] = ""
	return m["default"].(string)
}
