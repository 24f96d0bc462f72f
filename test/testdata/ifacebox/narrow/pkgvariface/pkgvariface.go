// Offered: an unexported package-level literal spelled map[string]interface{}{}.
package pkgvariface

import "strconv"

var seen = map[string]interface{}{}

func mark(ns []int) {
	for _, n := range ns {
		seen[strconv.Itoa(n)] = strconv.Itoa(n * 2) // want `storing strconv\.Itoa\(n \* 2\) \(string\) in a map\[string\]interface\{\} value allocates`
	}
}

func twice(k string) (string, bool) {
	s, ok := seen[k].(string)
	return s, ok
}
