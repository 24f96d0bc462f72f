// Loop forms: which ones are the range-delete idiom, and which only look like it.
package forms

func declared(m map[string]int) {
	for k := range m { // want `for k := range m \{ delete\(m, k\) \}. empties m; clear\(m\) says so \(the compiler already compiles this loop to one map clear\)`
		delete(m, k)
	}
}

func blankValue(m map[string]int) {
	for k, _ := range m { // want `this loop empties m by deleting its keys one by one \(the compiler turns only .for k := range m`
		delete(m, k)
	}
}

func assigned(m map[string]int) string {
	var k string
	for k = range m { // want `this loop empties m by deleting its keys one by one`
		delete(m, k)
	}
	return k
}

// Removing this loop would leave k declared and not used: no fix, so no finding.
func assignedOnlyHere(m map[string]int) {
	var k string
	for k = range m {
		delete(m, k)
	}
}

func parenthesized(m map[string]int) {
	for k := range m { // want `empties m; clear\(m\) says so`
		delete((m), k)
	}
}

func local() int {
	m := make(map[string]int, 8)
	m["a"] = 1
	for key := range m { // want `for key := range m \{ delete\(m, key\) \}. empties m`
		delete(m, key)
	}
	return len(m)
}

func commented(m map[string]int) {
	for k := range m { // want `empties m`
		// Forget everything we saw.
		delete(m, k) // one by one
	}
}

func withValueAssigned(m map[string]int) int {
	var k string
	var v int
	for k, v = range m {
		delete(m, k)
	}
	return v + len(k)
}

func otherStatement(m map[string]int) int {
	n := 0
	for k := range m {
		delete(m, k)
		n++
	}
	return n
}

func conditional(m map[string]int) {
	for k, v := range m {
		if v > 0 {
			delete(m, k)
		}
	}
}

func evictOne(m map[string]int) {
	for k := range m {
		delete(m, k)
		return
	}
}

func evictOneBreak(m map[string]int) {
	for k := range m {
		delete(m, k)
		break
	}
}

func otherKey(m map[int]int) {
	for k := range m {
		delete(m, k+1)
	}
}

func otherVariable(m map[string]int, last string) {
	for k := range m {
		delete(m, last)
		_ = k
	}
}

func otherMap(a, b map[string]int) {
	for k := range a {
		delete(b, k)
	}
}

func overSlice(s []int, m map[int]bool) {
	for i := range s {
		delete(m, i)
	}
}

func get() map[string]int { return nil }

func overCall() {
	for k := range get() {
		delete(get(), k)
	}
}

func overIndex(ms []map[string]int) {
	for k := range ms[0] {
		delete(ms[0], k)
	}
}

func deleteInClosure(m map[string]int) {
	for k := range m {
		func() { delete(m, k) }()
	}
}
