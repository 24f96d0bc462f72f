// A package with its own make and delete functions: neither is the builtin.
package shadowed

var cache = map[string]int{}

func make(n int) map[string]int { return map[string]int{} }

func resetWithOwnMake() {
	for k := range cache {
		delete(cache, k)
	}
}
