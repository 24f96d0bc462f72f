// Offered: []byte values; the assertion m[0].([]byte) becomes m[0].
package byteslice

func chunks(parts [][]byte) int {
	m := make(map[int]any)
	for i, p := range parts {
		m[i] = p // want `storing p \(\[\](byte|uint8)\) in a map\[int\]any value allocates`
	}
	b := m[0].([]byte)
	return len(b)
}
