package syncmap

import "sync"

func namedCallback(m *sync.Map, f func(k, v any) bool) {
	m.Range(f)
}

func deletesValue(m *sync.Map) {
	m.Range(func(k, v any) bool { m.Delete(v); return true })
}

func storesInstead(m *sync.Map) {
	m.Range(func(k, _ any) bool { m.Store(k, nil); return true })
}

func loadAndDelete(m *sync.Map) {
	m.Range(func(k, _ any) bool { m.LoadAndDelete(k); return true })
}

func typedParams(m *sync.Map) {
	m.Range(func(k, v any) bool {
		m.Delete(k)
		return k != nil
	})
}
