package closures

import "sync"

// Called only inside the function: the closure dies with it.
func LocalOnly() int {
	m := map[string]int{"a": 1}
	reset := func() { clear(m) }
	reset()
	return len(m)
}

// Handed to a go statement or a call: whether it outlives the function is not visible here.
func Background(done chan struct{}) {
	m := map[int]int{1: 1}
	go func() {
		clear(m)
		close(done)
	}()
}

func register(f func()) { f() }

func Registered() {
	m := map[int]int{}
	register(func() { clear(m) })
}

// Reassigned inside the closure: a size cap releases the old storage.
func Capped() func(string) {
	m := map[string]int{}
	return func(k string) {
		m[k]++
		if len(m) > 1000 {
			m = make(map[string]int)
		} else if k == "" {
			clear(m)
		}
	}
}

// Reassigned in the enclosing function after the closure was made.
func Reloaded(load func() map[string]int) func() {
	m := map[string]int{}
	f := func() { clear(m) }
	m = load()
	return f
}

func fill(p *map[string]int) { *p = map[string]int{"x": 1} }

// Its address is taken: the holder of the pointer may reassign it.
func Addressed() func() {
	m := map[string]int{}
	fill(&m)
	return func() { clear(m) }
}

// Declared inside the closure: a plain local of the closure.
func Inner() func() {
	return func() {
		m := map[int]int{1: 2}
		clear(m)
	}
}

// A parameter belongs to the caller.
func Wrap(m map[string]int) func() {
	return func() { clear(m) }
}

// The closure's own parameter shadows the local.
func Shadowed() func(map[string]int) {
	m := map[string]int{}
	_ = m
	return func(m map[string]int) { clear(m) }
}

// Returned from a literal that is itself only called here.
func Nested() {
	m := map[string]int{}
	make1 := func() func() { return func() { clear(m) } }
	make1()()
}

type holder struct{ reset func() }

// Stored in a field of a local struct value: it dies with the function.
func LocalField() {
	m := map[int]bool{}
	var h holder
	h.reset = func() { clear(m) }
	h.reset()
}

var pool = sync.Pool{New: func() any { return map[string]int{} }}

// Handed back to a sync.Pool after clearing: reuse is the point.
func Pooled() func() {
	m := pool.Get().(map[string]int)
	return func() {
		clear(m)
		pool.Put(m)
	}
}

// Not a map.
func Slice() func() {
	s := []int{1, 2, 3}
	return func() { clear(s) }
}
