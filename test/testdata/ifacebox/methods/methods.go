package methods

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

type counter struct{ n int }

func (c *counter) Value() int        { return c.n }
func (c counter) Name() string       { return "c" + strconv.Itoa(c.n) }
func (c *counter) Pair() (int, bool) { return c.n, c.n > 0 }

type celsius float64

func record(m map[string]interface{}, c *counter, start time.Time, words []string, n int64) {
	m["value"] = c.Value()                  // want `storing c\.Value\(\) \(int\)`
	m["name"] = c.Name()                    // want `convTstring`
	m["itoa"] = strconv.Itoa(c.n)           // want `storing strconv\.Itoa\(c\.n\) \(string\)`
	m["sprintf"] = fmt.Sprintf("%d", c.n)   // want `convTstring`
	m["now"] = time.Now()                   // want `storing time\.Now\(\) \(time\.Time\) in a map\[string\]interface\{\} value allocates: runtime\.convT, 24 B per store`
	m["since"] = time.Since(start)          // want `storing time\.Since\(start\) \(time\.Duration\) .*convT64`
	m["unix"] = start.Unix()                // want `convT64`
	m["joined"] = strings.Join(words, ",")  // want `convTstring`
	m["split"] = strings.Split("a,b", ",")  // want `convTslice`
	m["has"] = strings.HasPrefix("ab", "a") // a bool
	m["len"] = len(words)                   // want `storing len\(words\) \(int\)`
	m["err"] = errors.New("x")              // an error is an interface: no conversion
	m["conv"] = int32(n)                    // want `convT32`
	m["temp"] = celsius(n)                  // want `storing celsius\(n\) \(celsius\) .*convT64.*\+0\.0`
	m["bytes"] = []byte(words[0])           // want `convTslice`
	m["timeout"] = 3 * time.Second          // a constant
	m["cmp"] = n > 3                        // a bool
	m["shift"] = n << 2                     // want `storing n << 2 \(int64\)`
	m["char"] = words[0][0]                 // a byte
	m["quoted"] = strconv.Quote(words[0])   // want `convTstring`
}
