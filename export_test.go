//go:build !wasm

package main

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"fabulist/internal/need"
)

// TestTFJSExportPredictsLikeFabulist loads the export in @tensorflow/tfjs 4.22 under Node and
// compares its next-token probabilities with fabulist predict's, for one and two LSTM layers.
func TestTFJSExportPredictsLikeFabulist(t *testing.T) {
	need.Command(t, "apt install nodejs", "node")
	if _, err := os.Stat("tfjs-test/node_modules/@tensorflow/tfjs"); err != nil {
		need.Skip(t, "@tensorflow/tfjs is not installed (npm ci --prefix tfjs-test): the TF.js export was not checked")
	}
	for _, layers := range []string{"1", "2"} {
		dir := t.TempDir()
		mpath := filepath.Join(dir, "m.fab")
		if _, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-units", "24", "-embed", "12",
			"-seq", "8", "-layers", layers, "-epochs", "2", "-samples", "0", "-o", mpath); code != 0 {
			t.Fatal(errOut)
		}
		if _, errOut, code := runCLI(t, "export", "-format", "tfjs", "-model", mpath, "-o", filepath.Join(dir, "tfjs")); code != 0 {
			t.Fatal(errOut)
		}
		out, _, code := runCLI(t, "predict", "-model", mpath, "-prompt", "the owl and the", "-k", "25")
		var pr struct {
			Input []int32
			Next  []struct {
				ID int32
				P  float64
			}
		}
		if code != 0 || json.Unmarshal([]byte(out), &pr) != nil {
			t.Fatalf("predict: %s", out)
		}
		args := []string{"tfjs-test/check.js", filepath.Join(dir, "tfjs")}
		for _, id := range pr.Input {
			args = append(args, strconv.Itoa(int(id)))
		}
		js, err := exec.Command("node", args...).Output()
		if err != nil {
			t.Fatalf("TF.js: %v", err)
		}
		var probs []float64
		if err := json.Unmarshal(js, &probs); err != nil {
			t.Fatalf("TF.js printed %q", js)
		}
		worst := 0.0
		for _, c := range pr.Next {
			worst = math.Max(worst, math.Abs(probs[c.ID]-c.P))
		}
		t.Logf("%s layer(s): largest difference over the top 25 next tokens %.2g", layers, worst)
		if worst > 1e-5 {
			t.Errorf("%s layer(s): TF.js and fabulist differ by %.3g (want ≤ 1e-5)", layers, worst)
		}
	}
}
