//go:build !wasm

package server

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

func TestWasmIsServedInTheBestEncodingTheBrowserTakes(t *testing.T) {
	dir := t.TempDir()
	for _, f := range builtFiles {
		os.WriteFile(filepath.Join(dir, f), []byte("raw "+f), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "app.wasm.gz"), []byte("gzipped"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.wasm.br"), []byte("brotli"), 0o644)
	os.WriteFile(filepath.Join(dir, "simd.wasm.br"), []byte("stale"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "simd.wasm.br"), old, old) // older than simd.wasm

	h, err := NewHandler(Options{WebDir: dir, Samples: fstest.MapFS{"a.txt": {Data: []byte("a story")}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, accept, encoding, body string }{
		{"/web/app.wasm", "gzip, deflate, br, zstd", "br", "brotli"},
		{"/web/app.wasm", "gzip, deflate", "gzip", "gzipped"},
		{"/web/app.wasm", "gzip, br;q=0", "gzip", "gzipped"},
		{"/web/app.wasm", "", "", "raw app.wasm"},
		{"/web/simd.wasm", "br", "", "raw simd.wasm"}, // a stale .br is not served
	} {
		req := httptest.NewRequest(http.MethodGet, c.path, nil)
		req.Header.Set("Accept-Encoding", c.accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if got := rec.Header().Get("Content-Encoding"); got != c.encoding || rec.Body.String() != c.body {
			t.Errorf("%s with %q: encoding %q body %q; want %q %q", c.path, c.accept, got, rec.Body.String(), c.encoding, c.body)
		}
		if rec.Header().Get(RawLengthHeader) == "" {
			t.Errorf("%s: no raw length for the progress bar", c.path)
		}
	}
}

// webFixture writes a built page to a temporary folder, each file holding its own name, with a
// gzip and a brotli copy of app.wasm, and a folder of samples (one with a Korean name) that a
// test may edit before it makes a new handler, as after a rebuild and a restart.
func webFixture(t testing.TB) (o Options, samplesDir string) {
	t.Helper()
	dir, samplesDir := t.TempDir(), t.TempDir()
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range builtFiles {
		write(filepath.Join(dir, f), "raw "+f)
	}
	write(filepath.Join(dir, "app.wasm.gz"), "gzipped")
	write(filepath.Join(dir, "app.wasm.br"), "brotli")
	write(filepath.Join(samplesDir, "fox.txt"), "The fox and the grapes.")
	write(filepath.Join(samplesDir, "토끼.txt"), "토끼와 거북이.")

	return Options{WebDir: dir, Samples: os.DirFS(samplesDir)}, samplesDir
}

func newTestHandler(t testing.TB, o Options) http.Handler {
	t.Helper()
	h, err := NewHandler(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// get sends h one request; headers come in name, value pairs.
func get(h http.Handler, method, target string, headers ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestEveryFileGetsANewETagWhenItChanges edits each file served, one at a time, in each coding,
// and restarts: a browser holding the old ETag must get the new file, not 304, and go-app's
// service worker must change, or it keeps serving the old file from its cache.
func TestEveryFileGetsANewETagWhenItChanges(t *testing.T) {
	type change struct {
		name, target, accept string
		edit                 func(o Options, samples string) // changes what target serves
		want                 string                          // in the new body
	}
	appendTo := func(path string) error {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.WriteString(" edited")
		return err
	}
	var changes []change
	for _, f := range builtFiles {
		changes = append(changes, change{f, "/web/" + f, "", func(o Options, _ string) { appendTo(filepath.Join(o.WebDir, f)) }, "edited"})
	}
	changes = append(changes,
		change{"app.wasm.br", "/web/app.wasm", "br", func(o Options, _ string) { appendTo(filepath.Join(o.WebDir, "app.wasm.br")) }, "brotli edited"},
		change{"app.wasm.gz", "/web/app.wasm", "gzip", func(o Options, _ string) { appendTo(filepath.Join(o.WebDir, "app.wasm.gz")) }, "gzipped edited"},
		change{"sample", "/web/samples/fox.txt", "", func(_ Options, s string) { appendTo(filepath.Join(s, "fox.txt")) }, "grapes. edited"},
		change{"Korean sample", "/web/samples/" + url.PathEscape("토끼.txt"), "", func(_ Options, s string) { appendTo(filepath.Join(s, "토끼.txt")) }, "거북이. edited"},
		change{"new sample", "/web/samples/index.json", "", func(_ Options, s string) {
			os.WriteFile(filepath.Join(s, "crow.txt"), []byte("The crow and the pitcher."), 0o644)
		}, `"crow.txt"`},
	)
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			o, samples := webFixture(t)
			before := newTestHandler(t, o)
			old := get(before, "GET", c.target, "Accept-Encoding", c.accept)
			oldWorker := get(before, "GET", "/app-worker.js")
			c.edit(o, samples)
			after := newTestHandler(t, o)

			got := get(after, "GET", c.target, "Accept-Encoding", c.accept, "If-None-Match", old.Header().Get("ETag"))
			if got.Code != http.StatusOK || !strings.Contains(got.Body.String(), c.want) {
				t.Fatalf("GET %s with the old ETag %s after an edit: %d %q; want 200 with %q", c.target, old.Header().Get("ETag"), got.Code, got.Body.String(), c.want)
			}
			etag := got.Header().Get("ETag")
			if etag == "" || etag == old.Header().Get("ETag") {
				t.Errorf("ETag after the edit %q; want a new one (before: %q)", etag, old.Header().Get("ETag"))
			}
			if again := get(after, "GET", c.target, "Accept-Encoding", c.accept, "If-None-Match", etag); again.Code != http.StatusNotModified {
				t.Errorf("GET with the new ETag: %d; want 304", again.Code)
			}
			worker := get(after, "GET", "/app-worker.js", "If-None-Match", oldWorker.Header().Get("ETag"))
			if worker.Code != http.StatusOK || worker.Body.String() == oldWorker.Body.String() {
				t.Errorf("service worker after the edit: %d, same body %v; want 200 with a new version", worker.Code, worker.Body.String() == oldWorker.Body.String())
			}
		})
	}
}

// TestUnchangedFilesKeepTheirETags restarts the server over the same files: every answer but the
// page (whose attributes go-app writes in map order) keeps its ETag, so a restart costs no
// browser a download.
func TestUnchangedFilesKeepTheirETags(t *testing.T) {
	o, _ := webFixture(t)
	first, second := newTestHandler(t, o), newTestHandler(t, o)
	targets := []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css", "/web/samples/index.json", "/web/samples/fox.txt"}
	for _, f := range builtFiles {
		targets = append(targets, "/web/"+f)
	}
	for _, target := range targets {
		a, b := get(first, "GET", target), get(second, "GET", target)
		if a.Code != http.StatusOK || a.Header().Get("ETag") == "" || a.Header().Get("ETag") != b.Header().Get("ETag") {
			t.Errorf("%s: %d, ETags %q and %q after a restart; want 200 and one ETag", target, a.Code, a.Header().Get("ETag"), b.Header().Get("ETag"))
		}
	}
}

// TestEachCodingHasItsOwnETag: a cache holding the brotli body must not be told that it matches
// the gzip body.
func TestEachCodingHasItsOwnETag(t *testing.T) {
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	etags := map[string]string{}
	for _, accept := range []string{"br", "gzip", ""} {
		rec := get(h, "GET", "/web/app.wasm", "Accept-Encoding", accept)
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q; want Accept-Encoding", accept, rec.Header().Get("Vary"))
		}
		etag := rec.Header().Get("ETag")
		for other, e := range etags {
			if e == etag {
				t.Errorf("Accept-Encoding %q and %q: one ETag %s; want one per coding", accept, other, etag)
			}
		}
		etags[accept] = etag
	}
	rec := get(h, "GET", "/web/app.wasm", "Accept-Encoding", "gzip", "If-None-Match", etags["br"])
	if rec.Code != http.StatusOK || rec.Body.String() != "gzipped" {
		t.Errorf("gzip asked with the brotli ETag: %d %q; want 200 %q", rec.Code, rec.Body.String(), "gzipped")
	}
}

// TestOnlyGetAndHeadAreAnswered: every other method, on every kind of path, gets 405 and Allow.
// OPTIONS too: the studio makes no cross-origin requests.
func TestOnlyGetAndHeadAreAnswered(t *testing.T) {
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	targets := []string{"/", "/app.js", "/app-worker.js", "/web/app.wasm", "/web/store.js", "/web/samples/index.json", "/web/samples/fox.txt", "/nowhere", "/robots.txt"}
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW"} {
		for _, target := range targets {
			rec := get(h, method, target)
			if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: %d, Allow %q; want 405, Allow %q", method, target, rec.Code, rec.Header().Get("Allow"), "GET, HEAD")
			}
		}
	}
	for _, target := range targets[:7] {
		g, hd := get(h, "GET", target), get(h, "HEAD", target)
		length := hd.Header().Get("Content-Length")
		if hd.Code != http.StatusOK || hd.Body.Len() != 0 || length != strconv.Itoa(g.Body.Len()) || hd.Header().Get("ETag") == "" {
			t.Errorf("HEAD %s: %d, %d bytes, Content-Length %s, ETag %q; want 200, no body, Content-Length %d, an ETag",
				target, hd.Code, hd.Body.Len(), length, hd.Header().Get("ETag"), g.Body.Len())
		}
	}
}

// TestSecurityHeadersOnEveryAnswer covers answers of every kind: page, file, 304, 404, 405.
func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	wasm := get(h, "GET", "/web/app.wasm")
	answers := map[string]*httptest.ResponseRecorder{
		"page": get(h, "GET", "/"), "wasm": wasm, "script": get(h, "GET", "/web/store.js"),
		"304": get(h, "GET", "/web/app.wasm", "If-None-Match", wasm.Header().Get("ETag")),
		"404": get(h, "GET", "/web/nowhere.js"), "405": get(h, "POST", "/"),
	}
	for name, rec := range answers {
		hd := rec.Header()
		if got := hd.Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
			t.Errorf("%s: Cross-Origin-Opener-Policy %q; want same-origin", name, got)
		}
		pp := hd.Get("Permissions-Policy")
		for _, want := range []string{"camera=()", "microphone=()", "geolocation=()", "usb=()", "payment=()", "clipboard-write=(self)"} {
			if !strings.Contains(pp, want) {
				t.Errorf("%s: Permissions-Policy %q; want %s in it", name, pp, want)
			}
		}
		if hd.Get("Content-Security-Policy") == "" || hd.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: CSP %q, X-Content-Type-Options %q; want both", name, hd.Get("Content-Security-Policy"), hd.Get("X-Content-Type-Options"))
		}
	}
}

