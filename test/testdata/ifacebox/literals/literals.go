package literals

type point struct{ X, Y int }

type row map[string]any

func build(n int, s string, p *point) []map[string]any {
	m := map[string]any{
		"n":     n, // want `storing n \(int\) in a map\[string\]any value allocates: runtime\.convT64`
		"s":     s, // want `runtime\.convTstring`
		"p":     p,
		"lit":   "x",
		"count": 3,
		"pt":    point{n, n}, // want `runtime\.convTnoptr, 16 B per store`
	}
	r := row{"n": n} // want `storing n \(int\) in a row value allocates`
	nested := map[string]map[string]any{
		"inner": {"n": n}, // want `storing n \(int\)`
	}
	list := []map[string]any{
		{"s": s}, // want `convTstring`
		{"ok": true},
	}
	_, _ = r, nested
	return append(list, m)
}

func notMaps(n int, s string) ([]any, [2]any, map[any]int, map[string]int, point) {
	xs := []any{n, s}                // a slice of any: not a map store
	arr := [2]any{n, s}              // an array of any
	keys := map[any]int{n: 1}        // an interface key, a concrete value
	counts := map[string]int{"n": n} // a concrete value type
	return xs, arr, keys, counts, point{X: n, Y: n}
}
