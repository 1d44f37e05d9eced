//go:build !wasm

package server

import (
	"bytes"
	"net/http"
	"strings"
	"time"
)

// getOrHead answers 405 to every method but GET and HEAD, on every path: the server only sends
// files. OPTIONS too: the studio makes no cross-origin requests, so there is no preflight to
// answer.
func getOrHead(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed: this server only sends files (GET, HEAD)", http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// proxied are the paths go-app fetches from the server itself on each first request, at the
// URL the request's Host header names, with no timeout, and then serves to everyone: a client
// could make the server fetch from any host and poison the answer. The studio has none of them.
var proxied = map[string]bool{"/robots.txt": true, "/sitemap.xml": true, "/ads.txt": true}

// route sends /web/ (and go-app's aliases of app.wasm) to the static files, answers go-app's
// proxied paths with 404, and gives the rest to go-app's pages.
func route(static *webFiles, pages http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case strings.HasPrefix(p, "/web/"):
			static.ServeHTTP(w, r)
		case p == "/app.wasm" || p == "/goapp.wasm":
			r2 := r.Clone(r.Context())
			r2.URL.Path, r2.URL.RawPath = static.AppWASM(), ""
			static.ServeHTTP(w, r2)
		case proxied[p]:
			http.NotFound(w, r)
		default:
			servePage(w, r, pages)
		}
	})
}

// servePage has go-app answer (a page, app.js, its service worker, its manifest) and sends the
// answer with an ETag hashed from its bytes. go-app's own ETag is its Version on every answer,
// and it answers 304 to that before looking at the path, so it cannot tell one file's revision
// from another's.
func servePage(w http.ResponseWriter, r *http.Request, pages http.Handler) {
	inner := r.Clone(r.Context())
	inner.Header.Del("If-None-Match")
	rec := newRecorder()
	pages.ServeHTTP(rec, inner)
	hd := w.Header()
	for k, v := range rec.header {
		if k != "Etag" && k != "Content-Length" {
			hd[k] = v
		}
	}
	if rec.status == http.StatusOK && r.URL.Path != "/" && r.URL.Path != "/index.html" && strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
		// The studio is the only page, and go-app renders it at any path so that a mistyped or
		// stale address still opens it (the page then says what it could not find); the status
		// tells crawlers and tools that the path itself names nothing. /index.html is the
		// studio's own, as the page takes it (app.checkPath) and static hosts serve it.
		rec.status = http.StatusNotFound
	}
	if rec.status != http.StatusOK {
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
		return
	}
	hd.Set("ETag", newBody("", rec.body.Bytes()).etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(rec.body.Bytes()))
}

// recorder keeps an answer in memory: go-app's answers are small (the page, a few scripts).
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func newRecorder() *recorder { return &recorder{header: http.Header{}, status: http.StatusOK} }

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