// TestNothingIsFetchedFromTheHostAClientNames: go-app answers /robots.txt, /sitemap.xml and
// /ads.txt by fetching http://<Host header>/web/… and serving what came back to everyone.
func TestNothingIsFetchedFromTheHostAClientNames(t *testing.T) {
	var fetched atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<h1>not ours</h1>"))
	}))
	defer elsewhere.Close()
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	for _, target := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		req := httptest.NewRequest("GET", target, nil)
		req.Host = strings.TrimPrefix(elsewhere.URL, "http://")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "not ours") {
			t.Errorf("%s with Host %s: %d %q; want 404", target, req.Host, rec.Code, rec.Body.String())
		}
	}
	if n := fetched.Load(); n != 0 {
		t.Errorf("the server fetched %d times from the host a client named; want 0", n)
	}
}

// FuzzRequestTarget sends the handler any request target the server's own parser lets through
// (what it rejects gets 400 before a handler runs): every answer must be a 2xx, 3xx or 4xx,
// without a stack trace. `go test -run '^$' -fuzz FuzzRequestTarget ./app` explores further.
func FuzzRequestTarget(f *testing.F) {
	for _, seed := range []string{"/", "/web/app.wasm", "/web/%00", "/web/samples/fox.txt", "/web/samples/%ED%86%A0%EB%81%BC.txt",
		"/web/" + strings.Repeat("a", 300), "/web/../handler.go", "/web/%2e%2e/x", "//web//app.wasm", "/app.wasm", "/robots.txt",
		"/web/samples/index.json?x=1", "*", "http://elsewhere/web/app.wasm", "/web/" + strings.Repeat("a/", 3000)} {
		f.Add(seed)
	}
	o, _ := webFixture(f)
	h := newTestHandler(f, o)
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + target + " HTTP/1.1\r\nHost: studio\r\n\r\n")))
		if err != nil {
			return // the server answers 400 itself
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code < 200 || rec.Code >= 500 || strings.Contains(rec.Body.String(), "goroutine") {
			t.Errorf("GET %q: %d %.200q; want a 2xx, 3xx or 4xx", target, rec.Code, rec.Body.String())
		}
	})
}

// TestOnlyTheStudiosPathsAreFound: the studio is served at any path, with 200 at its own (/ and
// /index.html, which the page takes as its own and says nothing about) and 404 elsewhere (where
// the page says it has no page there). /index.html was a 404 while the page opened silently.
func TestOnlyTheStudiosPathsAreFound(t *testing.T) {
	o, _ := webFixture(t)
	h := newTestHandler(t, o)
	for path, want := range map[string]int{"/": 200, "/index.html": 200, "/nonexistent": 404, "/a/index.html": 404} {
		rec := get(h, "GET", path)
		if rec.Code != want || !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: %d %q; want %d and the studio's page", path, rec.Code, rec.Header().Get("Content-Type"), want)
		}
	}
}
