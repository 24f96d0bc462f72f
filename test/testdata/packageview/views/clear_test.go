package views

import "testing"

// onlyTests lives in the test binary only, and nothing there releases it.
var onlyTests = map[int]bool{}

// In-package test files see the package and each other: release_test.go sets cache to nil, so in
// the test binary this clearing is not retention.
func clearForTest() {
	clear(cache)
	clear(onlyTests) // want "empties onlyTests"
}

func TestClear(t *testing.T) {
	onlyTests[1] = true
	clearForTest()
}
