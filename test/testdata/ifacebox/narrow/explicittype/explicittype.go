// Offered: var m map[string]any = make(map[string]any): both the declared type and the make.
package explicittype

func tally(xs []int64) int {
	var m map[string]any = make(map[string]any)
	for _, x := range xs {
		m["last"] = x // want `storing x \(int64\) in a map\[string\]any value allocates`
	}
	delete(m, "none")
	return len(m)
}
