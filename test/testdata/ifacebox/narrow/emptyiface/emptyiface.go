// Offered: var m = make(map[string]interface{}), the interface{} spelling, in a function.
package emptyiface

import "strings"

func upper(words []string) int {
	var m = make(map[string]interface{})
	for _, w := range words {
		m[w] = strings.ToUpper(w) // want `storing strings\.ToUpper\(w\) \(string\) in a map\[string\]interface\{\} value allocates`
	}
	return len(m)
}
