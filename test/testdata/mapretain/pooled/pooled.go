// Package pooled: maps that go back to a sync.Pool are cleared to be reused.
package pooled

import "sync"

type Buf struct {
	seen map[string]bool
}

var bufPool = sync.Pool{New: func() any { return &Buf{seen: map[string]bool{}} }}

var mapPool sync.Pool

var scratch = map[string]int{}

func Release(b *Buf) {
	clear(b.seen)
	bufPool.Put(b)
}

func ReleaseLoop(b *Buf) {
	for k := range b.seen {
		delete(b.seen, k)
	}
	bufPool.Put(b)
}

func ReleaseMap() {
	clear(scratch)
	mapPool.Put(scratch)
}
