// Package main: one-time code gets no finding at all.
package main

import (
	"fmt"
	"sync"
)

// A package-level initializer runs once.
var defaults = map[string]any{"retries": retries, "name": name}

var (
	retries = 3
	name    = fmt.Sprint("svc")
	once    sync.Once
	table   map[string]any
)

func init() {
	for i := 0; i < retries; i++ {
		defaults[fmt.Sprint(i)] = i * 1000
	}
}

func setup(n int) {
	once.Do(func() {
		table = map[string]any{"n": n}
	})
}

func main() {
	port := 8080
	defaults["port"] = port
	setup(port)
	for _, arg := range []string{"x"} {
		defaults[arg] = len(arg) // want hint `the loop runs over 1 literal elements`
	}
}
