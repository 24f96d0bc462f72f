// Not offered: the whole map is printed with %#v, which spells its type (map[string]interface {}
// before, map[string]string after): the output would change.
package noprintwhole

import "fmt"

func show(xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	fmt.Printf("%#v\n", m)
}
