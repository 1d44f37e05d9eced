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

// TestKernelsWasmIsAssembledFromSource: kernels.wasm and kernels_fma.wasm are committed so that
// the page builds with Go alone, and each must be what wat2wasm makes of its text today (make
// kernels rebuilds them).
func TestKernelsWasmIsAssembledFromSource(t *testing.T) {
	wat2wasm := need.Command(t, "apt install wabt", "wat2wasm")
	for _, c := range []struct {
		name  string
		flags []string
	}{
		{"kernels", nil},
		{"kernels_fma", []string{"--enable-relaxed-simd"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), c.name+".wasm")
			args := append(append([]string{}, c.flags...), c.name+".wat", "-o", out)
			if msg, err := exec.Command(wat2wasm, args...).CombinedOutput(); err != nil {
				t.Fatalf("wat2wasm %s.wat: %v\n%s", c.name, err, msg)
			}
			want, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(c.name + ".wasm")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s.wasm (%d bytes) is not %s.wat assembled (%d bytes): run make kernels and commit it", c.name, len(got), c.name, len(want))
			}
		})
	}
}
