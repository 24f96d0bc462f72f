// Offered: m == nil and m != nil comparisons do not block it.
package nilcheck

func count(words []string) int {
	m := make(map[string]any)
	if m == nil {
		return -1
	}
	for i, w := range words {
		m[w] = i // want `storing i \(int\) in a map\[string\]any value allocates`
	}
	if m != nil {
		return len(m)
	}
	return 0
}
