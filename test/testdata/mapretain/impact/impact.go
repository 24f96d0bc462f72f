// Package impact: when emptying a long-lived map keeps memory that matters. A warning needs a
// leak's evidence; reuse by design is a hint; end of life is no finding.
package impact

import "sync"

// sessions is filled by Add from its callers' input and only ever emptied whole: after a burst it
// keeps the burst's storage.
var sessions = map[string][]byte{}

func Add(id string, data []byte) { sessions[id] = data }

func Expire() {
	clear(sessions) // want warning `clear\(sessions\) empties sessions but nothing in the package releases it, and it grows with its input.*after a spike to 1,000,000`
}

// Registry lives as long as the program: the package variable holds it.
type Registry struct {
	mu    sync.Mutex
	conns map[int64]string
}

var registry = &Registry{conns: map[int64]string{}}

func (r *Registry) Track(id int64, addr string) {
	r.mu.Lock()
	r.conns[id] = addr
	r.mu.Unlock()
}

func (r *Registry) Forget() {
	clear(r.conns) // want warning `held by the package-level variable registry`
}

// A reset method readies its owner for the next use: reuse by design.
type Builder struct{ seen map[string]bool }

func (b *Builder) Add(k string) { b.seen[k] = true }

func (b *Builder) Reset() {
	clear(b.seen) // want hint `emptied in the method Reset\(\), which readies its owner for the next use`
}

// Emptied at the end of its owner's life: dropping the owner frees it anyway. No finding.
type Server struct{ peers map[string]int }

func (s *Server) Connect(name string) { s.peers[name]++ }

func (s *Server) Close() error {
	clear(s.peers)
	return nil
}

// A per-call scratch map refilled right after it is emptied.
type Picker struct{ scratch map[int]struct{} }

func (p *Picker) Pick(ids []int) map[int]struct{} {
	clear(p.scratch) // want hint `refilled right after`
	for _, id := range ids {
		p.scratch[id] = struct{}{}
	}
	return p.scratch
}

// A batch: its contents written out, then emptied for the next batch.
type Batcher struct{ pending map[string]int }

func (b *Batcher) Put(k string, n int) { b.pending[k] += n }

func (b *Batcher) flush(write func(string, int)) {
	for k, n := range b.pending {
		write(k, n)
	}
	clear(b.pending) // want hint `emptied after its contents are used: a batch`
}

// A cache emptied when it reaches its cap: what it keeps is bounded by the cap.
type Cache struct{ items map[string]string }

func (c *Cache) Put(k, v string) {
	if len(c.items) >= 1024 {
		clear(c.items) // want hint `emptied when len\(c.items\) >= 1024`
	}
	c.items[k] = v
}

// Made with a size hint: its storage is sized for that from the start.
var counts = make(map[string]int, 4096)

func Count(word string) { counts[word]++ }

func Rotate() {
	clear(counts) // want hint `made with a size hint \(4,096\)`
}

// Shrunk key by key elsewhere: its size is managed, the code does not say how large it grows.
var inflight = map[uint64]string{}

func Begin(id uint64, what string) { inflight[id] = what }
func End(id uint64)                { delete(inflight, id) }

func Abandon() {
	clear(inflight) // want hint `it is also shrunk key by key`
}
