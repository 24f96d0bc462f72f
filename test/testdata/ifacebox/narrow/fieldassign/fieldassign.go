// Offered: an unexported field made by s.attrs = make(...) in a method; int stores.
package fieldassign

import "strconv"

type span struct {
	name  string
	attrs map[string]any
}

func (s *span) reset() {
	s.attrs = make(map[string]any)
}

func (s *span) record(counts []int) {
	for i, c := range counts {
		s.attrs[s.name+strconv.Itoa(i)] = c // want `storing c \(int\) in a map\[string\]any value allocates`
	}
}

func (s *span) count(k string) int {
	return s.attrs[k].(int)
}
