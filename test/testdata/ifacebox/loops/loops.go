package loops

import "strconv"

var cache = map[string]any{}

func fill(xs []int, names []string) {
	for i, x := range xs {
		cache[strconv.Itoa(i)] = x // want warning `storing x \(int\)`
	}
	for i := 0; i < len(names); i++ {
		cache["name"] = names[i] // want warning `convTstring`
	}
	total := 0
	for _, x := range xs {
		total += x
	}
	cache["total"] = total // want hint `storing total \(int\)`
	for range xs {
		func() {
			cache["called"] = total // want warning `storing total \(int\)`
		}()
		go func(v int) {
			cache["goroutine"] = v // want warning `storing v \(int\)`
		}(total)
		defer func() {
			cache["deferred"] = total + 1 // want warning `storing total \+ 1 \(int\)`
		}()
	}
}

func callbacks(xs []int) []func() {
	var out []func() // closures stored here run whenever someone calls them
	for _, x := range xs {
		out = append(out, func() {
			cache["later"] = x // want hint `storing x \(int\)`
		})
	}
	return out
}

func header(n int) {
	for cache["n"] = n; len(cache) < 3; { // want hint `storing n \(int\)`
		cache[strconv.Itoa(len(cache))] = true
	}
}
