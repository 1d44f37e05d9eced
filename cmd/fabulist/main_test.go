package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"fabulist/internal/need"
)

// runCLI runs the command line in this process. A panic that escapes run, or one that run turned
// into its "internal error" line, fails the test instead of ending the test binary.
// TestMain runs the command's tests from the repository's top folder, where people run fabulist
// and where the samples, the Makefile and tfjs-test are.
func TestMain(m *testing.M) {
	if err := os.Chdir(need.Root()); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%q panicked: %v\n%s", args, r, debug.Stack())
			stdout, stderr, code = o.String(), e.String(), -1
		}
	}()
	code = run(args, &o, &e)
	if strings.Contains(e.String(), "internal error") {
		t.Errorf("%q hit a bug: %s", args, e.String())
	}
	return o.String(), e.String(), code
}

func TestCLITrainGeneratePredict(t *testing.T) {
	dir := t.TempDir()
	mpath := filepath.Join(dir, "m.fab")
	out, errOut, code := runCLI(t, "train", "-text", "samples/fables.txt", "-epochs", "2", "-units", "32",
		"-embed", "16", "-seq", "8", "-json", "-report", "5", "-samples", "5", "-o", mpath)
	if code != 0 {
		t.Fatalf("train exited %d: %s", code, errOut)
	}
	var ends int
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		var p struct {
			Epoch       int      `json:"epoch"`
			Batch       int      `json:"batch"`
			Loss        float64  `json:"loss"`
			SamplesPerS float64  `json:"samples_per_s"`
			ValLoss     *float64 `json:"val_loss"`
			Samples     []struct{ Temperature float64 }
		}
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", line, err)
		}
		if p.Epoch < 1 || p.Loss <= 0 || p.SamplesPerS <= 0 {
			t.Errorf("report without progress: %q", line)
		}
		if p.ValLoss != nil {
			ends++
			if len(p.Samples) != 4 {
				t.Errorf("epoch end with %d samples; want the book's 4 temperatures", len(p.Samples))
			}
		}
	}
	if ends != 2 {
		t.Errorf("got %d reports with val_loss; want one per epoch, 2", ends)
	}

	out, errOut, code = runCLI(t, "generate", "-model", mpath, "-prompt", "the owl", "-n", "12", "-seed", "5")
	if code != 0 || !strings.HasPrefix(out, "the owl") {
		t.Fatalf("generate exited %d, printed %q: %s", code, out, errOut)
	}
	again, _, _ := runCLI(t, "generate", "-model", mpath, "-prompt", "the owl", "-n", "12", "-seed", "5")
	if again != out {
		t.Errorf("the same seed wrote %q, then %q", out, again)
	}

	out, _, code = runCLI(t, "predict", "-model", mpath, "-prompt", "the fox and the", "-k", "4")
	var pr struct {
		Input []int32
		Next  []struct {
			Token string
			ID    int32
			P     float64
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &pr) != nil || len(pr.Input) != 8 || len(pr.Next) != 4 || pr.Next[0].P < pr.Next[3].P {
		t.Errorf("predict exited %d with %q", code, out)
	}
}

