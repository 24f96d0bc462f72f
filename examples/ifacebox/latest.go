// Package ifacebox shows stores into a map[string]any that allocate, and look-alikes that do not.
package ifacebox

import "strconv"

// Latest keeps the last value of each counter for a status page: a long-lived map with
// interface values, filled for every sample.
type Latest struct {
	values map[string]any
}

// Record stores a batch of samples. Every int stored in the map[string]any is copied to the
// heap (runtime.convT64), once per sample; bools and constants are not.
func (l *Latest) Record(samples []int, source string, verbose bool) {
	l.values["source"] = source   // once per call: a hint
	l.values["verbose"] = verbose // a bool: no allocation
	l.values["kind"] = "counter"  // a constant: read-only data
	for i, n := range samples {
		l.values["sample"+strconv.Itoa(i)] = n // once per sample: a warning
	}
}
