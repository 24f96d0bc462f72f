// Package sessions: a chat server that tracks its connected clients in a map. Each client is
// deleted when it disconnects, so after a reconnect storm the map is small again, but it keeps the
// storage the storm needed until the process exits: Go maps never shrink (mapshrink).
package sessions

import (
	"net"
	"sync"
)

type client struct {
	conn net.Conn
	name string
}

// Server lives as long as the process.
type Server struct {
	mu      sync.Mutex
	clients map[string]*client
}

func NewServer() *Server {
	return &Server{clients: make(map[string]*client)}
}

func (s *Server) join(id string, c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[id] = c
}

func (s *Server) leave(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, id)
}
