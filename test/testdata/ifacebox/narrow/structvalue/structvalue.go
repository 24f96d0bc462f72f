// Offered: values of a struct type of this package; the assertion to point goes.
package structvalue

type point struct{ X, Y int }

func grid(xs []int) int {
	m := make(map[int]any)
	for i, x := range xs {
		m[i] = point{x, x} // want `storing point\{x, x\} \(point\) in a map\[int\]any value allocates`
	}
	p := m[0].(point)
	return p.X + p.Y
}
