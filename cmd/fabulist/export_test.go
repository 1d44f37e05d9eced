//go:build !wasm

package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/lm"
)

// TestTFJSExportPredictsLikeFabulist loads the export in @tensorflow/tfjs 4.22 under Node and
// compares its next-token probabilities with fabulist predict's: for the book's full windows, and
// for the windows shorter than seq_length that a model without the book's separators is fed on a
// short prompt, at both levels, without cleaning, with one and two layers of each cell (TF.js's
// LSTM, its GRU, which is Keras' reset_after=False, and its SimpleRNN).
func TestTFJSExportPredictsLikeFabulist(t *testing.T) {
	need.Command(t, "apt install nodejs", "node")
	if _, err := os.Stat("tfjs-test/node_modules/@tensorflow/tfjs"); err != nil {
		need.Skip(t, "@tensorflow/tfjs is not installed (npm ci --prefix tfjs-test): the TF.js export was not checked")
	}
	cases := []struct {
		name, text, level, clean, seq, layers, prompt, cell string
		short                                               bool // the window fed is shorter than seq_length
	}{
		{"book 1 layer", "samples/fables.txt", "word", "book", "8", "1", "the owl and the", "lstm", false},
		{"book 2 layers", "samples/fables.txt", "word", "book", "8", "2", "the owl and the", "lstm", false},
		{"words short prompt", "samples/fables.txt", "word", "none", "8", "1", "The owl", "lstm", true},
		{"words line break 2 layers", "samples/fables.txt", "word", "none", "8", "2", "the lantern.\nThe owl", "lstm", true},
		{"words no prompt", "samples/fables.txt", "word", "none", "8", "1", "", "lstm", true},
		{"characters short prompt 2 layers", "samples/fables.txt", "char", "none", "16", "2", "The o", "lstm", true},
		{"characters Korean", "samples/fables-ko.txt", "char", "none", "16", "1", "거북이", "lstm", true},
		{"gru book 2 layers", "samples/fables.txt", "word", "book", "8", "2", "the owl and the", "gru", false},
		{"gru words short prompt", "samples/fables.txt", "word", "none", "8", "1", "The owl", "gru", true},
		{"gru characters Korean 2 layers", "samples/fables-ko.txt", "char", "none", "16", "2", "거북이", "gru", true},
		{"simple book 2 layers", "samples/fables.txt", "word", "book", "8", "2", "the owl and the", "simple", false},
		{"simple words short prompt", "samples/fables.txt", "word", "none", "8", "1", "The owl", "simple", true},
		{"simple characters Korean 2 layers", "samples/fables-ko.txt", "char", "none", "16", "2", "거북이", "simple", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			mpath := filepath.Join(dir, "m.fab")
			if _, errOut, code := runCLI(t, "train", "-text", c.text, "-level", c.level, "-clean", c.clean, "-units", "24",
				"-embed", "12", "-seq", c.seq, "-layers", c.layers, "-cell", c.cell, "-epochs", "2", "-samples", "0", "-o", mpath); code != 0 {
				t.Fatal(errOut)
			}
			if _, errOut, code := runCLI(t, "export", "-format", "tfjs", "-model", mpath, "-o", filepath.Join(dir, "tfjs")); code != 0 {
				t.Fatal(errOut)
			}
			out, errOut, code := runCLI(t, "predict", "-model", mpath, "-prompt", c.prompt, "-k", "25")
			var pr struct {
				Input []int32
				Next  []struct {
					ID int32
					P  float64
				}
				Unknown []string
			}
			if code != 0 || json.Unmarshal([]byte(out), &pr) != nil {
				t.Fatalf("predict: %s %s", out, errOut)
			}
			seq, _ := strconv.Atoi(c.seq)
			if short := len(pr.Input) < seq; short != c.short || len(pr.Unknown) != 0 {
				t.Fatalf("predict fed %d ids for seq_length %d (unknown %q); the case wants a short window: %v", len(pr.Input), seq, pr.Unknown, c.short)
			}
			args := []string{"tfjs-test/check.js", filepath.Join(dir, "tfjs")}
			for _, id := range pr.Input {
				args = append(args, strconv.Itoa(int(id)))
			}
			cmd := exec.Command("node", args...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			js, err := cmd.Output()
			if err != nil {
				t.Fatalf("TF.js on a window of %s: %v\n%s", lm.Plural(len(pr.Input), "id", "ids"), err, stderr.String())
			}
			var probs []float64
			if err := json.Unmarshal(js, &probs); err != nil {
				t.Fatalf("TF.js printed %q", js)
			}
			worst := 0.0
			for _, n := range pr.Next {
				worst = math.Max(worst, math.Abs(probs[n.ID]-n.P))
			}
			t.Logf("window of %s: largest difference over the top 25 next tokens %.2g", lm.Plural(len(pr.Input), "id", "ids"), worst)
			if worst > 1e-5 {
				t.Errorf("TF.js and fabulist differ by %.3g (want ≤ 1e-5)", worst)
			}
		})
	}
}
