// Go 1.22 has clear but not sync.Map.Clear.
package go122

import "sync"

func loop(m map[string]int) {
	for k := range m { // want `empties m; clear\(m\) says so`
		delete(m, k)
	}
}

func syncMap(m *sync.Map) {
	m.Range(func(k, _ any) bool { m.Delete(k); return true })
}
