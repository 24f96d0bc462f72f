// Package locals: locals and parameters are never reported (a dead local is not kept alive).
package locals

type T struct{ m map[string]int }

func Local() {
	m := make(map[string]int)
	m["a"] = 1
	clear(m)
}

func LocalLoop() {
	m := map[int]bool{1: true}
	for k := range m {
		delete(m, k)
	}
}

func Param(m map[string]int) {
	clear(m)
}

func ParamLoop(m map[int]int) {
	for k := range m {
		delete(m, k)
	}
}

func Result() (m map[string]int) {
	m = map[string]int{}
	clear(m)
	return
}

// A closure called only here dies with the function, and so does its capture.
func Closure() {
	m := map[string]int{}
	reset := func() { clear(m) }
	m["a"] = 1
	reset()
}

func ValueParam(t T) {
	clear(t.m)
}

func SliceLocal() {
	s := []int{1, 2}
	clear(s)
}
