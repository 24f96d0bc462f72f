// Not offered: the unexported field is set from a parameter, not made in this file.
package nofieldfromparam

type span struct {
	attrs map[string]any
}

func newSpan(attrs map[string]any) *span {
	return &span{attrs: attrs}
}

func (s *span) add(keys []string) {
	for _, k := range keys {
		s.attrs[k] = k // want `storing k \(string\) in a map\[string\]any value allocates`
	}
}
