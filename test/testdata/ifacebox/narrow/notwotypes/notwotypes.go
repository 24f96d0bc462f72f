// Not offered: the stores store two types, string and int.
package notwotypes

func mixed(names []string, ns []int) int {
	m := make(map[int]any)
	for i, name := range names {
		m[i] = name // want `storing name \(string\) in a map\[int\]any value allocates`
	}
	for i, n := range ns {
		m[i] = n // want `storing n \(int\) in a map\[int\]any value allocates`
	}
	return len(m)
}
