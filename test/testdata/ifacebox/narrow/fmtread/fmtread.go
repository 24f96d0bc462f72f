// Offered: m[k] passed straight to fmt.Println and fmt.Printf outside any loop stays as is.
package fmtread

import "fmt"

func show(ids []int) {
	m := make(map[string]any)
	for _, id := range ids {
		m[fmt.Sprint(id)] = id // want `storing id \(int\) in a map\[string\]any value allocates`
	}
	fmt.Println(m["1"])
	fmt.Printf("%v %d\n", m["2"], len(m))
}
