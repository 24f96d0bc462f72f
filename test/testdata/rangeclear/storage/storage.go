// Where the map lives decides the fixes: package-level variables and fields may also be
// replaced by a fresh map; parameters, locals and pooled maps may not.
package storage

import "sync"

var cache = map[string]int{}

var byID map[int]string

type Cache map[string]int

var named Cache

var sized = make(map[string][]byte, 64)

type server struct {
	cache map[string]int
	stats *stats
	named Cache
}

type stats struct {
	counts map[string]int
}

type outer struct {
	s server
}

type wrapper struct {
	server
}

func resetPackage() {
	for k := range cache { // want `empties cache; clear\(cache\) says so`
		delete(cache, k)
	}
	for k := range byID { // want `empties byID`
		delete(byID, k)
	}
	for k := range named { // want `empties named`
		delete(named, k)
	}
	for k := range sized { // want `empties sized`
		delete(sized, k)
	}
}

func (s *server) reset() {
	for k := range s.cache { // want `empties s.cache; clear\(s.cache\) says so`
		delete(s.cache, k)
	}
	for k := range s.named { // want `empties s.named`
		delete((s.named), k)
	}
}

func (s server) resetValue() {
	for k := range s.stats.counts { // want `empties s.stats.counts`
		delete(s.stats.counts, k)
	}
}

func (o *outer) reset() {
	for k := range o.s.stats.counts { // want `empties o.s.stats.counts`
		delete(o.s.stats.counts, k)
	}
}

func (w *wrapper) reset() {
	for k := range w.cache { // want `empties w.cache`
		delete(w.cache, k)
	}
}

// A local named like the package variable shadows it: its float keys decide the message.
func shadowed() {
	cache := map[float64]int{1: 1}
	for k := range cache { // want `deletes the keys of cache one by one and leaves NaN keys behind \(key type float64 is not reflexive`
		delete(cache, k)
	}
}

// The nearest declaration before the loop wins.
func shadowedInBlock(m map[string]int) {
	if len(m) > 0 {
		m := map[complex64]bool{}
		for k := range m { // want `key type complex64 is not reflexive`
			delete(m, k)
		}
	}
	for k := range m { // want `the compiler already compiles this loop`
		delete(m, k)
	}
}

// Shadowed by a parameter of another type.
func shadowParam(cache map[any]int) {
	for k := range cache { // want `leaves NaN keys behind \(key type any is not reflexive`
		delete(cache, k)
	}
}

type buffer struct {
	seen map[string]bool
}

var buffers = sync.Pool{New: func() any { return &buffer{seen: map[string]bool{}} }}

func (b *buffer) reset() {
	for k := range b.seen { // want `empties b.seen`
		delete(b.seen, k)
	}
}

func release(b *buffer) {
	b.reset()
	buffers.Put(b)
}

func fromPool() {
	m := buffers.Get().(*buffer).seen
	for k := range m { // want `empties m`
		delete(m, k)
	}
}
