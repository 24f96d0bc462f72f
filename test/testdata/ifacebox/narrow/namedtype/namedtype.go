// Offered: values of a named type declared in this package (type ID string).
package namedtype

type ID string

func collect(ids []ID) bool {
	m := make(map[ID]any)
	for _, id := range ids {
		m[id] = id // want `storing id \(ID\) in a map\[ID\]any value allocates`
	}
	_, ok := m["x"].(ID)
	return ok
}
