package views

import "testing"

// An in-package test file: it is compiled with the package only by `go test`.
func TestReset(t *testing.T) {
	Reset()
	cache = nil // a release, but only in the test binary
	if len(cache) != 0 {
		t.Fatal("cache not empty")
	}
}
