//go:build ignore

// A `go run gen.go` script: never built with the package, so this release does not count.
package views

func init() {
	genOnly = make(map[string]int)
}
