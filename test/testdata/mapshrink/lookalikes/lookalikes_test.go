package lookalikes

import "testing"

// Tests are out of scope by default (--tests brings them back).
var fixtures = map[string]int{}

func TestChurn(t *testing.T) {
	for _, k := range []string{"a", "b"} {
		fixtures[k] = 1
	}
	delete(fixtures, t.Name())
}
