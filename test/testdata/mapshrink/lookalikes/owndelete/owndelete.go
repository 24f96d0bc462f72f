package owndelete

// The package's own delete: not the builtin.
type table struct{ rows map[string]int }

func delete(t *table, k string) { t.rows[k] = 0 }

func (t *table) put(k string) { t.rows[k] = 1 }

func (t *table) drop(k string) { delete(t, k) }
