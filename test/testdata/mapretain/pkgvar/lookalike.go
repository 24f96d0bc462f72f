package pkgvar

var list = []int{1, 2, 3}

var notCleared = map[string]int{}

var partly = map[string]int{}

var other = map[string]int{}

func ClearSlice() {
	clear(list) // a slice: not a map
}

func DeleteOne(k string) {
	delete(notCleared, k)
}

func DeleteSome() {
	for k := range partly {
		if k != "" {
			delete(partly, k)
		}
	}
}

func DeleteFromOther() {
	for k := range partly {
		delete(other, k)
	}
}

func ClearLocalCopy() {
	m := map[string]int{"a": 1}
	clear(m)
}

func ClearParam(m map[string]int) {
	clear(m)
}

func RangeParam(m map[string]int) {
	for k := range m {
		delete(m, k)
	}
}

func NamedResult() (m map[string]int) {
	m = map[string]int{"a": 1}
	clear(m)
	return m
}

func ShadowedLocal() {
	sessions := map[string]int{}
	clear(sessions)
}
