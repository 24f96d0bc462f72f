// Key types: the compiler clears maps with reflexive keys in one call; floats, complex numbers,
// interfaces and composites holding them are deleted key by key and keep their NaN keys.
package keys

import (
	"net/netip"
	"time"
)

type Key float64

type Shape interface{ Area() float64 }

type point struct{ X, Y float64 }

type id struct {
	n    int
	name string
}

type nested struct {
	p   point
	tag string
}

func strings(m map[string]bool) {
	for k := range m { // want `the compiler already compiles this loop to one map clear`
		delete(m, k)
	}
}

func ints(m map[int64]struct{}) {
	for k := range m { // want `the compiler already compiles this loop`
		delete(m, k)
	}
}

func floats(m map[float64]int) {
	for k := range m { // want `deletes the keys of m one by one and leaves NaN keys behind \(key type float64 is not reflexive\); clear\(m\) removes every key`
		delete(m, k)
	}
}

func float32s(m map[float32]int) {
	for k := range m { // want `leaves NaN keys behind \(key type float32 is not reflexive`
		delete(m, k)
	}
}

func namedFloat(m map[Key]string) {
	for k := range m { // want `leaves NaN keys behind \(key type Key is not reflexive\)`
		delete(m, k)
	}
}

func complexes(m map[complex128]int) {
	for k := range m { // want `leaves NaN keys behind`
		delete(m, k)
	}
}

func interfaces(m map[interface{}]int) {
	for k := range m { // want `leaves NaN keys behind \(key type interface\{\} is not reflexive`
		delete(m, k)
	}
}

func anys(m map[any]int) {
	for k := range m { // want `leaves NaN keys behind \(key type any is not reflexive`
		delete(m, k)
	}
}

func errors(m map[error]int) {
	for k := range m { // want `leaves NaN keys behind`
		delete(m, k)
	}
}

func shapes(m map[Shape]int) {
	for k := range m { // want `leaves NaN keys behind`
		delete(m, k)
	}
}

func points(m map[point]int) {
	for k := range m { // want `leaves NaN keys behind \(key type point is not reflexive`
		delete(m, k)
	}
}

func nestedPoints(m map[nested]int) {
	for k := range m { // want `leaves NaN keys behind`
		delete(m, k)
	}
}

func arrays(m map[[2]float64]int) {
	for k := range m { // want `leaves NaN keys behind`
		delete(m, k)
	}
}

func ids(m map[id]int) {
	for k := range m { // want `the compiler already compiles this loop`
		delete(m, k)
	}
}

func durations(m map[time.Duration]int) {
	for k := range m { // want `the compiler already compiles this loop`
		delete(m, k)
	}
}

func addrs(m map[netip.Addr]int) {
	for k := range m { // want `deletes every key of m, except NaN keys if its key type \(unknown here\) holds floats or interfaces; clear\(m\) removes every key`
		delete(m, k)
	}
}

func generic[K comparable, V any](m map[K]V) {
	for k := range m { // want `except NaN keys if its key type \(unknown here\)`
		delete(m, k)
	}
}
