// Package cache fills a handful of maps with known sizes so that heap
// profiles of the program can be checked against the expected peaks.
//
// Each map is filled by its own small function, so that the source line
// storing into each map is distinct.
package cache

import "strconv"

// sessions is filled and then emptied with a range-delete loop. It stays
// reachable because it is a package variable.
var sessions = map[string][128]byte{}

// Store holds a map keyed by id.
type Store struct {
	byID map[int64]string
}

// NewStore returns an empty Store.
func NewStore() *Store {
	return &Store{byID: make(map[int64]string)}
}

// Put stores v under id.
func (s *Store) Put(id int64, v string) {
	s.byID[id] = v
}

// stores keeps the Store instances alive.
var stores []*Store

// attrs has boxed (interface) values.
var attrs = make(map[string]any)

// codes keeps the literal map returned by Codes alive.
var codes map[string]int

// byUser is a map of maps.
var byUser = map[string]map[string]int{}

const (
	numSessions   = 200000
	numStores     = 4
	perStore      = 50000
	numAttrs      = 100000
	numUsers      = 2000
	fieldsPerUser = 20
	storeValue    = "shared-constant-value"
)

// fieldNames are built once so that the inner byUser stores do not
// allocate key strings.
var fieldNames = func() []string {
	names := make([]string, fieldsPerUser)
	for i := range names {
		names[i] = "field" + strconv.Itoa(i)
	}
	return names
}()

func fillSessions() {
	var v [128]byte
	for i := 0; i < numSessions; i++ {
		k := strconv.Itoa(i)
		v[0] = byte(i)
		sessions[k] = v
	}
}

func clearSessions() {
	for k := range sessions {
		delete(sessions, k)
	}
}

func fillStores() {
	for n := 0; n < numStores; n++ {
		s := NewStore()
		for i := 0; i < perStore; i++ {
			s.Put(int64(i), storeValue)
		}
		stores = append(stores, s)
	}
}

func fillAttrs() {
	for i := 0; i < numAttrs; i++ {
		s := "attr-" + strconv.Itoa(i)
		attrs[s] = s
	}
}

// Codes returns a literal map of constant entries.
func Codes() map[string]int {
	return map[string]int{
		"ok":        200,
		"created":   201,
		"accepted":  202,
		"nonauth":   203,
		"nocontent": 204,
		"reset":     205,
		"partial":   206,
		"multi":     207,
		"already":   208,
		"imused":    226,
		"choices":   300,
		"moved":     301,
		"found":     302,
		"seeother":  303,
		"notmod":    304,
		"useproxy":  305,
		"tempredir": 307,
		"permredir": 308,
		"badreq":    400,
		"unauth":    401,
		"payment":   402,
		"forbidden": 403,
		"notfound":  404,
		"method":    405,
		"notacc":    406,
		"proxyauth": 407,
		"timeout":   408,
		"conflict":  409,
		"gone":      410,
		"length":    411,
		"precond":   412,
		"toolarge":  413,
		"uritoolng": 414,
		"mediatype": 415,
		"range":     416,
		"expect":    417,
		"teapot":    418,
		"misdirect": 421,
		"unprocess": 422,
		"locked":    423,
	}
}

func fillCodes() {
	codes = Codes()
}

func fillByUser() {
	for i := 0; i < numUsers; i++ {
		u := "user-" + strconv.Itoa(i)
		inner := make(map[string]int)
		for j, f := range fieldNames {
			inner[f] = j
		}
		byUser[u] = inner
	}
}

// Fill fills every map. It is meant to be called once.
func Fill() {
	fillSessions()
	clearSessions()
	fillStores()
	fillAttrs()
	fillCodes()
	fillByUser()
}

// Peaks returns the known peak entry count of each map. The count for
// "Store.byID" is per instance.
func Peaks() map[string]int {
	return map[string]int{
		"sessions":   numSessions,
		"Store.byID": perStore,
		"attrs":      numAttrs,
		"codes":      len(Codes()),
		"byUser":     numUsers,
	}
}
