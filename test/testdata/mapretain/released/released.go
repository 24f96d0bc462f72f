// Package released: maps emptied here but released somewhere in the package.
package released

var capped = map[string]int{}

var nilled = map[string]int{}

var reinit map[string]int

var fromOther = map[string]int{}

var swapped = map[string]int{}

var inInit map[int]int

var addressed = map[string]int{}

var multi = map[string]int{}

func Add(k string) {
	capped[k]++
	if len(capped) > 1000 {
		capped = make(map[string]int)
	}
}

func ResetCapped() {
	clear(capped)
}

func ResetNilled() {
	clear(nilled)
	nilled = nil
}

func ResetReinit() {
	for k := range reinit {
		delete(reinit, k)
	}
}

func ResetFromOther() {
	clear(fromOther)
}

func ResetSwapped() {
	clear(swapped)
}

func ResetInInit() {
	clear(inInit)
}

func ResetAddressed() {
	clear(addressed)
}

func ResetMulti() {
	clear(multi)
}

func init() {
	inInit = make(map[int]int)
}

func set(p *map[string]int) { *p = map[string]int{} }

func Use() {
	set(&addressed)
	var n int
	multi, n = map[string]int{}, 1
	_ = n
}
