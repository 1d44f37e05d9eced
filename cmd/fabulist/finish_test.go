package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// lastLine is the last line of out.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return lines[len(lines)-1]
}

// tookRe matches the time a last line ends with.
const tookRe = `(\d+\.\d s|\d+ min \d+ s)$`

// TestTrainSaysWhatItWrote: fabulist train ends with one line saying the file it wrote, the
// batches it trained and where the epochs stand, the last and the best validation losses (those
// the file holds) and the time taken; with -json on stderr, so that stdout stays JSON.
func TestTrainSaysWhatItWrote(t *testing.T) {
	tiny := []string{"train", "-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "4", "-samples", "0", "-workers", "1"}
	t.Run("stopped by -max-batches", func(t *testing.T) {
		m := filepath.Join(t.TempDir(), "m.fab")
		out, errOut, code := runCLI(t, append(tiny, "-max-batches", "3", "-o", m)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		want := regexp.MustCompile(`^wrote ` + regexp.QuoteMeta(m) + `: 3 batches, epoch 1 of 1 stopped after batch 3 of 19; no validation check yet; ` + tookRe)
		if got := lastLine(out); !want.MatchString(got) {
			t.Errorf("got %q; want a match of %s", got, want)
		}
	})
	t.Run("every epoch", func(t *testing.T) {
		m := filepath.Join(t.TempDir(), "m.fab")
		out, errOut, code := runCLI(t, append(tiny, "-epochs", "2", "-val_checks", "3", "-o", m)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		model := readModelFile(t, m)
		checks := model.History.Checks
		if len(checks) != 6 || model.Best == nil {
			t.Fatalf("the file holds %d checks and best %v; want 6 and a best", len(checks), model.Best)
		}
		val := fmt.Sprintf("validation loss %.4f", checks[5].ValLoss)
		if model.Best.Check == checks[5] {
			val += " (the best)"
		} else {
			val += fmt.Sprintf(", best %.4f after batch %d", model.Best.ValLoss, model.Best.Batch)
		}
		want := regexp.MustCompile(`^wrote ` + regexp.QuoteMeta(m) + `: 38 batches, 2 epochs done; ` + regexp.QuoteMeta(val) + `; ` + tookRe)
		if got := lastLine(out); !want.MatchString(got) {
			t.Errorf("got %q; want a match of %s", got, want)
		}
	})
	t.Run("-json", func(t *testing.T) {
		m := filepath.Join(t.TempDir(), "m.fab")
		out, errOut, code := runCLI(t, append(tiny, "-max-batches", "2", "-json", "-o", m)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("stdout holds %q, not JSON", line)
			}
		}
		if got := lastLine(errOut); !strings.HasPrefix(got, "wrote "+m+": 2 batches, ") {
			t.Errorf("stderr ends %q; want the last line", got)
		}
	})
	t.Run("no -o", func(t *testing.T) {
		out, errOut, code := runCLI(t, append(tiny, "-max-batches", "1")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if got := lastLine(out); !strings.HasPrefix(got, "trained (no model written: give -o FILE to keep it): 1 batch, ") {
			t.Errorf("got %q; want it to say that nothing was written", got)
		}
	})
}

// TestQATrainSaysWhatItWrote: qa train ends with one line as train does: the file, the batches
// and epochs, the last epoch's validation losses, and the time; with -json on stderr.
func TestQATrainSaysWhatItWrote(t *testing.T) {
	data := qaFolder(t)
	m := filepath.Join(t.TempDir(), "q.fab")
	out, errOut, code := runCLI(t, append([]string{"qa", "train", "-data", data, "-arch", "book", "-epochs", "2", "-workers", "1", "-o", m}, tinyQA...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h := readQA(t, m).History.Val
	if len(h) != 2 {
		t.Fatalf("the file holds %d validations; want 2", len(h))
	}
	val := fmt.Sprintf("validation question loss %.3f, tagger %.3f nats/token", h[1].Question, h[1].Tagger)
	if h[0].Question < h[1].Question {
		val += fmt.Sprintf(" (lowest question loss %.3f after epoch 1; the file holds the last epoch's weights)", h[0].Question)
	}
	want := regexp.MustCompile(`^wrote ` + regexp.QuoteMeta(m) + `: 6 batches, 2 epochs done; ` + regexp.QuoteMeta(val) + `; ` + tookRe)
	if got := lastLine(out); !want.MatchString(got) {
		t.Errorf("got %q; want a match of %s", got, want)
	}

	out, errOut, code = runCLI(t, append([]string{"qa", "train", "-data", data, "-arch", "book", "-max-batches", "1", "-json", "-workers", "1", "-o", m}, tinyQA...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Count(out, "\n") != 1 || !json.Valid([]byte(strings.TrimSpace(out))) {
		t.Errorf("stdout %q; want one JSON report", out)
	}
	if want := "wrote " + m + ": 1 batch, epoch 1 of 3 stopped after batch 1 of 3; no validation yet"; !strings.HasPrefix(lastLine(errOut), want) {
		t.Errorf("stderr ends %q; want %q…", lastLine(errOut), want)
	}
}
