// Package cache shows the map patterns go-mapleak reports.
package cache

import "sync"

// sessions lives as long as the program: emptying it keeps its buckets.
var sessions = map[string][]byte{}

// Store is a long-lived cache.
type Store struct {
	mu      sync.Mutex
	entries map[string]int
	seen    sync.Map
}

// Add remembers a session.
func Add(id string, data []byte) { sessions[id] = data }

// Reset empties the session table after a spike. The loop keeps every bucket the spike grew.
func Reset() {
	for id := range sessions {
		delete(sessions, id)
	}
}

// Flush empties the store's entries.
func (s *Store) Flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.entries {
		delete(s.entries, k)
	}
	s.seen.Range(func(k, _ any) bool {
		s.seen.Delete(k)
		return true
	})
}

// Scores tallies within one call; the local map dies with the call.
func Scores(words []string) int {
	counts := make(map[string]int, len(words))
	for _, w := range words {
		counts[w]++
	}
	n := len(counts)
	for w := range counts {
		delete(counts, w)
	}
	return n
}

// Weights uses float keys: the delete loop cannot remove NaN keys, clear can.
func Weights(ws map[float64]int) {
	for w := range ws {
		delete(ws, w)
	}
}

// Evict removes one entry: not a clearing loop, not reported.
func Evict(m map[string]int) {
	for k := range m {
		delete(m, k)
		break
	}
}
