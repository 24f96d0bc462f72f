// Not offered: the map is stored in a sync.Map.
package nosyncmap

import "sync"

var registry sync.Map

func register(name string, xs []string) {
	m := make(map[string]any)
	for _, x := range xs {
		m[x] = x // want `storing x \(string\) in a map\[string\]any value allocates`
	}
	registry.Store(name, m)
}
