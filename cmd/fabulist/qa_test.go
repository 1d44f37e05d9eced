package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// TestCLIQAGenerateAnswersAreSpans runs qa generate -json on the English and Korean samples and
// requires every answer to be the passage's runes at the offsets given, each pair's sentence the
// text that holds its answer (as the studio's export gives it), and pairs about both.
func TestCLIQAGenerateAnswersAreSpans(t *testing.T) {
	for _, file := range []string{"samples/fables.txt", "samples/fables-ko.txt"} {
		t.Run(file, func(t *testing.T) {
			out, errOut, code := runCLI(t, "qa", "generate", "-json", "-n", "50", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			text, err := readText(file)
			if err != nil {
				t.Fatal(err)
			}
			rs := []rune(text)
			sents := passage.Split(text)
			n := 0
			for line := range strings.Lines(out) {
				// The fields of the studio's export (app's quizRow), and the generator's index.
				var p struct {
					Question, Answer string
					Start, End       int
					Sentence         string
					SentenceIndex    int `json:"sentence_index"`
					Method           qa.Method
					Score            float64
				}
				d := json.NewDecoder(strings.NewReader(line))
				d.DisallowUnknownFields()
				if err := d.Decode(&p); err != nil {
					t.Fatalf("%q: %v", line, err)
				}
				n++
				if p.Start < 0 || p.End > len(rs) || p.Start >= p.End || string(rs[p.Start:p.End]) != p.Answer {
					t.Errorf("%q ⇒ %q at [%d, %d): not the passage's runes there", p.Question, p.Answer, p.Start, p.End)
				}
				// The sentence is the text that holds the answer, as the export gives it, and the
				// index numbers it among the passage's sentences.
				if p.SentenceIndex < 0 || p.SentenceIndex >= len(sents) {
					t.Fatalf("%q: sentence_index %d of %d sentences", line, p.SentenceIndex, len(sents))
				}
				s := sents[p.SentenceIndex]
				if !strings.Contains(p.Sentence, p.Answer) || p.Sentence != qa.OneLine(string(rs[s.Start:s.End])) {
					t.Errorf("%q: sentence %q; want the text of sentence %d, which holds the answer %q", p.Question, p.Sentence, p.SentenceIndex, p.Answer)
				}
				if p.Method != qa.ByRules || p.Question == "" {
					t.Errorf("pair %+v: want a question by the rules", p)
				}
			}
			if file == "samples/fables.txt" && n < 10 {
				t.Errorf("%d pairs about the English fables; want 10 or more", n)
			}
			// A text the rules cannot read gets fill-in-the-blank questions, as in the studio, and
			// a note that says so.
			if file == "samples/fables-ko.txt" && (n < 10 || !strings.Contains(errOut, "does not look like English")) {
				t.Errorf("%d pairs about the Korean fables, stderr %q; want 10 or more, and a note that they are blanks", n, errOut)
			}
			t.Logf("%d pairs", n)
		})
	}
}

func TestCLIQAAsk(t *testing.T) {
	defer func(r io.Reader) { qaStdin = r }(qaStdin)
	in := filepath.Join(t.TempDir(), "in.jsonl")
	lines := `{"context": "The Fox saw some grapes hanging from a vine.", "answer": "The Fox"}
{"context": "A Farmer had three sons.", "answer": "three"}
`
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qaStdin = f
	out, errOut, code := runCLI(t, "qa", "ask")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var p struct{ Question, Answer string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Question+" ⇒ "+p.Answer)
	}
	want := []string{"Who saw some grapes hanging from a vine? ⇒ The Fox", "How many sons did the Farmer have? ⇒ three"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q; want %q", got, want)
	}
}

// TestCLIQAAskRefusesBadLines: each bad line stops the command with a message naming the line
// (and the column) in JSON's words, never encoding/json's, which names Go's types ("json: cannot
// unmarshal string into Go value of type main.askLine").
func TestCLIQAAskRefusesBadLines(t *testing.T) {
	defer func(r io.Reader) { qaStdin = r }(qaStdin)
	for _, c := range []struct{ in, want string }{
		{"not json\n", "line 1, column 2: not JSON; each line is one object, {\"context\": \"...\", \"answer\": \"...\"}"},
		{`{"context": "é b", "answer": "b"` + "\n", "line 1, column 33: the JSON ends too soon"},
		{`{"context": "éé", x}` + "\n", "line 1, column 19: not JSON"},
		{`"The Fox ran."` + "\n", "line 1: a string, not a JSON object"},
		{`["The Fox ran.", "Fox"]` + "\n", "line 1: a list, not a JSON object"},
		{`{"context": 5, "answer": "5"}` + "\n", `line 1: "context" is a number; it must be a string`},
		{`{"context": "The Fox ran.", "answer": ["Fox"]}` + "\n", `line 1: "answer" is a list; it must be a string`},
		{`{"context": "a b"}` + "\n", `line 1: needs both "context" and "answer"`},
		{"null\n", `line 1: needs both "context" and "answer"`},
		{"\n" + `{"context": "a b", "answer": "c"}` + "\n", `line 2: the answer "c" is not in the context`},
		{`{"context": "a b", "answer": ""}` + "\n", `line 1: the answer "" is not in the context`},
	} {
		t.Run(c.want, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "in")
			if err := os.WriteFile(path, []byte(c.in), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			qaStdin = f
			out, errOut, code := runCLI(t, "qa", "ask")
			if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || out != "" ||
				strings.Contains(errOut, "json:") || strings.Contains(errOut, " Go ") {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line saying %q", code, out, errOut, c.want)
			}
		})
	}
}

func TestCLIQAUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"qa"},
		{"qa", "nonsense"},
		{"qa", "generate"},
		{"qa", "generate", "-n", "0", "samples/fables.txt"},
		{"qa", "generate", "-n", "abc", "samples/fables.txt"},
		{"qa", "generate", "samples/fables.txt", "-n", "5"},
		{"qa", "ask", "stray"},
		{"qa", "eval"},
		{"qa", "eval", "-data", "x", "-generator", "gpt"},
		{"qa", "generate", "-beam", "0", "samples/fables.txt"},
		{"qa", "generate", "-beam", "11", "samples/fables.txt"},
		{"qa", "train", "-data", "x"},
		{"qa", "train", "-o", "x.fab"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-units", "0"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-lr", "-1"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-vocab", "4"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-report", "0"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-max-batches", "-1"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-arch", "books"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-glove", "v.txt", "-resume", "x.fab"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-workers", "-1"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-workers", "65"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-arch", "book", "-attention_units", "100"},
		{"qa", "train", "-data", "x", "-o", "x.fab", "-lr", "-1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := runCLI(t, args...)
			checkUsageError(t, args, out, errOut, code)
		})
	}
}

// TestCLIQAEval scores the baseline on FairytaleQA's validation spans and prints the figures.
func TestCLIQAEval(t *testing.T) {
	dir := need.DataPath(t, "fairytaleqa")
	out, errOut, code := runCLI(t, "qa", "eval", "-data", dir, "-generator", "baseline")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		N      int     `json:"n"`
		BLEU4  float64 `json:"bleu4"`
		RougeL float64 `json:"rougeL"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if r.N != 586 || r.BLEU4 <= 0 || r.RougeL <= 0 {
		t.Errorf("got %s; want 586 questions with scores", out)
	}
	t.Log(strings.TrimSpace(out))
	if _, errOut, code := runCLI(t, "qa", "eval", "-data", t.TempDir()); code != 1 || errOut == "" {
		t.Errorf("an empty folder: exit %d, %q; want 1 and a message", code, errOut)
	}
}

// TestCLIQATrainThenUse trains a tiny question model for two batches and uses the file with every
// qa command that takes -model.
func TestCLIQATrainThenUse(t *testing.T) {
	data := need.DataPath(t, "fairytaleqa")
	m := filepath.Join(t.TempDir(), "q.fab")
	out, errOut, code := runCLI(t, "qa", "train", "-data", data, "-max-batches", "2", "-report", "20", "-json",
		"-workers", "2", "-embedding", "4", "-units", "4", "-decoder_units", "4", "-attention_units", "4", "-vocab", "300", "-o", m)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Two batches, fewer than -report: the last is reported all the same.
	if n := strings.Count(out, "\n"); n != 1 || !strings.Contains(out, `"batch":2,"loss":{"tagger":`) {
		t.Errorf("%d reports %q; want 1 JSON line with batch 2's losses", n, out)
	}
	if _, errOut, code := runCLI(t, "qa", "generate", "-model", m, "-beam", "2", "samples/fables.txt"); code != 0 {
		t.Errorf("generate -model: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "qa", "generate", "-model", "samples/fables.txt", "samples/fables.txt"); code != 1 || !strings.Contains(errOut, "not a Fabulist model file") {
		t.Errorf("generate -model with a text: exit %d, %q; want 1 and why", code, errOut)
	}
	if _, errOut, code := runCLI(t, "generate", "-model", m); code != 1 || !strings.Contains(errOut, "another kind of model") {
		t.Errorf("the text generator's generate with a question model: exit %d, %q; want 1 and why", code, errOut)
	}
}

// TestCLIWantsAFileNamesTheCommand: a command missing its FILE says which command wants it (a
// new user read "fabulist qa: want a FILE" after `fabulist qa generate`).
func TestCLIWantsAFileNamesTheCommand(t *testing.T) {
	_, errOut, code := runCLI(t, "qa", "generate")
	if code != 2 || !strings.Contains(errOut, "qa generate wants a FILE") {
		t.Errorf("exit %d, %q; want 2 and a line naming qa generate", code, errOut)
	}
	// A file that cannot be read is named by the same command (it said "fabulist qa: open …").
	_, errOut, code = runCLI(t, "qa", "generate", filepath.Join(t.TempDir(), "nope.txt"))
	if code != 1 || !strings.HasPrefix(errOut, "fabulist qa generate: ") {
		t.Errorf("exit %d, %q; want 1 and a line starting with fabulist qa generate:", code, errOut)
	}
}
