// Package old: a Go 1.20 module has no max builtin, so the rebuild fix tracks the peak with an if.
package old

import "sync"

var (
	mu      sync.Mutex
	pending = map[uint64]chan error{}
)

func await(id uint64) chan error {
	ch := make(chan error, 1)
	mu.Lock()
	pending[id] = ch
	mu.Unlock()
	return ch
}

func complete(id uint64, err error) {
	mu.Lock()
	defer mu.Unlock()
	if ch, ok := pending[id]; ok {
		ch <- err
		delete(pending, id) // want warning `pending is a package-level variable`
	}
}
