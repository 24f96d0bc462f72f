// Not offered: a fmt read inside a loop nested deeper than every store.
package nofmtnested

import "fmt"

func report(xs []string, rows [][]int) {
	m := make(map[int]any)
	for i, x := range xs {
		m[i] = x // want `storing x \(string\) in a map\[int\]any value allocates`
	}
	for _, row := range rows {
		for _, i := range row {
			fmt.Println(m[i])
		}
	}
}
