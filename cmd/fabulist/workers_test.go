package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCLITrainWorkers trains on two workers: the count is recorded in the model, a run without
// -workers trains on every core, the weights are not those of one worker (its batches are split, so its dropout draws differ), a run stopped
// after three batches and resumed without -workers ends with the weights of the run that never
// stopped, and resuming on another count is refused with the count it was trained with.
func TestCLITrainWorkers(t *testing.T) {
	dir := t.TempDir()
	base := []string{"train", "-text", "samples/fables.txt", "-units", "8", "-embed", "6", "-seq", "6", "-epochs", "2",
		"-samples", "0"}
	path := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) {
		t.Helper()
		if _, errOut, code := runCLI(t, append(slices.Clone(base), args...)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
	}
	run("-workers", "2", "-o", path("two.fab"))
	run("-workers", "1", "-o", path("one.fab"))
	run("-max-batches", "1", "-o", path("all.fab"))
	run("-workers", "2", "-max-batches", "3", "-o", path("part.fab"))
	if _, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-resume", path("part.fab"), "-samples", "0",
		"-o", path("resumed.fab")); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, errOut)
	}
	two, one, resumed := readModelFile(t, path("two.fab")), readModelFile(t, path("one.fab")), readModelFile(t, path("resumed.fab"))
	if two.Train == nil || two.Train.Workers != 2 {
		t.Fatalf("the two-worker model records %+v; want 2 workers", two.Train)
	}
	if all := readModelFile(t, path("all.fab")); all.Train == nil || max(all.Train.Workers, 1) != cores() {
		t.Errorf("a run without -workers records %+v; want every core, %d", all.Train, cores())
	}
	if slices.Equal(two.Net.P.Data, one.Net.P.Data) {
		t.Error("two workers trained the very weights of one: -workers did nothing")
	}
	if !slices.Equal(resumed.Net.P.Data, two.Net.P.Data) {
		t.Error("the resumed two-worker run ends with other weights than the run that never stopped")
	}
	_, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-resume", path("part.fab"), "-workers", "1",
		"-samples", "0", "-o", path("other.fab"))
	if code == 0 || !strings.Contains(errOut, "trained on 2 workers") {
		t.Errorf("resuming a two-worker run on one: exit %d, %q; want a refusal naming its 2 workers", code, errOut)
	}
}
