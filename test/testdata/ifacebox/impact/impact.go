// Package impact: where a boxing store matters. Warnings only on a per-item path; payloads,
// cold branches and one store per call are hints.
package impact

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

type Record struct {
	Name  string
	Count int
}

// Index keeps the last value of each attribute seen: a long-lived map filled per record.
type Index struct {
	last map[string]any
}

func (x *Index) Observe(records []Record) {
	for _, r := range records {
		x.last[r.Name] = r.Count // want warning `storing r.Count \(int\) .* in a loop over records: the allocation repeats per item`
	}
}

// observeOne is called per record from a loop below: its store runs per item too.
func (x *Index) observeOne(r Record) {
	x.last[r.Name] = r.Count // want warning `observeOne\(\) is called per item`
}

func (x *Index) ObserveAll(records []Record) {
	for _, r := range records {
		x.observeOne(r)
	}
}

// Once per call, not in a loop: a hint.
func (x *Index) Set(name string, n int) {
	x.last[name] = n // want hint `storing n \(int\)`
}

// A payload: built per record but handed to an encoder.
func Encode(records []Record) ([]byte, error) {
	var out []map[string]any
	for _, r := range records {
		out = append(out, map[string]any{"name": r.Name, "count": r.Count}) // want hint `storing r.Name` hint `storing r.Count`
	}
	return json.Marshal(out)
}

// Returned to the caller: a payload for it.
func Rows(records []Record) []map[string]any {
	rows := make([]map[string]any, 0, len(records))
	for _, r := range records {
		row := map[string]any{}
		row["count"] = r.Count // want hint `storing r.Count`
		rows = append(rows, row)
	}
	return rows
}

// Cold paths inside a loop.
func Check(records []Record, seen map[string]any) error {
	for i, r := range records {
		if err := validate(r); err != nil {
			seen["failed"] = r.Count // want hint `on a failure branch`
			continue
		}
		if r.Count < 0 {
			log.Printf("bad record %v", map[string]any{"index": i}) // want hint `storing i \(int\)`
		}
		if debug {
			seen["debug"] = r.Count // want hint `behind a debug switch`
		}
		if r.Name == "" {
			seen["first-empty"] = i // want hint `followed by return`
			return errors.New("empty name")
		}
	}
	return nil
}

var debug = os.Getenv("DEBUG") != ""

func validate(Record) error { return nil }

// A loop over a handful of literal elements is not a per-item path.
func Defaults(m map[string]any, base int) {
	for i, k := range []string{"a", "b", "c"} {
		m[k] = base + i // want hint `the loop runs over 3 literal elements`
	}
}

// A diagnostic method describes a value for people.
func (r Record) String() string {
	attrs := map[string]any{}
	for i := 0; i < r.Count; i++ {
		attrs[r.Name] = i // want hint `in String\(\), which describes a value for people`
	}
	return fmt.Sprint(len(attrs))
}

// A walker's callback runs per item.
func Sizes(root string, sizes map[string]any) error {
	return filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if info != nil {
			sizes[p] = len(p) // want warning `in the callback filepath.Walk calls per item`
		}
		return nil
	})
}

// A function that handles a failure runs when something went wrong.
func (x *Index) setErr(err error, records []Record) {
	for _, r := range records {
		x.last[r.Name] = r.Name + err.Error() // want hint `in setErr\(\), which handles a failure`
	}
}
