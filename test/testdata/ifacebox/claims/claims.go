// Package claims: values the rule must not claim to allocate (each measured at 0 allocations
// per store by the oracle, test/testdata/ifacebox/oracle), next to the ones that do allocate.
package claims

import (
	"net/http"
	"time"

	"example.com/ifacebox/claims/consts"
)

func Store(m map[string]any, rows []int, s string) {
	var nilSlice []byte // nil at every store: convTslice returns static data
	zero := T(nil)      // a typed nil
	var count int       // 0 at every store: convT64 returns &staticuint64s[0]
	for i, r := range rows {
		m["limit"] = int64(consts.Limit) // a constant of another package of the module
		m["kind"] = consts.Big           // a typed constant of another package
		m["conv"] = consts.Kind(3)       // a constant conversion to another package's type
		m["status"] = http.StatusOK + 1  // a constant expression with a standard-library constant
		m["zero"] = time.Duration(0)     // a constant conversion to a standard-library type
		m["nil"] = nilSlice
		m["typednil"] = zero
		m["count"] = count
		m["empty"] = s[:0] // "" at every store
		m["same"] = s[i:i]
		m["row"] = r                 // want warning `storing r \(int\)`
		m["doubled"] = consts.New(r) // a function of another package: its result type is not read, so no claim
		m["bytes"] = []byte(s)       // want warning `storing \[\]byte\(s\) \(\[\]byte\)`
	}
	for i := range []string{"one"} {
		m["index"] = i // below the literal's length, 1: always 0
	}
}

type T []byte
