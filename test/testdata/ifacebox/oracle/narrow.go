package oracle

// The narrowing refactor (issue 17): a map[K]any whose every store is one concrete type T becomes
// a map[K]T. Each shape is a pair: caseNarrowXxxBefore stores into the interface-valued map (the
// rule reports it: one box per store), caseNarrowXxxAfter does the same into the narrowed map and
// must measure 0 allocations (test/ifacebox-oracle.test.ts checks both). The loops run over a
// one-element slice so that a case still performs exactly one store per call, and its
// allocations per run are its allocations per store. A local map made with make does not escape
// here: the map itself is on the stack in both cases, only the box of a Before case is on the heap.

var (
	narrowNames = []string{"root"}
	narrowLen   int
	readValue   string
	readOK      bool
)

// A local make(map[string]any) storing a string variable in a loop; narrowed: map[string]string.

func caseNarrowLocalStringBefore() {
	m := make(map[string]any)
	for _, name := range narrowNames {
		m[name] = name // want "convTstring"
	}
	narrowLen = len(m)
}

func caseNarrowLocalStringAfter() {
	m := make(map[string]string)
	for _, name := range narrowNames {
		m[name] = name
	}
	narrowLen = len(m)
}

// An unexported package-level map literal storing an int64 variable; narrowed: map[string]int64.

var cache = map[string]any{}

func caseNarrowPkgVarInt64Before() {
	cache["int64"] = big64 // want "convT64"
}

var cacheNarrowed = map[string]int64{}

func caseNarrowPkgVarInt64After() {
	cacheNarrowed["int64"] = big64
}

// An unexported struct field map[string]interface{} storing a float64; narrowed: map[string]float64.

type spanBefore struct {
	attrs map[string]interface{}
}

var spanOfBefore = &spanBefore{attrs: make(map[string]interface{})}

func caseNarrowFieldFloatBefore() {
	spanOfBefore.attrs["ratio"] = f // want "convT64"
}

type spanAfter struct {
	attrs map[string]float64
}

// Positional: a keyed `attrs:` here would count, for the rule, as a use of spanBefore's field,
// and block the narrowing it offers on caseNarrowFieldFloatBefore.
var spanOfAfter = &spanAfter{make(map[string]float64)}

func caseNarrowFieldFloatAfter() {
	spanOfAfter.attrs["ratio"] = f
}

// []byte values (convTslice boxes the 24-byte slice header); narrowed: map[string][]byte.

func caseNarrowByteSliceBefore() {
	m := make(map[string]any)
	for _, name := range narrowNames {
		m[name] = bs // want "convTslice"
	}
	narrowLen = len(m)
}

func caseNarrowByteSliceAfter() {
	m := make(map[string][]byte)
	for _, name := range narrowNames {
		m[name] = bs
	}
	narrowLen = len(m)
}

// A named string type of the package; narrowed: map[string]ID.

type ID string

var userID ID = "user-1"

func caseNarrowNamedStringBefore() {
	m := make(map[string]any)
	for _, name := range narrowNames {
		m[name] = userID // want "convTstring"
	}
	narrowLen = len(m)
}

func caseNarrowNamedStringAfter() {
	m := make(map[string]ID)
	for _, name := range narrowNames {
		m[name] = userID
	}
	narrowLen = len(m)
}

// A comma-ok read after the stores: the assertion m[k].(string) before, the plain m[k] after. A
// read allocates in neither: the Before case measures its one store's box and nothing more.

func caseNarrowCommaOkBefore() {
	m := make(map[string]any)
	for _, name := range narrowNames {
		m[name] = name // want "convTstring"
	}
	v, ok := m["root"].(string)
	readValue, readOK = v, ok
}

func caseNarrowCommaOkAfter() {
	m := make(map[string]string)
	for _, name := range narrowNames {
		m[name] = name
	}
	v, ok := m["root"]
	readValue, readOK = v, ok
}
