// Offered: an unexported field of a struct declared in this file, made in a composite
// literal: the field type and the make change.
package field

type registry struct {
	attrs map[string]any
}

func newRegistry() *registry {
	return &registry{attrs: make(map[string]any)}
}

func (r *registry) add(keys []string) {
	for _, k := range keys {
		r.attrs[k] = k // want `storing k \(string\) in a map\[string\]any value allocates`
	}
}

func (r *registry) get(k string) string {
	s, _ := r.attrs[k].(string)
	return s
}
