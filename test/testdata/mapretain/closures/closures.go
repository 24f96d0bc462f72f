// Package closures: local maps captured by closures that outlive their function, emptied inside
// the closure and never reassigned. The closure keeps the variable, hence the map, alive.
package closures

import "sync"

// Returned directly. The clearing is m's only use, so the make fix is not offered (Go rejects a
// variable that is assigned and never used).
func NewReset() func() {
	m := map[string]int{}
	return func() {
		clear(m) // want `clear\(m\) empties m and keeps its bucket array \(Go ≤ 1\.23\) or its groups, tables and directory \(Go ≥ 1\.24\), sized for the most entries it held, for as long as the closure capturing it lives \(returned from NewReset\)`
	}
}

// Bound to a local that is returned.
func NewLoop() func() {
	seen := make(map[int]bool)
	seen[0] = true
	f := func() {
		for k := range seen { // want `this loop empties seen and keeps`
			delete(seen, k)
		}
	}
	return f
}

// Named results are what the function returns.
func NewCounter() (add func(string), reset func()) {
	counts := map[string]int{}
	add = func(k string) { counts[k]++ }
	reset = func() {
		clear(counts) // want `\(returned from NewCounter\)`
	}
	return add, reset
}

var onFlush func()

// Stored in a package variable.
func Install() {
	pending := map[string][]byte{}
	pending["boot"] = nil
	onFlush = func() {
		clear(pending) // want `\(stored in onFlush\)`
	}
}

type Server struct {
	mu    sync.Mutex
	flush func()
}

// Stored in a field through a pointer.
func (s *Server) Init() {
	buf := make(map[string][]byte, 64)
	buf["init"] = nil
	s.flush = func() {
		s.mu.Lock()
		clear(buf) // want `\(stored in s.flush\)`
		s.mu.Unlock()
	}
}

// A var declaration, and a second result.
func NewWithErr() (func(), error) {
	var index = map[int]string{0: "zero"}
	_ = index[0]
	var f = func() {
		clear(index) // want `empties index`
	}
	return f, nil
}

// The clearing is in a literal inside the returned one.
func NewNested() func() {
	m := map[string]bool{}
	m["a"] = true
	return func() {
		func() {
			clear(m) // want `empties m`
		}()
	}
}
