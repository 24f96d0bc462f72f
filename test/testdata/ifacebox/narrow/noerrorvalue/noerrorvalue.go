// Not offered: the value type is error, not the empty interface.
package noerrorvalue

type failure struct{ msg string }

func (f failure) Error() string { return f.msg }

func collect(msgs []string) int {
	m := make(map[string]error)
	for _, msg := range msgs {
		m[msg] = failure{msg} // want `storing failure\{msg\} \(failure\) in a map\[string\]error value allocates`
	}
	f, _ := m["x"].(failure)
	return len(f.msg)
}
