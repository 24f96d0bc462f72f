// Offered for names only: mixed stores an int too, so only names is narrowed.
package twomaps

func split(xs []string, ns []int) (string, int) {
	names := make(map[int]any)
	mixed := make(map[int]any)
	for i, x := range xs {
		names[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
		mixed[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
	}
	for i, n := range ns {
		mixed[i] = n // want `storing n \(int\) in a map\[int\]any value allocates`
	}
	return names[0].(string), len(mixed)
}
