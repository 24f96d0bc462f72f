package broken

var m = map[string]int{}

func reset() {
	for k := range m {
		delete(m, k)
	}
	unused := 1
}

func drop() { m = nil }
