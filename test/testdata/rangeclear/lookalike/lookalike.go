// Loops that look like the range-delete idiom but do something else: none is reported.
package lookalike

type holder struct {
	a, b map[string]int
}

func assignInstead(m map[string]int) {
	for k := range m {
		m[k] = 0
	}
}

func twoDeletes(m map[string]int) {
	for k := range m {
		delete(m, k)
		delete(m, k)
	}
}

func nestedInBlock(m map[string]int) {
	for k := range m {
		{
			delete(m, k)
		}
	}
}

func deferred(m map[string]int) {
	for k := range m {
		defer delete(m, k)
	}
}

func thenContinue(m map[string]int) {
	for k := range m {
		delete(m, k)
		continue
	}
}

func emptyBody(m map[string]int) {
	for k := range m {
		_ = k
	}
}

func labeled(m map[string]int) {
outer:
	for k := range m {
		delete(m, k)
		continue outer
	}
}

func sameFieldOtherValue(s, t *holder) {
	for k := range s.a {
		delete(t.a, k)
	}
}

func otherField(s *holder) {
	for k := range s.a {
		delete(s.b, k)
	}
}

func aliasVariable(m map[string]int) {
	n := m
	for k := range m {
		delete(n, k)
	}
}

func overInt(m map[int]bool) {
	for i := range 10 {
		delete(m, i)
	}
}

func overString(m map[int]bool) {
	for i := range "abc" {
		delete(m, i)
	}
}

func overChan(ch chan string, m map[string]bool) {
	for k := range ch {
		delete(m, k)
	}
}

func overArray(arr [4]int, m map[int]bool) {
	for k := range arr {
		delete(m, k)
	}
}

func convertedKey(m map[string]int) {
	for k := range m {
		delete(m, string(k[:1]))
	}
}

func (s *holder) get() map[string]int { return s.a }

func overMethod(s *holder) {
	for k := range s.get() {
		delete(s.get(), k)
	}
}

func throughPointer(p *map[string]int) {
	for k := range *p {
		delete(*p, k)
	}
}

func keysFromSlice(m map[string]int, keys []string) {
	for _, k := range keys {
		delete(m, k)
	}
}

func countingLoop(m map[int]int, n int) {
	for k := 0; k < n; k++ {
		delete(m, k)
	}
}

func valueAsKey(m map[string]string) {
	for k, v := range m {
		delete(m, v)
		_ = k
	}
}
