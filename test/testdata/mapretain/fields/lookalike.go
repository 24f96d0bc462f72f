package fields

type Session struct {
	data map[string]string
}

// Released by a method of the package.
func (s *Session) Clear() {
	clear(s.data)
}

func (s *Session) Replace() {
	s.data = make(map[string]string)
}

type Value struct {
	m map[string]int
}

// A value receiver: the struct is a copy that dies with the call.
func (v Value) Clear() {
	clear(v.m)
}

func LocalStruct() {
	var v Value
	v.m = map[string]int{}
	clear(v.m)
}

type Whole struct {
	m map[int]int
}

func (w *Whole) Clear() {
	clear(w.m)
}

// Replacing the whole struct drops the old map too.
func (w *Whole) Reset() {
	*w = Whole{}
}

type Swapped struct {
	m map[int]int
}

var current *Swapped

func (s *Swapped) Clear() {
	for k := range s.m {
		delete(s.m, k)
	}
}

func Swap() {
	current = &Swapped{m: map[int]int{}}
}

type Addressed struct {
	m map[string]int
}

// Its address is handed out below: the holder of the pointer may reassign the field.
func (a *Addressed) Clear() {
	clear(a.m)
}

func reassign(p *map[string]int) { *p = map[string]int{} }

func (a *Addressed) Renew() {
	reassign(&a.m)
}

type ThroughPointer struct {
	m map[int]bool
}

func (t *ThroughPointer) Clear() {
	for k := range t.m {
		delete(t.m, k)
	}
}

// Released through a pointer to the field.
func (t *ThroughPointer) Drop() {
	p := &t.m
	*p = nil
}
