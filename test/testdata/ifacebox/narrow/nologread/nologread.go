// Not offered: m[k] passed to log.Println, which is not one of the fmt functions.
package nologread

import "log"

func show(xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	log.Println(m["a"])
}
