//go:build !wasm

package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestQualityEndsWithItsEpochs: -epochs ends a quality study before its sample budget, as a
// learning-rate schedule over those epochs needs, and the study's last line is the run's end.
// Without -epochs, the budget alone ends it.
func TestQualityEndsWithItsEpochs(t *testing.T) {
	tiny := []string{"-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "8", "-batch", "64", "-val", "8"}
	last := func(out string) string {
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return strings.Fields(lines[len(lines)-1])[1] // samples
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"one epoch", []string{"-epochs", "1", "-lr_schedule", "cosine", "-samples", "1000000"}, "epoch"},
		{"the budget", []string{"-samples", "256"}, "256"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, append(append([]string{"quality"}, tiny...), c.args...)...)
			if code != 0 {
				t.Fatal(errOut)
			}
			got, want := last(out), c.want
			if want == "epoch" { // every batch of one epoch of the fables' windows, in batches of 64
				var windows int
				if _, err := fmt.Sscanf(out[strings.Index(out, "step 1, ")+len("step 1, "):], "%d training windows", &windows); err != nil {
					t.Fatalf("no count of training windows in\n%s", out)
				}
				want = fmt.Sprint((windows + 63) / 64 * 64)
			}
			if got != want {
				t.Errorf("the study ended after %s samples; want %s\n%s", got, want, out)
			}
		})
	}
}
