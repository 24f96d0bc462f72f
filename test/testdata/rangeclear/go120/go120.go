// Go 1.20 has no clear: only maps that can be replaced by a fresh one are reported.
package go120

import "sync"

var cache = map[string]int{}

type Cache map[string]int

type server struct {
	seen  Cache
	byKey map[float64]string
}

func resetCache() {
	for k := range cache { // want `for k := range cache \{ delete\(cache, k\) \}. empties cache but keeps its storage \(the compiler already compiles this loop to one map clear\); cache = make\(map\[string\]int\) lets the GC free its storage \(clear needs Go 1.21\)`
		delete(cache, k)
	}
}

func (s *server) reset() {
	for k := range s.seen { // want `s.seen = make\(Cache\) lets the GC free its storage`
		delete(s.seen, k)
	}
	for k := range s.byKey { // want `leaves NaN keys behind \(key type float64 is not reflexive\); s.byKey = make\(map\[float64\]string\) lets the GC free`
		delete(s.byKey, k)
	}
}

// A value receiver: s.seen = make(...) would only change the copy, so no fix and no finding.
func (s server) resetCopy() {
	for k := range s.seen {
		delete(s.seen, k)
	}
}

// A local struct: its map dies with it.
func localStruct() int {
	var s server
	s.seen = Cache{"a": 1}
	for k := range s.seen {
		delete(s.seen, k)
	}
	return len(s.seen)
}

func param(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}

func local() {
	m := map[string]int{"a": 1}
	for k := range m {
		delete(m, k)
	}
}

type scratch struct{ m map[string]int }

var scratches = &sync.Pool{New: func() interface{} { return &scratch{m: map[string]int{}} }}

func (s *scratch) done() {
	for k := range s.m {
		delete(s.m, k)
	}
	scratches.Put(s)
}

func syncMap(m *sync.Map) {
	m.Range(func(k, _ interface{}) bool { m.Delete(k); return true })
}
