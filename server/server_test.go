//go:build !wasm

package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the server NewServer makes, on a real socket, with limits short enough that a
// test waits a fraction of a second, and deadlines far above them: a test fails by seeing a
// connection outlive its limit by seconds, never by a latency.

// closeWatcher is a listener that tells when the server closes one of its connections, and
// gives each a small send buffer, so that a client that stops reading blocks the server's writes
// within a few hundred kilobytes instead of the megabytes the kernel would otherwise buffer.
type closeWatcher struct {
	net.Listener
	closed chan struct{}
}

func (l *closeWatcher) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c.(*net.TCPConn).SetWriteBuffer(32 << 10)
	return &watchedConn{Conn: c, closed: l.closed}, nil
}

type watchedConn struct {
	net.Conn
	closed chan struct{}
	once   sync.Once
}

func (c *watchedConn) Close() error {
	c.once.Do(func() {
		select {
		case c.closed <- struct{}{}:
		default: // a test that does not watch
		}
	})
	return c.Conn.Close()
}

// serve runs New(h, l) on a free port and returns its address and a channel that receives
// once per connection the server closes (the first 16).
func serve(t *testing.T, h http.Handler, l Limits) (string, chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	watch := &closeWatcher{Listener: ln, closed: make(chan struct{}, 16)}
	srv := New(h, l)
	go srv.Serve(watch)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String(), watch.closed
}

// dial connects with a small receive buffer (see closeWatcher).
func dial(t *testing.T, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	tc := c.(*net.TCPConn)
	tc.SetReadBuffer(32 << 10)
	t.Cleanup(func() { c.Close() })
	return tc
}

// untilClosed reads c until the server closes it, and fails the test if that has not happened
// within wait.
func untilClosed(t *testing.T, c net.Conn, r io.Reader, wait time.Duration, what string) {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(wait))
	if _, err := io.Copy(io.Discard, r); err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatalf("%s: the connection was still open after %v", what, wait)
		}
		// A reset also closes the connection.
	}
}

// TestIdleConnectionsAreClosed: a keep-alive connection that sends no next request is closed
// after Idle; one that starts a request and never finishes it, after Header.
func TestIdleConnectionsAreClosed(t *testing.T) {
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	const wait = 10 * time.Second // far above the limits below

	t.Run("idle after a request", func(t *testing.T) {
		addr, _ := serve(t, h, Limits{Header: 10 * time.Second, Idle: 200 * time.Millisecond, Stall: 10 * time.Second, MaxHeaderBytes: 16 << 10})
		c := dial(t, addr)
		fmt.Fprintf(c, "GET /web/icon.svg HTTP/1.1\r\nHost: studio\r\n\r\n")
		br := bufio.NewReader(c)
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || resp.Close || string(body) != "raw icon.svg" {
			t.Fatalf("first request: %d, close %v, %q; want 200 on a kept-alive connection", resp.StatusCode, resp.Close, body)
		}
		untilClosed(t, c, br, wait, "idle keep-alive connection")
	})
	t.Run("silent after connecting", func(t *testing.T) {
		addr, _ := serve(t, h, Limits{Header: 200 * time.Millisecond, Idle: 10 * time.Second, Stall: 10 * time.Second, MaxHeaderBytes: 16 << 10})
		c := dial(t, addr)
		untilClosed(t, c, c, wait, "connection that sends nothing")
	})
	t.Run("half a request", func(t *testing.T) {
		addr, _ := serve(t, h, Limits{Header: 200 * time.Millisecond, Idle: 10 * time.Second, Stall: 10 * time.Second, MaxHeaderBytes: 16 << 10})
		c := dial(t, addr)
		fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: studio\r\n")
		untilClosed(t, c, c, wait, "connection with half a request")
	})
}

