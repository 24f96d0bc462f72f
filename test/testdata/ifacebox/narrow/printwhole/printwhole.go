// Offered: the whole map is printed with fmt.Println, which prints the values inside the
// interfaces: the same text for map[string]any holding strings and for map[string]string.
package printwhole

import "fmt"

func show(xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	fmt.Println(m)
}
