package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// holder keeps the map under measurement reachable from a global, as a long-lived map is.
var holder interface{}

// settle collects (runtime.GC returns after the sweep, so all garbage is freed) and returns
// HeapAlloc; runtime.ReadMemStats flushes every mcache first, so the count is exact.
func settle() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// baseline settles until two readings agree: the first collections after other work can let a
// runtime goroutine (finalizers, cleanups) run and keep a few bytes, which must not be charged
// to the map measured next.
func baseline() int64 {
	b := settle()
	for i := 0; i < 8; i++ {
		next := settle()
		if next == b {
			break
		}
		b = next
	}
	return b
}

type op struct {
	kind string // insert, delete, deleteall, clear, nil, set, clone, rebuild
	n    int
}

func parseOps(texts []string) ([]op, error) {
	ops := make([]op, 0, len(texts))
	for _, t := range texts {
		name, arg, _ := strings.Cut(t, ":")
		o := op{kind: name}
		switch name {
		case "insert", "delete":
			if name == "delete" && (arg == "" || arg == "all") {
				o.kind = "deleteall"
				break
			}
			n, err := strconv.Atoi(arg)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("bad count in %q", t)
			}
			o.n = n
		case "clear", "nil", "set", "clone", "rebuild":
			if arg != "" {
				return nil, fmt.Errorf("%s takes no argument", name)
			}
			if name == "clone" && !cloneSupported {
				return nil, fmt.Errorf("clone needs maps.Clone (Go 1.21)")
			}
		default:
			return nil, fmt.Errorf("unknown op %q", t)
		}
		ops = append(ops, o)
	}
	return ops, nil
}

// measureCase runs one case on maps of type map[K]V. All keys and values are built before the
// baseline so that only the map's own allocations (header, buckets/groups, overflow, tables,
// directory, indirect key/elem objects) move HeapAlloc.
func measureCase[K comparable, V any](c Case, mk func(n int) []K, mv func(int) V) CaseResult {
	res := CaseResult{Case: c}
	ops, err := parseOps(c.Ops)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	// Every insert takes keys never inserted before (insert:N is N new keys): a key deleted and
	// inserted again would find its own old slot under the same seed, which new keys do not.
	total := 0
	for _, o := range ops {
		if o.kind == "insert" {
			total += o.n
		}
	}
	pool := total
	if pool == 0 {
		pool = 1 // "set" on an empty map uses keys[0]
	}
	keys := mk(pool)
	// Values are copied into the map, so a few distinct ones serve every slot (fewer objects
	// for each GC to mark); boxed interface values and pointees are built here, before the baseline.
	vals := make([]V, min(pool, 4096))
	for i := range vals {
		vals[i] = mv(i)
	}
	runs := c.Runs
	if runs < 1 {
		runs = 1
	}
	res.Results = make([]Run, runs)
	for r := range res.Results {
		steps := make([]Step, len(ops)+1)
		for i := range steps {
			newState(&steps[i])
		}
		res.Results[r].Steps = steps
	}
	start := time.Now()
	for r := range res.Results {
		runOnce(c, ops, keys, vals, res.Results[r].Steps)
	}
	res.Millis = time.Since(start).Milliseconds()
	return res
}

func runOnce[K comparable, V any](c Case, ops []op, keys []K, vals []V, steps []Step) {
	var m map[K]V
	record := func(i int, name string, t0 time.Time, base int64) {
		steps[i].Nanos = int64(time.Since(t0))
		steps[i].Op = name
		holder = m
		steps[i].Bytes = settle() - base
		if m == nil {
			dropState(&steps[i])
			return
		}
		readState(&steps[i], typeWord(m), *(*unsafe.Pointer)(unsafe.Pointer(&m)))
	}
	debug.SetGCPercent(-1)
	defer debug.SetGCPercent(100)
	holder = nil
	base := baseline()
	t0 := time.Now()
	if c.Hint != nil {
		m = makeHint[K, V](*c.Hint)
	} else {
		m = make(map[K]V)
	}
	record(0, "make", t0, base)
	lo, hi := 0, 0 // live keys are keys[lo:hi]: inserts append, deletes take the oldest
	for i, o := range ops {
		t0 := time.Now()
		switch o.kind {
		case "insert":
			for j := hi; j < hi+o.n; j++ {
				m[keys[j%len(keys)]] = vals[j%len(vals)]
			}
			hi += o.n
		case "delete":
			n := o.n
			if n > hi-lo {
				n = hi - lo
			}
			for j := lo; j < lo+n; j++ {
				delete(m, keys[j%len(keys)])
			}
			lo += n
		case "deleteall":
			deleteAll(m)
			lo = hi
		case "clear":
			clearMap(m)
			lo = hi
		case "set":
			// Assign to an existing key (the newest), or to keys[0] when empty.
			j := hi - 1
			if j < 0 {
				j = 0
			}
			m[keys[j%len(keys)]] = vals[j%len(vals)]
		case "nil":
			m = nil
			lo = hi
		case "clone":
			// m = maps.Clone(m): the old map is unreachable once m holds the clone.
			m = cloneMap(m)
		case "rebuild":
			// The linter's fix: a map sized for the live entries and a copy loop.
			m = rebuildMap(m)
		}
		record(i+1, c.Ops[i], t0, base)
	}
	m = nil
	holder = nil
}

// rebuildMap copies m into make(map[K]V, len(m)): what mapshrink's fixes write.
//
//go:noinline
func rebuildMap[K comparable, V any](m map[K]V) map[K]V {
	fresh := make(map[K]V, len(m))
	for k, v := range m {
		fresh[k] = v
	}
	return fresh
}

// makeHint is its own function so that the hint is never a constant the compiler could see.
//
//go:noinline
func makeHint[K comparable, V any](hint int) map[K]V {
	return make(map[K]V, hint)
}

// deleteAll is a per-key delete loop that the compiler does not turn into runtime.mapclear: the
// body has a second statement (cmd/compile/internal/walk/range.go isMapClear wants exactly one
// delete). Check with `go build -gcflags=-S`: no mapclear call in this function.
//
//go:noinline
func deleteAll[K comparable, V any](m map[K]V) int {
	n := 0
	for k := range m {
		delete(m, k)
		n++
	}
	return n
}

// typeWord is the *maptype (classic) or *MapType (Swiss) of m: the type word of an interface.
func typeWord(m interface{}) unsafe.Pointer {
	return (*[2]unsafe.Pointer)(unsafe.Pointer(&m))[0]
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
