package boxing

type point struct{ X, Y int }

// Fill stores values of several kinds into an interface-valued map (compiler.test.ts).
func Fill(m map[string]any, n int, s string, p *point) {
	m["int"] = n
	/* é日本 */ m["str"] = s
	m["ptr"] = p
	m["pt"] = point{n, n}
	for i := 0; i < n; i++ {
		m[s+"k"] = i
	}
	m[s+"p"] = p
}
