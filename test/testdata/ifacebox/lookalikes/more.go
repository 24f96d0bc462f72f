package lookalikes

import (
	"fmt"
	"net/http"
	"strconv"
)

type stringer interface{ String() string }

type code int

func (c code) String() string { return strconv.Itoa(int(c)) }

type valueErr struct{ msg string }

func (e valueErr) Error() string { return e.msg }

type ptrErr struct{ msg string }

func (e *ptrErr) Error() string { return e.msg }

type flag struct{ on bool }

type small struct{ b int8 }

type empty struct{}

func named(byCode map[string]stringer, errs map[string]error, c code, msg string) {
	byCode["c"] = c                    // want `storing c \(code\) in a map\[string\]stringer value allocates: runtime\.convT64`
	errs["v"] = valueErr{msg}          // want `storing valueErr\{msg\} \(valueErr\) in a map\[string\]error value allocates: runtime\.convTstring`
	errs["p"] = &ptrErr{msg}           // a pointer
	errs["nil"] = nil                  // nil
	byCode["flag"] = stringer(c)       // already an interface: the conversion happened before
	errs["wrapped"] = error(&ptrErr{}) // an interface value
}

func oneByte(m map[string]interface{}, f flag, s small, e empty, r rune, u uint8) {
	m["flag"] = f  // a struct of one bool: staticuint64s
	m["small"] = s // a struct of one int8
	m["empty"] = e // zero-size
	m["arr"] = [0]int{}
	m["r"] = r // want `convT32`
	m["u"] = u // one byte
}

func generic[T interface{}](m map[string]interface{}, v T, n int) {
	m["v"] = v // a type parameter: not known from the source
	m["n"] = n // want `convT64`
}

// instantiated so that the compiler compiles the generic body
var _ = func() int { generic(map[string]interface{}{}, 1.5, 2); return 0 }()

func suppressed(m map[string]interface{}, n int) {
	m["n"] = n //mapleak:ignore ifacebox measured: n is always below 256
	//mapleak:ignore ifacebox the map is built once at start-up
	m["m"] = n
}

func otherPackageMaps(h http.Header, n int) {
	h["n"] = []string{strconv.Itoa(n)} // http.Header is map[string][]string: a concrete value type
}

func stdInterfaces(m map[string]fmt.Stringer, c code, n int) map[int]fmt.Stringer {
	m["c"] = c                         // want `storing c \(code\) in a map\[string\]fmt\.Stringer value allocates: runtime\.convT64`
	return map[int]fmt.Stringer{n: &c} // a pointer
}
