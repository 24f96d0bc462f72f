// Offered: make with a size hint keeps the hint; float64 stores.
package sizehint

func scale(keys []string, xs []float64) float64 {
	m := make(map[string]any, len(xs))
	for i, x := range xs {
		m[keys[i]] = x * 2 // want `storing x \* 2 \(float64\) in a map\[string\]any value allocates`
	}
	f, ok := m["a"].(float64)
	if !ok {
		return 0
	}
	return f
}
