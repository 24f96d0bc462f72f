// Offered: a fmt read inside a loop no deeper than the stores' loop.
package fmtsamedepth

import "fmt"

func report(xs []string) {
	m := make(map[int]any)
	for i, x := range xs {
		m[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
	}
	for i := range xs {
		fmt.Println(i, m[i])
	}
}
