// Not offered: a type switch on m[k] itself.
package notypeswitch

func describe(xs []string, k string) int {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	switch v := m[k].(type) {
	case string:
		return len(v)
	}
	return 0
}