func TestCLIVocabCharLevelKorean(t *testing.T) {
	out, errOut, code := runCLI(t, "vocab", "-level", "char", "-clean", "none", "samples/fables-ko.txt")
	var v struct {
		Tokens    int              `json:"tokens"`
		VocabSize int              `json:"vocab_size"`
		WordIndex map[string]int32 `json:"word_index"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("vocab exited %d: %s %s", code, out, errOut)
	}
	if v.WordIndex[" "] != 1 || v.WordIndex["거"] == 0 || v.WordIndex["🐜"] == 0 || v.VocabSize != len(v.WordIndex)+1 {
		t.Errorf("word_index: space=%d 거=%d 🐜=%d, %d entries, vocab_size %d", v.WordIndex[" "], v.WordIndex["거"], v.WordIndex["🐜"], len(v.WordIndex), v.VocabSize)
	}
}

func TestCLIUserMistakes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("caf\xe9 latin-1"), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte(" \n\t "), 0o644)
	short := filepath.Join(dir, "short.txt")
	os.WriteFile(short, []byte("a tiny text"), 0o644)
	corrupt := filepath.Join(dir, "c.fab")
	os.WriteFile(corrupt, []byte("FABULIST\x01\x00\x00\x00garbage"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"train"}, 2, "-text is required"},
		{[]string{"train", "-text", bad}, 1, "not valid UTF-8"},
		{[]string{"train", "-text", empty}, 1, "empty"},
		{[]string{"train", "-text", short}, 1, "too short"},
		{[]string{"train", "-text", "samples/fables.txt", "-units", "0"}, 2, "units must be"},
		{[]string{"train", "-text", filepath.Join(dir, "missing.txt")}, 1, "no such file"},
		{[]string{"generate", "-model", corrupt}, 1, "truncated"},
		{[]string{"generate", "-model", corrupt, "-temp", "-1"}, 2, "temperature"},
		{[]string{"predict", "-model", bad, "-prompt", "x"}, 1, "not a Fabulist model"},
		{[]string{"vocab", "-seq", "-1", "samples/fables.txt"}, 2, "seq_length must be"},
		{[]string{"vocab", "-clean", "book", "-lines", "samples/fables.txt"}, 2, "-lines"},
	}
	for _, c := range cases {
		_, errOut, code := runCLI(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "goroutine") {
			t.Errorf("%q: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, errOut, c.code, c.want)
		}
	}
}

// vocabOf runs fabulist vocab and returns its tokens in id order (id 1 first) and its split.
func vocabOf(t *testing.T, args ...string) ([]string, string) {
	t.Helper()
	out, errOut, code := runCLI(t, append([]string{"vocab"}, args...)...)
	if code != 0 {
		t.Fatalf("vocab %q exited %d: %s", args, code, errOut)
	}
	var v struct {
		VocabSize int    `json:"vocab_size"`
		Split     string `json:"split"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("vocab printed %q: %v", out, err)
	}
	// word_index is an ordered object: read its keys in order.
	dec := json.NewDecoder(strings.NewReader(out[strings.Index(out, `"word_index": `)+len(`"word_index": `):]))
	dec.Token() // {
	var words []string
	for dec.More() {
		k, _ := dec.Token()
		var id int
		dec.Decode(&id)
		if id != len(words)+1 {
			t.Fatalf("word_index: %q has id %d; want %d", k, id, len(words)+1)
		}
		words = append(words, k.(string))
	}
	if len(words) != v.VocabSize-1 {
		t.Fatalf("%d words for vocab_size %d", len(words), v.VocabSize)
	}
	return words, v.Split
}

// TestCLIVocabIsTheModels is issue #10's: vocab, train and predict tokenize one way, so the
// vocabulary vocab prints is the trained model's, and a prompt from the text has no unknown token.
func TestCLIVocabIsTheModels(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "lines.txt")
	os.WriteFile(text, []byte(strings.Repeat("The fox ran.\nthe dog sat.\r\n\tΟΔΥΣΣΕΥΣ\u00a0sailed home.\n\n", 6)), 0o644)
	for _, c := range []struct{ level, clean, prompt string }{
		{"word", "none", "the fox ran."},
		{"char", "none", "the fox ran.\nοδυσσευς"},
		{"word", "book", "the fox ran ."},
	} {
		t.Run(c.level+" "+c.clean, func(t *testing.T) {
			words, split := vocabOf(t, "-level", c.level, "-clean", c.clean, "-seq", "4", text)
			mpath := filepath.Join(dir, c.level+c.clean+".fab")
			if _, errOut, code := runCLI(t, "train", "-text", text, "-level", c.level, "-clean", c.clean, "-seq", "4",
				"-units", "4", "-embed", "2", "-epochs", "1", "-samples", "0", "-o", mpath); code != 0 {
				t.Fatal(errOut)
			}
			m, err := readModel(mpath)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(words, m.Tok.Words[1:]) || split != string(m.Tok.Split) {
				t.Errorf("vocab prints %q (split %s); the model holds %q (split %s)", words, split, m.Tok.Words[1:], m.Tok.Split)
			}
			if c.clean == "none" && !slices.Contains(words, "\n") {
				t.Errorf("no line-break token in %q", words)
			}
			out, _, code := runCLI(t, "predict", "-model", mpath, "-prompt", c.prompt)
			var pr struct{ Unknown []string }
			if code != 0 || json.Unmarshal([]byte(out), &pr) != nil || len(pr.Unknown) != 0 {
				t.Errorf("predict %q: exit %d, %s", c.prompt, code, out)
			}
		})
	}
	// -lines is Keras' fit_on_texts(lines): words cut on ' ' alone, so the tab stays in a token.
	words, split := vocabOf(t, "-lines", text)
	if split != "space" || !slices.Contains(words, "\tοδυσσευς\u00a0sailed") || slices.Contains(words, "\n") {
		t.Errorf("vocab -lines: split %s, words %q", split, words)
	}
}
