package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fabulist/model/qa"
)

// qaFolder writes a FairytaleQA-shaped folder of one story per split, whose answers are spans of
// their sections: 8 training and 3 validation examples.
func qaFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	story := "section,text\n" +
		"1,\"Once a hungry Fox saw sweet grapes on a high vine. He jumped for them all day.\"\n" +
		"2,\"The Crow sat in a tall tree with a piece of cheese. The Fox praised her voice.\"\n"
	head := "question_id,local-or-sum,cor_section,attribute1,attribute2,question,ex-or-im1,answer1,answer2,answer3,ex-or-im2,answer4,answer5,answer6\n"
	rows := func(qs ...string) string {
		out := head
		for i, q := range qs {
			out += fmt.Sprintf("%d,local,%s,,,,\n", i+1, q) // no second annotator
		}
		return out
	}
	files := map[string]string{
		"section-stories/train/fox-story.csv": story,
		"section-stories/val/crow-story.csv":  story,
		"questions/train/fox-questions.csv": rows(
			"1,character,,Who was hungry?,explicit,a hungry Fox,,",
			"1,action,,What did the Fox see?,explicit,sweet grapes,,",
			"1,setting,,Where were the grapes?,explicit,on a high vine,,",
			"1,action,,How long did he jump?,explicit,all day,,",
			"2,character,,Who sat in a tree?,explicit,The Crow,,",
			"2,action,,What did the Crow have?,explicit,a piece of cheese,,",
			"2,setting,,Where did the Crow sit?,explicit,in a tall tree,,",
			"2,action,,What did the Fox praise?,explicit,her voice,,"),
		"questions/val/crow-questions.csv": rows(
			"1,character,,Who saw the grapes?,explicit,Fox,,",
			"2,action,,What did the Crow hold?,explicit,cheese,,",
			"2,setting,,Where did she sit?,explicit,a tall tree,,"),
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tinyQA are the sizes of the small question models these tests train, of either architecture.
var tinyQA = []string{"-embedding", "4", "-units", "3", "-decoder_units", "5", "-batch", "3"}

// tinyQAOf is tinyQA for arch, with the attention's size for the default.
func tinyQAOf(arch string) []string {
	if arch == "book" {
		return tinyQA
	}
	return append([]string{"-attention_units", "3"}, tinyQA...)
}

func readQA(t *testing.T, path string) *qa.Model {
	t.Helper()
	m, err := readDecoded(path, qa.MaxFileBytes, qa.Decode)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCLIQATrainBook trains the book's architecture and uses its file with every qa command that
// takes -model.
func TestCLIQATrainBook(t *testing.T) {
	data := qaFolder(t)
	m := filepath.Join(t.TempDir(), "book.fab")
	args := append([]string{"qa", "train", "-data", data, "-arch", "book", "-epochs", "2", "-o", m}, tinyQA...)
	if _, errOut, code := runCLI(t, args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	model := readQA(t, m)
	if _, ok := model.Net.(*qa.BookNet); !ok || model.Config.Arch != qa.ArchBook || model.Config.Attention != 0 {
		t.Errorf("the file holds a %T of %+v; want the book's network without attention", model.Net, model.Config)
	}
	if _, errOut, code := runCLI(t, "qa", "generate", "-model", m, "-beam", "2", "samples/fables.txt"); code != 0 {
		t.Errorf("generate -model: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, "qa", "eval", "-data", data, "-model", m)
	if code != 0 || !strings.Contains(out, `"n":3`) || !strings.Contains(out, `"tagger_f1"`) {
		t.Errorf("eval -model: exit %d, %q, %s; want the 3 validation spans scored", code, out, errOut)
	}
}

// TestCLIQATrainSavesEachEpoch reads the model file at the end of each epoch but the last: it
// must already hold that epoch, so that a run stopped later keeps it.
func TestCLIQATrainSavesEachEpoch(t *testing.T) {
	data := qaFolder(t)
	m := filepath.Join(t.TempDir(), "q.fab")
	var seen []int
	defer func(f func(int)) { qaEpochSaved = f }(qaEpochSaved)
	qaEpochSaved = func(epochs int) {
		model := readQA(t, m)
		if len(model.History.Train) != epochs || model.Train == nil || model.Train.Epoch != epochs {
			t.Errorf("after epoch %d the file holds %d epochs and state %+v", epochs, len(model.History.Train), model.Train)
		}
		seen = append(seen, epochs)
	}
	for _, arch := range []string{"default", "book"} {
		seen = nil
		args := append([]string{"qa", "train", "-data", data, "-arch", arch, "-epochs", "3", "-o", m}, tinyQAOf(arch)...)
		if _, errOut, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", arch, code, errOut)
		}
		if !slices.Equal(seen, []int{1, 2}) {
			t.Errorf("%s: the file was read after epochs %v; want 1 and 2", arch, seen)
		}
		if n := len(readQA(t, m).History.Train); n != 3 {
			t.Errorf("%s: the final file holds %d epochs; want 3", arch, n)
		}
	}
}

// TestCLIQATrainResume stops a run after 4 batches (one epoch and one batch) and resumes it: the
// weights are those of the run that never stopped.
func TestCLIQATrainResume(t *testing.T) {
	data := qaFolder(t)
	dir := t.TempDir()
	whole, part, resumed := filepath.Join(dir, "whole.fab"), filepath.Join(dir, "part.fab"), filepath.Join(dir, "resumed.fab")
	for _, arch := range []string{"default", "book"} {
		t.Run(arch, func(t *testing.T) {
			train := append([]string{"qa", "train", "-data", data, "-arch", arch, "-epochs", "2"}, tinyQAOf(arch)...)
			if _, errOut, code := runCLI(t, append(train, "-o", whole)...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if _, errOut, code := runCLI(t, append(train, "-max-batches", "4", "-o", part)...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			_, errOut, code := runCLI(t, "qa", "train", "-data", data, "-resume", part, "-o", resumed)
			if code != 0 || !strings.Contains(errOut, "resuming "+part+" ("+arch+") at epoch 2 batch 2") {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			a, b := readQA(t, whole), readQA(t, resumed)
			if !slices.Equal(a.Net.Params().Data, b.Net.Params().Data) {
				t.Errorf("the resumed run's weights differ from the whole run's")
			}
			_, errOut, code = runCLI(t, "qa", "train", "-data", data, "-resume", resumed, "-o", resumed)
			if code != 2 || !strings.Contains(errOut, "has trained all of its 2 epochs: give -epochs above 2") {
				t.Errorf("resuming a finished run: exit %d, %q; want 2 and why", code, errOut)
			}
			if _, errOut, code = runCLI(t, "qa", "train", "-data", data, "-resume", resumed, "-epochs", "3", "-o", resumed); code != 0 {
				t.Errorf("resuming for a third epoch: exit %d: %s", code, errOut)
			}
			if n := len(readQA(t, resumed).History.Train); n != 3 {
				t.Errorf("%d epochs after resuming for a third; want 3", n)
			}
		})
	}
}

// TestCLIQATrainGlove starts the embedding from a vectors file, and refuses a file of another
// dimension or a malformed line, naming the file and the line.
func TestCLIQATrainGlove(t *testing.T) {
	data := qaFolder(t)
	dir := t.TempDir()
	vectors := filepath.Join(dir, "vectors.txt")
	if err := os.WriteFile(vectors, []byte("fox 1 2 3 4\nthe 0.5 0.5 0.5 0.5\ncrow -1 -2 -3 -4\nzebra 9 9 9 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := filepath.Join(dir, "q.fab")
	args := append([]string{"qa", "train", "-data", data, "-arch", "book", "-max-batches", "1", "-lr", "1e-9", "-glove", vectors, "-o", m}, tinyQA...)
	_, errOut, code := runCLI(t, args...)
	if code != 0 || !regexp.MustCompile(`vectors\.txt holds vectors for 3 of the vocabulary's \d+ words`).MatchString(errOut) {
		t.Fatalf("exit %d: %s; want the count of words found", code, errOut)
	}
	model := readQA(t, m)
	emb := model.Net.Params().Data[int(model.Vocab.ID("crow"))*4:][:4]
	for i, want := range []float32{-1, -2, -3, -4} {
		if d := emb[i] - want; d > 1e-3 || d < -1e-3 {
			t.Errorf("crow's row %v; want about [-1 -2 -3 -4] (a learning rate of 1e-9 barely moves it)", emb)
			break
		}
	}

	for name, c := range map[string]struct{ data, want string }{
		"another dimension": {"fox 1 2 3\n", "vectors.txt:1: 3 numbers after the word; the embedding has 4 dimensions"},
		"malformed line":    {"fox 1 2 3 4\nthe 1 2 x 4\n", `vectors.txt:2: number 3, "x", is not a finite number`},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(vectors, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := runCLI(t, args...)
			if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("exit %d, %q, %q; want 1 and one line saying %q", code, out, errOut, c.want)
			}
		})
	}
}
