// Package lookalikes: maps with per-key deletes that are fine. None is reported.
package lookalikes

import (
	"container/list"
	"sync"
	"time"
)

// A bounded cache: the cap is checked before each insert and evicts.
type Cache struct {
	capacity int
	items    map[string][]byte
	order    []string
}

func (c *Cache) Put(k string, v []byte) {
	if len(c.items) >= c.capacity {
		oldest := c.order[0]
		c.order = c.order[1:]
		delete(c.items, oldest)
	}
	c.items[k] = v
	c.order = append(c.order, k)
}

// An LRU bounded by its list's length.
type LRU struct {
	max   int
	ll    *list.List
	items map[string]*list.Element
}

func (l *LRU) Add(key string) {
	l.items[key] = l.ll.PushFront(key)
	if l.ll.Len() > l.max {
		e := l.ll.Back()
		l.ll.Remove(e)
		delete(l.items, e.Value.(string))
	}
}

// Rebuilt on a ticker.
type Snapshotter struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

func (s *Snapshotter) Saw(id string) {
	s.mu.Lock()
	s.seen[id] = time.Now()
	s.mu.Unlock()
}

func (s *Snapshotter) Forget(id string) {
	s.mu.Lock()
	delete(s.seen, id)
	s.mu.Unlock()
}

func (s *Snapshotter) run(t *time.Ticker) {
	for range t.C {
		s.mu.Lock()
		s.seen = make(map[string]time.Time)
		s.mu.Unlock()
	}
}

// Rebuilt when it drains.
type Waiters struct {
	byID map[uint64]chan struct{}
}

func (w *Waiters) Wait(id uint64) chan struct{} {
	ch := make(chan struct{})
	w.byID[id] = ch
	return ch
}

func (w *Waiters) Done(id uint64) {
	delete(w.byID, id)
	if len(w.byID) == 0 {
		w.byID = make(map[uint64]chan struct{})
	}
}

// An owner made per request: its map dies with it.
type Request struct {
	headers map[string]string
}

func (r *Request) Set(k, v string) { r.headers[k] = v }

func (r *Request) Del(k string) { delete(r.headers, k) }

// Filled and emptied by the same loop: it never holds more than one key.
type Dedup struct {
	cur map[string]bool
}

func (d *Dedup) Each(keys []string, f func(string)) {
	for _, k := range keys {
		d.cur[k] = true
		f(k)
		delete(d.cur, k)
	}
}

// A sync.Map: not a built-in map (the simulation does not model it).
type Conns struct{ m sync.Map }

func (c *Conns) Add(id string, v any) { c.m.Store(id, v) }

func (c *Conns) Drop(id string) { c.m.Delete(id) }

// Deleted from only during shutdown.
type Pool struct {
	workers map[int]chan struct{}
}

func (p *Pool) Start(n int) { p.workers[n] = make(chan struct{}) }

func (p *Pool) Close() {
	for id, ch := range p.workers {
		close(ch)
		delete(p.workers, id)
	}
}

// Keys from a fixed catalog of constants.
const (
	stateIdle = iota
	stateBusy
)

type Machine struct{ since map[int]time.Time }

func (m *Machine) enter(at time.Time) { m.since[stateBusy] = at }

func (m *Machine) leave() { delete(m.since, stateBusy) }

// Filled only by its constructor, from configuration.
type Router struct{ routes map[string]string }

func NewRouter(cfg map[string]string) *Router {
	r := &Router{routes: map[string]string{}}
	for k, v := range cfg {
		r.routes[k] = v
	}
	return r
}

func (r *Router) Remove(path string) { delete(r.routes, path) }

// Replaced on every configuration update.
type Limits struct{ perHost map[string]int }

func (l *Limits) Set(host string, n int) { l.perHost[host] = n }

func (l *Limits) Unset(host string) { delete(l.perHost, host) }

func (l *Limits) Update(next map[string]int) { l.perHost = next }

// A local map dies with its function.
func countOnce(words []string) int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	delete(m, "")
	return len(m)
}

// A protocol limit rejects streams past a maximum.
const maxStreams = 100

type Mux struct{ streams map[uint32]bool }

func (m *Mux) open(id uint32) bool {
	if len(m.streams) >= maxStreams {
		return false
	}
	m.streams[id] = true
	return true
}

func (m *Mux) closeStream(id uint32) { delete(m.streams, id) }

// Its address is taken: the holder may replace it.
type Indexer struct{ docs map[string]int }

func reset(m *map[string]int) { *m = map[string]int{} }

func (ix *Indexer) Add(id string, n int) { ix.docs[id] = n }

func (ix *Indexer) Remove(id string) { delete(ix.docs, id) }

func (ix *Indexer) Flush() { reset(&ix.docs) }

// The whole owner is replaced on reset.
type Stats struct{ byPeer map[string]int }

func (s *Stats) Inc(peer string) { s.byPeer[peer] = s.byPeer[peer] + 1 }

func (s *Stats) Drop(peer string) { delete(s.byPeer, peer) }

func (s *Stats) Reset() { *s = Stats{byPeer: map[string]int{}} }

// Only literal keys.
type Flags struct{ on map[string]bool }

func (f *Flags) enable() { f.on["debug"] = true }

func (f *Flags) disable() { delete(f.on, "debug") }

// A value receiver's copy: deleting from it is the caller's map, but storing through the
// pointer elsewhere makes no long-lived field here.
type View struct{ m map[string]int }

func (v View) without(k string) View {
	delete(v.m, k)
	return v
}

// A reference count: entries come and go with `++`/`--`, never by a store of a new value.
type Refs struct{ n map[string]int }

func (r *Refs) Acquire(k string) { r.n[k]++ }

func (r *Refs) Release(k string) {
	r.n[k]--
	if r.n[k] == 0 {
		delete(r.n, k)
	}
}

// The mapshrink fix itself: a peak counter and a rebuild at the delete. Rebuilt, so quiet.
type Fixed struct {
	conns     map[string]int
	connsPeak int
}

func (f *Fixed) add(id string) { f.conns[id] = 1 }

func (f *Fixed) remove(id string) {
	f.connsPeak = max(f.connsPeak, len(f.conns))
	delete(f.conns, id)
	if n := len(f.conns); f.connsPeak > 1024 && n <= f.connsPeak/4 {
		shrunk := make(map[string]int, n)
		for k, v := range f.conns {
			shrunk[k] = v
		}
		f.conns = shrunk
		f.connsPeak = n
	}
}

// A map recreated by a sweep that copies the survivors into a fresh map.
type Sweeper struct{ live map[uint64]time.Time }

func (s *Sweeper) touch(id uint64) { s.live[id] = time.Now() }

func (s *Sweeper) drop(id uint64) { delete(s.live, id) }

func (s *Sweeper) sweep(cutoff time.Time) {
	next := make(map[uint64]time.Time, len(s.live))
	for id, at := range s.live {
		if at.After(cutoff) {
			next[id] = at
		}
	}
	s.live = next
}
