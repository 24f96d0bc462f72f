// Package ifacebox shows stores into a map[string]any that allocate, and look-alikes that do not.
package ifacebox

import "strconv"

// Fields turns request counters into log fields. Every int, string and struct stored in the
// map[string]any is copied to the heap; constants, pointers and bools are not.
func Fields(counts []int, user string, verbose bool) map[string]any {
	fields := map[string]any{"user": user, "source": "api", "verbose": verbose}
	for i, n := range counts {
		fields["count"+strconv.Itoa(i)] = n
	}
	return fields
}
