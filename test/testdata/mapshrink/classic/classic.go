// Package classic: the same shapes on a Go 1.22 module (classic hmap): maps.Clone sizes its copy
// for the current count there (runtime.mapclone2), and deletes still never shrink the map.
package classic

import (
	"maps"
	"sync"
)

type Broker struct {
	mu   sync.Mutex
	subs map[string]chan []byte
}

func (b *Broker) Subscribe(id string) chan []byte {
	ch := make(chan []byte, 1)
	b.mu.Lock()
	b.subs[id] = ch
	b.mu.Unlock()
	return ch
}

func (b *Broker) Unsubscribe(id string) {
	b.mu.Lock()
	delete(b.subs, id) // want warning `b\.subs gains a key per unit of work.*Go maps never shrink`
	b.mu.Unlock()
}

// On this runtime the clone is a rebuild, so Table is not reported for its deletes.
type Table struct{ rows map[int64][]byte }

func (t *Table) Put(id int64, row []byte) { t.rows[id] = row }

func (t *Table) Remove(id int64) { delete(t.rows, id) }

func (t *Table) Compact() {
	t.rows = maps.Clone(t.rows) // want hint `shrinks the map on Go 1\.21-1\.24 only`
}
