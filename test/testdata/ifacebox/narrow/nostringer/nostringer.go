// Not offered: the value type is fmt.Stringer, not the empty interface.
package nostringer

import "fmt"

type name string

func (n name) String() string { return string(n) }

func names(xs []string) int {
	m := make(map[string]fmt.Stringer)
	for _, x := range xs {
		m[x] = name(x) // want `storing name\(x\) \(name\) in a map\[string\]fmt\.Stringer value allocates`
	}
	return len(m)
}
