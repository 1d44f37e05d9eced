//go:build !wasm

package app

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
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
	os.WriteFile(filepath.Join(dir, "worker.wasm.br"), []byte("stale"), 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "worker.wasm.br"), old, old) // older than worker.wasm
	Register()
	h, err := NewHandler(ServerOptions{WebDir: dir, Samples: fstest.MapFS{"a.txt": {Data: []byte("a story")}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, accept, encoding, body string }{
		{"/web/app.wasm", "gzip, deflate, br, zstd", "br", "brotli"},
		{"/web/app.wasm", "gzip, deflate", "gzip", "gzipped"},
		{"/web/app.wasm", "gzip, br;q=0", "gzip", "gzipped"},
		{"/web/app.wasm", "", "", "raw app.wasm"},
		{"/web/worker.wasm", "br", "", "raw worker.wasm"}, // a stale .br is not served
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
