package released

func Reload(next map[string]int) {
	fromOther = next
	swapped = map[string]int{"a": 1}
	reinit = map[string]int{}
}
