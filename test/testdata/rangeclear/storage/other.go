package storage

// Declared in another file of the package: found through the package's files.
var elsewhere = map[int]float64{}

type remote struct {
	byName map[string]int
}
