package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
)

// overfitStory ends in a sentence unlike the fables before it: the validation windows come from
// its end, so that their loss falls at first and then rises.
var overfitStory = strings.Repeat("the fox saw the grapes and said they were sour . | the tortoise won the race because he never stopped . | ", 8) +
	"a quick brown dog jumps over lazy wolves, zebras and kings; quiet vixens hum. "

// TestCLIWritesWithTheBestWeights: train keeps the best check's weights beside the latest in the
// model file, and predict writes with the best unless -weights latest; a -weights that is neither
// is a usage error.
func TestCLIWritesWithTheBestWeights(t *testing.T) {
	dir := t.TempDir()
	text, path := filepath.Join(dir, "story.txt"), filepath.Join(dir, "m.fab")
	if err := os.WriteFile(text, []byte(overfitStory), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "train", "-text", text, "-o", path, "-level", "char", "-clean", "none", "-units", "16",
		"-embed", "8", "-seq", "10", "-batch", "32", "-epochs", "3", "-loss", "every", "-optimizer", "adam", "-lr", "0.03",
		"-val_checks", "4", "-seed", "1", "-samples", "0")
	if code != 0 {
		t.Fatalf("train exited %d: %s", code, errOut)
	}
	if !strings.Contains(out, "val check") || !strings.Contains(out, "best so far") {
		t.Errorf("train's report names no validation check or best:\n%s", out)
	}
	m := readModelFile(t, path)
	if m.Best == nil || slices.Equal(m.Best.Weights, m.Net.P.Data) {
		t.Fatalf("the file keeps no best weights apart from the latest (checks %v)", m.History.Checks)
	}
	predict := func(args ...string) string {
		t.Helper()
		out, errOut, code := runCLI(t, append([]string{"predict", "-model", path, "-prompt", "the fox", "-k", "3"}, args...)...)
		if code != 0 {
			t.Fatalf("predict %q exited %d: %s", args, code, errOut)
		}
		return strings.TrimSpace(out)
	}
	want := func(net *lm.Net) string {
		_, next, _ := lm.NewGenerator(net, m.Tok).Predict("the fox", 3)
		var v struct {
			Next []lm.Candidate `json:"next"`
		}
		v.Next = next
		b, _ := json.Marshal(v.Next)
		return string(b)
	}
	next := func(out string) string {
		var v struct {
			Next json.RawMessage `json:"next"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("predict printed %q: %v", out, err)
		}
		return string(v.Next)
	}
	best, latest := want(m.Net.WithWeights(m.Best.Weights)), want(m.Net)
	for _, tc := range []struct {
		args []string
		want string
	}{{nil, best}, {[]string{"-weights", "best"}, best}, {[]string{"-weights", "latest"}, latest}} {
		if got := next(predict(tc.args...)); got != tc.want {
			t.Errorf("predict %q: got %s; want %s", tc.args, got, tc.want)
		}
	}
	_, errOut, code = runCLI(t, "generate", "-model", path, "-weights", "first")
	if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "best or latest") {
		t.Errorf("generate -weights first: exit %d, %q; want 2 and one line naming best or latest", code, errOut)
	}
}
