// sync.Map: Range with a Delete of every key is Clear (Go 1.23).
package syncmap

import (
	"sync"
	s2 "sync"
)

var sessions sync.Map

type registry struct {
	byName *s2.Map
	plain  sync.Map
}

func resetSessions() {
	sessions.Range(func(k, _ any) bool { sessions.Delete(k); return true }) // want `this Range call deletes every key of sessions one by one; sessions.Clear\(\) empties it in one call`
}

func (r *registry) reset() {
	r.byName.Range(func(key, value interface{}) bool { // want `deletes every key of r.byName`
		r.byName.Delete(key)
		return true
	})
	// Keep the comment.
	r.plain.Range(func(k, v any) bool { // want `deletes every key of r.plain`
		// every key
		r.plain.Delete(k)
		return true
	})
}

func local() {
	m := new(sync.Map)
	m.Store("a", 1)
	m.Range(func(k, _ any) bool { m.Delete(k); return true }) // want `deletes every key of m`
}

func stopsEarly(m *sync.Map) {
	m.Range(func(k, _ any) bool { m.Delete(k); return false })
}

func conditional(m *sync.Map) {
	m.Range(func(k, v any) bool {
		if v == nil {
			m.Delete(k)
		}
		return true
	})
}

func otherKey(m *sync.Map, last any) {
	m.Range(func(k, _ any) bool { m.Delete(last); return true })
}

func moreStatements(m *sync.Map, n *int) {
	m.Range(func(k, _ any) bool {
		m.Delete(k)
		*n++
		return true
	})
}

func otherMap(a, b *sync.Map) {
	a.Range(func(k, _ any) bool { b.Delete(k); return true })
}

// A type of our own with the same method names is not a sync.Map.
type table struct{ m map[any]any }

func (t *table) Range(f func(k, v any) bool) {
	for k, v := range t.m {
		if !f(k, v) {
			return
		}
	}
}

func (t *table) Delete(k any) { delete(t.m, k) }

func notSyncMap(t *table) {
	t.Range(func(k, _ any) bool { t.Delete(k); return true })
}
