package boxing

import "testing"

func TestFill(t *testing.T) {
	m := map[string]any{}
	Fill(m, 3, "x", &point{})
	if len(m) == 0 {
		t.Fatal("empty")
	}
}
