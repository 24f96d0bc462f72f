// Not offered: v := m[k] reads into an any variable that is type-switched later.
package noanyvar

func kind(xs []string, k string) string {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	v := m[k]
	switch v.(type) {
	case string:
		return "string"
	}
	return "other"
}
