// Package suppress: a suppression comment silences mapretain.
package suppress

var batch = map[string]int{}

var other = map[string]int{}

func Reset() {
	//mapleak:ignore mapretain refilled at once by the next batch
	clear(batch)
}

func ResetOther() {
	clear(other) //nolint:mapleak
}
