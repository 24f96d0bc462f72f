// Suppression comments.
package suppress

func onTheLine(m map[string]int) {
	for k := range m { //mapleak:ignore rangeclear the loop documents intent here
		delete(m, k)
	}
}

func lineAbove(m map[string]int) {
	//mapleak:ignore rangeclear kept for symmetry with fill
	for k := range m {
		delete(m, k)
	}
}

func nolint(m map[string]int) {
	for k := range m { //nolint:mapleak
		delete(m, k)
	}
}

func nolintList(m map[string]int) {
	//nolint:errcheck,mapleak // both
	for k := range m {
		delete(m, k)
	}
}

func nolintOther(m map[string]int) {
	//nolint:errcheck // another linter's: does not apply
	for k := range m { // want `empties m`
		delete(m, k)
	}
}

func ignoreOtherRule(m map[string]int) {
	for k := range m { //mapleak:ignore mapretain another rule // want `empties m`
		delete(m, k)
	}
}
