// Not offered: an exported package-level var.
package noexportedvar

var Names = make(map[int]any)

func Fill(xs []string) {
	for i, x := range xs {
		Names[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
	}
}
