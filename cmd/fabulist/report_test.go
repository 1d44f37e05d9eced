package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTrainReportsItsLastBatch: a run shorter than -report batches said nothing at all, so a user
// could not tell how far it got or what its loss was.
func TestTrainReportsItsLastBatch(t *testing.T) {
	m := filepath.Join(t.TempDir(), "m.fab")
	out, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "4",
		"-max-batches", "3", "-report", "10", "-samples", "0", "-json", "-o", m)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if n := strings.Count(out, "\n"); n != 1 || !strings.Contains(out, `"batch":3,`) {
		t.Errorf("%d reports %q; want 1 JSON line for batch 3", n, out)
	}
}
