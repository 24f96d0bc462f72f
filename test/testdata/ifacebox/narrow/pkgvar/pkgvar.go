// Offered: an unexported package-level var made with make; the plain assertion
// names[i].(string) becomes names[i].
package pkgvar

var names = make(map[int]any)

func fill(xs []string) {
	for i, x := range xs {
		names[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
	}
}

func lookup(i int) string {
	return names[i].(string)
}
