package storage

func (r *remote) clearAll() {
	for k := range r.byName { // want `empties r.byName`
		delete(r.byName, k)
	}
	for k := range elsewhere { // want `empties elsewhere`
		delete(elsewhere, k)
	}
}
