//go:build !wasm

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fabulist/internal/need"
)

// TestWebBuildsWithGoAlone runs make web, the build behind make run, with a PATH that has the
// system's base tools and Go but no wat2wasm, brotli, Node or Chromium, as a fresh machine has:
// the page must come out whole, SIMD kernels included, as one module for the page and the engine.
func TestWebBuildsWithGoAlone(t *testing.T) {
	makePath := need.Command(t, "apt install make", "make")
	goPath, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	left := map[string]bool{"wat2wasm": true, "brotli": true, "node": true, "nodejs": true, "npm": true, "npx": true, "chromium": true}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if left[e.Name()] || strings.HasPrefix(e.Name(), "wasm") {
				continue
			}
			os.Symlink(filepath.Join(dir, e.Name()), filepath.Join(bin, e.Name())) // the first on PATH wins
		}
	}
	os.Remove(filepath.Join(bin, "go"))
	if err := os.Symlink(goPath, filepath.Join(bin, "go")); err != nil {
		t.Fatal(err)
	}
	web := t.TempDir()
	cmd := exec.Command(makePath, "-s", "web", "WEBDIR="+web)
	cmd.Env = append(os.Environ(), "PATH="+bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make web without wat2wasm, brotli and node: %v\n%s", err, out)
	}
	for _, f := range []string{"app.wasm", "app.wasm.gz", "wasm_exec.js"} {
		if st, err := os.Stat(filepath.Join(web, f)); err != nil || st.Size() == 0 {
			t.Errorf("make web made no %s (%v)", f, err)
		}
	}
	// The page and the engine are one module: a second would be downloaded a second time.
	if _, err := os.Stat(filepath.Join(web, "worker.wasm")); err == nil {
		t.Errorf("make web made worker.wasm; want one module, app.wasm, for the page and the engine")
	}
	for module, built := range map[string]string{"kernels.wasm": "simd.wasm", "kernels_fma.wasm": "simd_fma.wasm"} {
		kernels, err := os.ReadFile("model/nn/simd/" + module)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(web, built)); err != nil || !bytes.Equal(got, kernels) {
			t.Errorf("make web did not install the SIMD kernels' %s as %s (%v)", module, built, err)
		}
	}
}
