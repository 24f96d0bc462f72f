// Not offered: maps.Copy into the map takes a source of the same type, map[string]any, whose
// values are not seen (maps.Copy from a map[string]string would not compile).
package nomapscopyany

import "maps"

func merge(defaults map[string]any, names []string) int {
	m := make(map[string]any)
	maps.Copy(m, defaults)
	for _, n := range names {
		m[n] = n // want `storing n \(string\) in a map\[string\]any value allocates`
	}
	return len(m)
}
