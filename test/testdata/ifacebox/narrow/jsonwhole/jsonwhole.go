// Offered: the whole map is encoded by encoding/json, which encodes an interface by its dynamic
// value: the same bytes for map[string]interface{} holding int64s and for map[string]int64.
package jsonwhole

import (
	"encoding/json"
	"io"
)

type row struct {
	Name  string
	Count int64
}

func encode(w io.Writer, rows []row) error {
	counts := map[string]interface{}{}
	for _, r := range rows {
		counts[r.Name] = r.Count // want `storing r.Count \(int64\) in a map\[string\]interface\{\} value allocates`
	}
	if _, err := json.Marshal(counts); err != nil {
		return err
	}
	return json.NewEncoder(w).Encode(counts)
}
