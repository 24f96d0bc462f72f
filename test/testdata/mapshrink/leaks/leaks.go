// Package leaks: long-lived maps that gain a key per unit of work and lose it one key at a time,
// and that nothing rebuilds: after a burst each keeps the burst's storage. The shapes of the leaks
// Go projects fixed upstream.
package leaks

import (
	"errors"
	"net"
	"sync"
	"time"
)

type conn struct{ nc net.Conn }

// Server lives as long as the program; a connection's entry goes when it closes.
type Server struct {
	mu    sync.Mutex
	conns map[*conn]struct{}
}

func NewServer() *Server { return &Server{conns: make(map[*conn]struct{})} }

func (s *Server) serve(c *conn) {
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.mu.Unlock()
}

func (s *Server) closeConn(c *conn) {
	s.mu.Lock()
	delete(s.conns, c) // want warning `s\.conns gains a key per unit of work \(s\.conns\[c\] = struct\{\}\{\}\).*after a burst to 1,000,000 entries it holds .* until rebuilt`
	s.mu.Unlock()
}

// A package-level table of calls in flight, each dropped by a timer.
type result struct{ err error }

var (
	mu       sync.Mutex
	inflight = map[uint64]chan result{}
)

func register(id uint64, timeout time.Duration) chan result {
	ch := make(chan result, 1)
	mu.Lock()
	inflight[id] = ch
	mu.Unlock()
	time.AfterFunc(timeout, func() {
		mu.Lock()
		delete(inflight, id) // want warning `deleted in a callback \(time\.AfterFunc\)`
		mu.Unlock()
	})
	return ch
}

// A transport's streams, each removed by a defer when its handler returns.
type stream struct{ id uint32 }

type Transport struct {
	mu      sync.Mutex
	streams map[uint32]*stream
}

func (t *Transport) handleStream(id uint32) {
	t.mu.Lock()
	t.streams[id] = &stream{id: id}
	t.mu.Unlock()
	defer delete(t.streams, id) // want warning `deleted by a defer when the work returns`
}

// A registry whose cap applies only when max is set: by default it is unbounded.
type Registry struct {
	max   int
	items map[string][]byte
}

var errFull = errors.New("full")

func (r *Registry) Put(key string, v []byte) error {
	if r.max > 0 && len(r.items) >= r.max {
		return errFull
	}
	r.items[key] = v
	return nil
}

func (r *Registry) Remove(key string) {
	delete(r.items, key) // want warning `its cap \(len\(r\.items\) >= r\.max\) applies only when r\.max is set`
}

// A hub's topics, each dropped only when its last subscriber leaves. Topics are names, not units of
// work: their number is usually bounded by what clients ask for, so a hint.
type client struct{ name string }

type Hub struct {
	topics map[string]map[*client]bool
}

func (h *Hub) subscribe(topic string, c *client) {
	set := h.topics[topic]
	if set == nil {
		set = map[*client]bool{}
		h.topics[topic] = set
	}
	set[c] = true
}

func (h *Hub) unsubscribe(topic string, c *client) {
	set := h.topics[topic]
	delete(set, c)
	if len(set) == 0 {
		delete(h.topics, topic) // want hint `dropped only when its nested set empties`
	}
}

// An owner held by a package variable, swept for expired tokens.
type tracker struct {
	tokens map[string]time.Time
}

var defaultTracker = &tracker{tokens: map[string]time.Time{}}

func Track(token string) { defaultTracker.tokens[token] = time.Now() }

func (t *tracker) expire(now time.Time) {
	for tok, at := range t.tokens {
		if now.Sub(at) > time.Hour {
			delete(t.tokens, tok) // want warning `held by the package-level variable defaultTracker`
		}
	}
}

// Sessions keyed by an identity made per login, made lazily and dropped at Close. A manager does
// not say it serves others (many managers hold a handful of entries): a hint.
type Session struct{ user string }

type Manager struct {
	sessions map[string]*Session
}

func newID() string { return time.Now().String() }

func (m *Manager) Login(user string) string {
	if m.sessions == nil {
		m.sessions = make(map[string]*Session)
	}
	sid := newID()
	m.sessions[sid] = &Session{user: user}
	return sid
}

func (m *Manager) Logout(sid string) {
	delete(m.sessions, sid) // want hint `its key sid is an identity from its input`
}

func (m *Manager) Close() { m.sessions = nil }

// Peers by remote address, one map made once by sync.Once; two delete sites, one finding. A set of
// peers is usually bounded by a maximum enforced elsewhere: a hint.
type PeerSet struct {
	once  sync.Once
	peers map[string]net.Conn
}

func (p *PeerSet) add(c net.Conn) {
	p.once.Do(func() { p.peers = make(map[string]net.Conn) })
	p.peers[c.RemoteAddr().String()] = c
}

func (p *PeerSet) dropPeer(addr string) {
	delete(p.peers, addr) // want hint `its key c\.RemoteAddr\(\)\.String\(\) is computed from its input`
}

func (p *PeerSet) evictPeer(addr string) {
	delete(p.peers, addr)
}

// Pending acknowledgements in a package map made in init.
type Msg struct{ Seq uint64 }

var pending map[uint64]*Msg

func init() { pending = make(map[uint64]*Msg) }

func send(m *Msg) { pending[m.Seq] = m }

func ack(seq uint64) {
	delete(pending, seq) // want warning `pending is a package-level variable`
}

// Watchers keyed by their own id, cancelled one by one.
type watcher struct{ id int64 }

type watchHub struct {
	watchers map[int64]*watcher
}

func (h *watchHub) watch(w *watcher) { h.watchers[w.id] = w }

func (h *watchHub) cancelWatch(w *watcher) {
	delete(h.watchers, w.id) // want warning `its owner watchHub is a long-lived hub`
}

// A positional literal of the owner: no peak field can be added, so the drained fix is preferred.
type Relay struct {
	name    string
	clients map[string]int
}

var relay = Relay{"main", map[string]int{}}

func (r *Relay) join(id string) { r.clients[id]++ }

func (r *Relay) attach(id string, n int) { r.clients[id] = n }

func (r *Relay) leave(id string) {
	delete(r.clients, id) // want warning `its owner is held by the package-level variable relay`
}

// A registry of live connections keyed by their remote address, unregistered when each closes.
type ConnRegistry struct {
	mu    sync.Mutex
	conns map[string]net.Conn
}

func (r *ConnRegistry) register(c net.Conn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.conns[c.RemoteAddr().String()] = c
}

func (r *ConnRegistry) unregister(c net.Conn) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.conns, c.RemoteAddr().String()) // want warning `ConnRegistry serves others`
}

// An emptiness test is not a cap: the broker still churns.
type Broker struct {
	subs map[uint64]chan []byte
}

func (b *Broker) subscribe(sub uint64, ch chan []byte) { b.subs[sub] = ch }

func (b *Broker) unsubscribe(sub uint64) {
	if len(b.subs) > 0 {
		delete(b.subs, sub) // want warning `b\.subs gains a key per unit of work`
	}
}
