//go:build !wasm

package server

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestSiteWritesTheCompressedCopies: fabulist site wrote app.wasm alone, so a static host that
// serves pre-compressed files (nginx's gzip_static) sent the 12 MB module uncompressed. The site
// holds the copies the server would send, not a stale one, and none of an earlier site's files
// this build lacks (its worker.wasm, from before the page and the engine were one module).
func TestSiteWritesTheCompressedCopies(t *testing.T) {
	o, _ := webFixture(t)
	stale := filepath.Join(o.WebDir, "simd.wasm.br")
	if err := os.WriteFile(stale, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil { // older than simd.wasm
		t.Fatal(err)
	}
	out := t.TempDir()
	earlier := map[string]string{"web/worker.wasm": "an earlier engine", "web/worker.wasm.br": "its brotli", "web/simd.wasm.br": "an earlier copy"}
	for name, body := range earlier {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(out, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteSite(o, out, "/fab"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"web/app.wasm": "raw app.wasm", "web/app.wasm.br": "brotli", "web/app.wasm.gz": "gzipped"} {
		if got, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(got) != want {
			t.Errorf("%s: got %q (%v); want %q", name, got, err, want)
		}
	}
	for name := range earlier {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s is still in the site; want it removed: this build has none", name)
		}
	}
}
