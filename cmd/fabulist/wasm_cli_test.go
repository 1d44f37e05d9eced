//go:build !wasm

package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fabulist/internal/need"
)

// TestWasmBuildRunsUnderNode builds this command for GOOS=js GOARCH=wasm and runs it under Node
// with Go's go_js_wasm_exec: it must read files and print what the native build prints, and train.
func TestWasmBuildRunsUnderNode(t *testing.T) {
	need.Command(t, "apt install nodejs", "node")
	goroot := runtime.GOROOT()
	bin := filepath.Join(t.TempDir(), "fabulist.wasm")
	build := exec.Command("go", "build", "-o", bin, "./cmd/fabulist")
	build.Env = append(build.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("wasm build: %v\n%s", err, out)
	}
	exe := filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec")
	out, err := exec.Command(exe, bin, "vocab", "-level", "char", "-clean", "none", "samples/fables-ko.txt").Output()
	if err != nil {
		t.Fatalf("vocab under node: %v", err)
	}
	native, _, _ := runCLI(t, "vocab", "-level", "char", "-clean", "none", "samples/fables-ko.txt")
	if string(out) != native {
		t.Errorf("wasm vocab differs from native:\n%.200s\n%.200s", out, native)
	}
	train, err := exec.Command(exe, bin, "train", "-text", "samples/fables.txt", "-units", "16", "-embed", "8",
		"-seq", "8", "-max-batches", "3", "-report", "1", "-json", "-samples", "0").CombinedOutput()
	if err != nil || strings.Count(string(train), `"samples_per_s"`) != 3 {
		t.Errorf("train under node (%v):\n%s", err, train)
	}
}
