// Not offered: an exported struct field; other packages may use it as map[string]any.
package noexportedfield

type Span struct {
	Attrs map[string]any
}

func NewSpan(keys []string) *Span {
	s := &Span{Attrs: make(map[string]any)}
	for _, k := range keys {
		s.Attrs[k] = k // want `storing k \(string\) in a map\[string\]any value allocates`
	}
	return s
}
