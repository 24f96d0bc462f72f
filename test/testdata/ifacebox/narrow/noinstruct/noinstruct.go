// Not offered: the map is stored in a struct field of type map[string]any.
package noinstruct

type holder struct {
	m map[string]any
}

func wrap(xs []string) holder {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	return holder{m: m}
}
