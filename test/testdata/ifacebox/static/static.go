package static

type point struct{ X, Y int }

var sink = map[string]any{}

const big = 1000

// Go 1.25 and later take constants through locals assigned once, and struct or array literals of
// constants, from read-only data (golang/go#71359); see docs/rules/ifacebox.md for the measurement.
func once() {
	v := 1000
	sink["v"] = v
	s := "hello"
	sink["s"] = s
	f := 2.5
	sink["f"] = f
	p := point{1, 2}
	sink["p"] = p
	sink["lit"] = point{1, 2}
	sink["arr"] = [2]int{big, big}
	sink["zero"] = point{}
	w := v
	sink["w"] = w
}

func reassigned(n int) {
	v := 1000
	if n > 5 {
		v = n
	}
	sink["v"] = v // want `storing v \(int\)`
	c := 1000
	c++
	sink["c"] = c // want `storing c \(int\)`
	a := 1000
	keep(&a)
	sink["a"] = a // want `storing a \(int\)`
	p := point{1, 2}
	p.X = n
	sink["p"] = p // want `storing p \(point\)`
	q := point{n, 2}
	sink["q"] = q               // want `convTnoptr`
	sink["mixed"] = point{n, 2} // want `convTnoptr`
}

func keep(*int) {}

func closures() func() {
	v := 1000
	sink["v"] = v // want `storing v \(int\)`
	return func() { v = 3 }
}
