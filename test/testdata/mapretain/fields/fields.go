// Package fields: map struct fields emptied and never released.
package fields

import "sync"

type Cache struct {
	mu      sync.Mutex
	entries map[string][]byte
	hits    map[string]int
	inner   Inner
}

type Inner struct {
	index map[int]string
}

type Embedded struct {
	Inner
	name string
}

var global Cache

func New() *Cache {
	// A keyed composite literal initializes a new struct: not a release.
	return &Cache{entries: map[string][]byte{}, hits: make(map[string]int)}
}

func (c *Cache) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.entries) // want `clear\(c.entries\) empties c.entries and keeps its bucket array \(Go ≤ 1\.23\) or its groups, tables and directory \(Go ≥ 1\.24\), sized for the most entries it held, for as long as the struct holding it lives`
}

func (c *Cache) ResetHits() {
	for k := range c.hits { // want `this loop empties c.hits`
		delete(c.hits, k)
	}
}

func (c *Cache) ResetInner() {
	clear(c.inner.index) // want `empties c.inner.index`
}

func ResetGlobal() {
	clear(global.entries) // want `empties global.entries`
}

func (e *Embedded) ResetPromoted() {
	clear(e.index) // want `empties e.index`
}

func ResetVia(p *Cache) {
	for k := range p.hits { // want `this loop empties p.hits`
		delete(p.hits, k)
	}
}

type Other struct {
	hits map[string]int
}

// The address of Other.hits is taken, not of Cache.hits: Cache.hits stays reported above, and
// Other.hits, whose address is taken, is not.
func (o *Other) Renew() {
	p := &o.hits
	*p = map[string]int{}
}

func (o *Other) Reset() {
	clear(o.hits)
}
