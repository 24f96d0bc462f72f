package leaks

// Churn whose size the code does not settle: a hint, not a warning.

// Graph is not evidently long-lived, and its deletes are ordinary updates.
type Graph struct {
	edges map[string][]string
}

func (g *Graph) Link(from, to string) { g.edges[from] = append(g.edges[from], to) }

func (g *Graph) update(from string, keep bool) {
	if !keep {
		delete(g.edges, from) // want hint `emptied one key at a time`
	}
}

// A long-lived owner, but the key is not an identity from outside and the delete is no completion.
type Server2 struct {
	byAge map[int]string
}

func (s *Server2) note(age int, v string) {
	a := age * 2
	s.byAge[a] = v
}

func (s *Server2) touch(age int) {
	delete(s.byAge, age) // want hint `its owner Server2 is a long-lived server`
}
