package go119

var sink = map[string]interface{}{}

func store(n int, s string, ptrs [80]*int) map[string]interface{} {
	sink["n"] = n       // want `8 B per store on Go 1\.19`
	sink["s"] = s       // want `convTstring, 16 B per store on Go 1\.19`
	sink["ptrs"] = ptrs // want `runtime\.convT, 640 B per store on Go 1\.19`
	v := 1000
	sink["v"] = v // want `storing v \(int\)`
	return map[string]interface{}{
		"n":   n, // want `storing n \(int\)`
		"one": 1,
	}
}
