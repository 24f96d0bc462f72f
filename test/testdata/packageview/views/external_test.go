package views_test

import (
	"testing"

	"example.com/packageview/views"
)

// An external test package sees only its own files: this state is not the package's state (which
// DropState releases), and nothing here releases it.
var state = map[string]int{}

func TestExternal(t *testing.T) {
	state["a"] = 1
	clear(state) // want "empties state"
	views.Reset()
}
