// Not offered: time.Duration is a named type of another package, not of this one.
package nootherpkgtype

import "time"

func waits(ds []time.Duration) time.Duration {
	m := make(map[int]any)
	for i, d := range ds {
		m[i] = d // want `storing d \(time\.Duration\) in a map\[int\]any value allocates`
	}
	return m[0].(time.Duration)
}
