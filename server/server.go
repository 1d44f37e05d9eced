//go:build !wasm

package server

import (
	"net/http"
	"time"
)

// Limits bound what one client can hold of the server: how long it may keep a connection
// without using it, and how many header bytes it may send. Every connection is a file
// descriptor, and a process has a few hundred: clients that hold them idle lock everyone out.
type Limits struct {
	// Header is how long a client has to send a whole request, line and headers, once it has
	// started one (or once it has connected). Requests have no bodies.
	Header time.Duration
	// Idle is how long a keep-alive connection may wait for its next request.
	Idle time.Duration
	// Stall is how long one write of at most StallChunk bytes may wait for the client to take
	// it. A response has no overall write deadline: a slow phone that keeps reading gets a 9 MB
	// wasm file however long it takes, and a client that stops reading is cut off after Stall.
	Stall time.Duration
	// MaxHeaderBytes caps a request's line and headers, in bytes; past it the server answers 431.
	MaxHeaderBytes int
}

// DefaultLimits suit a static server of 2–9 MB files. The page loads in one burst and then talks
// to no server, so an idle connection is worth little after 30 s. A write may stall 60 s (a phone
// in a tunnel), as nginx's send_timeout allows; 64 KB a minute is the slowest download kept. The
// browser sends a few hundred bytes of headers (share links travel in the fragment, which it
// never sends), so 16 KB is ample.
var DefaultLimits = Limits{Header: 10 * time.Second, Idle: 30 * time.Second, Stall: 60 * time.Second, MaxHeaderBytes: 16 << 10}

// StallChunk is the most a response writes under one deadline, in bytes.
const StallChunk = 64 << 10

// NewServer returns the server `fabulist serve` runs: h behind the limits l.
func New(h http.Handler, l Limits) *http.Server {
	return &http.Server{
		Handler:           stallGuard(h, l.Stall),
		ReadHeaderTimeout: l.Header,
		ReadTimeout:       l.Header,
		WriteTimeout:      l.Stall, // until the first write; each write then moves the deadline
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    l.MaxHeaderBytes,
		// "OPTIONS *" reaches the handler, which answers 405 as to every method but GET and HEAD.
		DisableGeneralOptionsHandler: true,
	}
}

// stallGuard gives each write of a response its own deadline, stall from when it starts.
func stallGuard(h http.Handler, stall time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&stallWriter{ResponseWriter: w, rc: http.NewResponseController(w), stall: stall}, r)
	})
}

type stallWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

func (s *stallWriter) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		c := min(len(b), StallChunk)
		// An error means a writer that hides the connection: the server's WriteTimeout still holds.
		_ = s.rc.SetWriteDeadline(time.Now().Add(s.stall))
		m, err := s.ResponseWriter.Write(b[:c])
		n += m
		if err != nil {
			return n, err
		}
		b = b[c:]
	}
	return n, nil
}

// Unwrap lets http.ResponseController reach the connection beneath.
func (s *stallWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