// bigWasm is a handler whose app.wasm (served as is) is 8 MB, as large as the studio's.
func bigWasm(t *testing.T) (http.Handler, int) {
	t.Helper()
	o, _ := webFixture(t)
	os.Remove(filepath.Join(o.WebDir, "app.wasm.br"))
	os.Remove(filepath.Join(o.WebDir, "app.wasm.gz"))
	data := bytes.Repeat([]byte("0123456789abcdef"), 8<<20/16)
	if err := os.WriteFile(filepath.Join(o.WebDir, "app.wasm"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return newTestHandler(t, o), len(data)
}

// TestASlowDownloadIsNotCut: a phone reading an 8 MB file far more slowly than Stall allows for
// the whole file still gets all of it, as long as it keeps reading; and the read timeout
// (Header), which ends long before the download does, does not cut it either.
func TestASlowDownloadIsNotCut(t *testing.T) {
	h, size := bigWasm(t)
	addr, _ := serve(t, h, Limits{Header: 500 * time.Millisecond, Idle: 10 * time.Second, Stall: time.Second, MaxHeaderBytes: 16 << 10})
	c := dial(t, addr)
	fmt.Fprintf(c, "GET /web/app.wasm HTTP/1.1\r\nHost: studio\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(5 * time.Minute))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	// 32 KB every 10 ms: some 2.5 s for the file, each 64 KB write taken within some 20 ms.
	start, got, buf := time.Now(), 0, make([]byte, 32<<10)
	for {
		n, err := io.ReadFull(resp.Body, buf)
		got += n
		if err != nil {
			break
		}
		time.Sleep(10 * time.Millisecond) // the slow reader under test, not an ordering
	}
	if got != size {
		t.Fatalf("a reader taking %v got %d of %d bytes; want all of them", time.Since(start).Round(time.Millisecond), got, size)
	}
}

// TestAStalledDownloadIsCut: a client that asks for an 8 MB file and stops reading has its
// connection closed after Stall, instead of holding it for ever.
func TestAStalledDownloadIsCut(t *testing.T) {
	h, size := bigWasm(t)
	addr, closed := serve(t, h, Limits{Header: 10 * time.Second, Idle: 10 * time.Second, Stall: 300 * time.Millisecond, MaxHeaderBytes: 16 << 10})
	c := dial(t, addr)
	fmt.Fprintf(c, "GET /web/app.wasm HTTP/1.1\r\nHost: studio\r\n\r\n")
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the server still held the connection of a client that stopped reading 10 s before")
	}
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, _ := io.Copy(io.Discard, c)
	if n >= int64(size) {
		t.Errorf("the client got %d bytes; want the download cut short of %d", n, size)
	}
}

// TestBadRequestsGetClientErrors sends raw request lines to the real server: every path a client
// can send gets a 4xx, never a 500 or a stack trace.
func TestBadRequestsGetClientErrors(t *testing.T) {
	o, _ := webFixture(t)
	addr, _ := serve(t, newTestHandler(t, o), DefaultLimits)
	long := strings.Repeat("a", 300)
	notFound := []int{400, 404} // either is a sensible answer to a path that names nothing
	for _, c := range []struct {
		name, line string
		want       []int
	}{
		{"NUL in a file name", "GET /web/%00 HTTP/1.1", notFound},
		{"NUL after a file name", "GET /web/app.wasm%00 HTTP/1.1", notFound},
		{"NUL in a folder name", "GET /web/%00/0 HTTP/1.1", notFound}, // found by FuzzRequestTarget
		{"NUL in a sample", "GET /web/samples/fox%00.txt HTTP/1.1", notFound},
		{"NUL in a page", "GET /%00 HTTP/1.1", notFound},
		{"long segment", "GET /web/" + long + " HTTP/1.1", notFound},
		{"long wasm name", "GET /web/" + long + ".wasm HTTP/1.1", notFound},
		{"long sample", "GET /web/samples/" + long + ".txt HTTP/1.1", notFound},
		{"long page", "GET /" + long + " HTTP/1.1", notFound},
		{"long URL under the header limit", "GET /web/" + strings.Repeat("a/", 5<<10) + " HTTP/1.1", notFound},
		{"invalid escape", "GET /web/%zz HTTP/1.1", []int{400}},
		{"dot dot", "GET /web/../../../etc/passwd HTTP/1.1", notFound},
		{"escaped dot dot", "GET /web/%2e%2e/%2e%2e/go.mod HTTP/1.1", notFound},
		{"folder", "GET /web/ HTTP/1.1", notFound},
		{"samples folder", "GET /web/samples/ HTTP/1.1", notFound},
		{"compressed copy", "GET /web/app.wasm.br HTTP/1.1", notFound},
		{"very long URL", "GET /web/" + strings.Repeat("a/", 20<<10) + " HTTP/1.1", []int{431}},
		{"OPTIONS *", "OPTIONS * HTTP/1.1", []int{405}},
	} {
		t.Run(c.name, func(t *testing.T) {
			conn := dial(t, addr)
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			fmt.Fprintf(conn, "%s\r\nHost: studio\r\nConnection: close\r\n\r\n", c.line)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			if !slices.Contains(c.want, resp.StatusCode) || bytes.Contains(body, []byte("goroutine")) {
				t.Errorf("%.60s…: %d %.200q; want %v", c.line, resp.StatusCode, body, c.want)
			}
		})
	}
}
