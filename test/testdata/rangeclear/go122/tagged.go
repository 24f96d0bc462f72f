//go:build go1.23

// A //go:build go1.23 line raises this file's language version to 1.23.
package go122

import "sync"

func taggedSyncMap(m *sync.Map) {
	m.Range(func(k, _ any) bool { m.Delete(k); return true }) // want `m.Clear\(\) empties it`
}
