//go:build !wasm

package simd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"fabulist/internal/need"
)

// TestKernelsWasmIsAssembledFromSource: kernels.wasm is committed so that the page builds with Go
// alone, and must be what wat2wasm makes of kernels.wat today (make kernels rebuilds it).
func TestKernelsWasmIsAssembledFromSource(t *testing.T) {
	wat2wasm := need.Command(t, "apt install wabt", "wat2wasm")
	out := filepath.Join(t.TempDir(), "kernels.wasm")
	if msg, err := exec.Command(wat2wasm, "kernels.wat", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("wat2wasm kernels.wat: %v\n%s", err, msg)
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("kernels.wasm")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("kernels.wasm (%d bytes) is not kernels.wat assembled (%d bytes): run make kernels and commit it", len(got), len(want))
	}
}
