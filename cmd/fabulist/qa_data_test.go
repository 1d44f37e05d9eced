package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"fabulist/model/qa/qatest"
)

// fablePassage holds every answer of qatest.FableQuestions.
const fablePassage = "A hungry Fox saw sweet grapes on a high vine. He jumped for them all day, " +
	"and then he said that the grapes were sour. The Crow laughed at him."

// squadJSON is qatest.FableQuestions about fablePassage as a SQuAD file, answer_start in runes.
func squadJSON(t *testing.T) []byte {
	t.Helper()
	type answer struct {
		Text  string `json:"text"`
		Start int    `json:"answer_start"`
	}
	type qas struct {
		ID       string   `json:"id"`
		Question string   `json:"question"`
		Answers  []answer `json:"answers"`
	}
	var qs []qas
	for i, aq := range qatest.FableQuestions {
		at := strings.Index(fablePassage, aq[0])
		if at < 0 {
			t.Fatalf("%q is not in the passage", aq[0])
		}
		qs = append(qs, qas{string(rune('a' + i)), aq[1], []answer{{aq[0], utf8.RuneCountInString(fablePassage[:at])}}})
	}
	b, err := json.Marshal(map[string]any{"version": "v1.1", "data": []any{
		map[string]any{"title": "The Fox and the Grapes", "paragraphs": []any{
			map[string]any{"context": fablePassage, "qas": qs}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCLIQATrainFromAFile trains on each single file the studio's panel takes (dataset.ReadFiles),
// and scores the model on the same file with qa eval: train read only a FairytaleQA folder, and
// refused a SQuAD JSON with "stat questions/train: not a directory".
func TestCLIQATrainFromAFile(t *testing.T) {
	dir := t.TempDir()
	bookCSV := "story_id,story_text,question,answer_token_ranges\n" +
		"fox,A hungry fox saw sweet grapes on a high vine .,What did the fox see ?,4:6\n" +
		"fox,A hungry fox saw sweet grapes on a high vine .,Where were the grapes ?,6:10\n" +
		"fox,A hungry fox saw sweet grapes on a high vine .,Who was hungry ?,0:3\n"
	for _, c := range []struct {
		name string
		data []byte
		// wantTrain is qa train's count of examples; wantN is qa eval's by default (-split val).
		wantTrain, wantN string
	}{
		{"fables.json", squadJSON(t), "6 training and 0 validation examples", `"n":6`},
		{"FairytaleQA.zip", qatest.FairytaleQAZip(t, 3), "12 training and 4 validation examples", `"n":4`},
		{"book.csv", []byte(bookCSV), "3 training and 0 validation examples", `"n":3`},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, m := filepath.Join(dir, c.name), filepath.Join(dir, c.name+".fab")
			if err := os.WriteFile(data, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"qa", "train", "-data", data, "-epochs", "1", "-o", m}, tinyQAOf("default")...)
			_, errOut, code := runCLI(t, args...)
			if code != 0 || !strings.Contains(errOut, c.wantTrain) {
				t.Fatalf("train: exit %d, stderr %q; want 0 and %q", code, errOut, c.wantTrain)
			}
			if n := len(readQA(t, m).History.Train); n != 1 {
				t.Errorf("the model file holds %d epochs; want 1", n)
			}
			out, errOut, code := runCLI(t, "qa", "eval", "-data", data, "-model", m, "-beam", "1")
			if code != 0 || !strings.Contains(out, c.wantN) {
				t.Errorf("eval: exit %d, %q, stderr %q; want 0 and %s", code, out, errOut, c.wantN)
			}
		})
	}
}

// TestCLIQADataFileErrors: a bad file is one line naming it and exit 1, with no model written;
// a split a file does not have is a usage error.
func TestCLIQADataFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("broken.json", []byte("{\"data\": [{\"paragraphs\": [\n{\"context\": \"x\",,}]}]}\n"))
	zip := write("fairytale.zip", qatest.FairytaleQAZip(t, 1))
	m := filepath.Join(dir, "q.fab")
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"train malformed json", []string{"qa", "train", "-data", bad, "-o", m}, 1, bad + ":2"},
		{"eval malformed json", []string{"qa", "eval", "-data", bad}, 1, bad + ":2"},
		{"train txt", []string{"qa", "train", "-data", write("notes.txt", []byte("hello")), "-o", m}, 1, "notes.txt: not a dataset"},
		{"train empty zip", []string{"qa", "train", "-data", write("empty.zip", nil), "-o", m}, 1, "empty.zip: not a zip archive"},
		{"train zip -split test", []string{"qa", "train", "-data", zip, "-split", "test", "-o", m}, 2, "-split and -val choose a FairytaleQA folder's"},
		{"train zip -val test", []string{"qa", "train", "-data", zip, "-val", "test", "-o", m}, 2, "-split and -val choose a FairytaleQA folder's"},
		{"eval zip -split test", []string{"qa", "eval", "-data", zip, "-split", "test"}, 2, `-split "test": ` + zip + " is a file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("exit %d, %q, %q; want %d and one line saying %q", code, out, errOut, c.code, c.want)
			}
			if _, err := os.Stat(m); err == nil {
				t.Errorf("a model file was written")
			}
		})
	}
}
