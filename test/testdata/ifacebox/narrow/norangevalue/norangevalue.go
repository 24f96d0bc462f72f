// Not offered: for k, v := range m ranges over the values, which are any.
package norangevalue

import "fmt"

func dump(xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	for k, v := range m {
		fmt.Println(k, v)
	}
}
