// Not offered: the whole map is passed to fmt.Println (its printed form would change).
package noprintwhole

import "fmt"

func show(xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	fmt.Println(m)
}
