// Package qatest holds what the question model's tests share across packages (the session's,
// the page's end-to-end tests): a model small enough to train in a test, and a FairytaleQA-shaped
// dataset written in memory.
package qatest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"

	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
)

// FableQuestions are questions about a fable of the Fox and the grapes, whose answers are spans of it (answer
// text, then question).
var FableQuestions = [][2]string{{"A hungry Fox", "Who was hungry?"}, {"sweet grapes", "What did the Fox see?"},
	{"on a high vine", "Where were the grapes?"}, {"all day", "How long did he jump?"},
	{"the grapes were sour", "What did the Fox say?"}, {"The Crow", "Who laughed?"}}

// TinyModel trains a question model of a few weights for two epochs on FableQuestions asked about
// passage, which must hold every answer (a fable of the Fox and the grapes), so that the model
// knows its words; it returns the model's file.
func TinyModel(t testing.TB, passage string) []byte {
	t.Helper()
	run := TinyRun(t, passage, qa.ArchDefault)
	for !run.Done() {
		run.Step()
	}
	if err := run.Err(); err != nil {
		t.Fatal(err)
	}
	b, err := qa.Encode(run.Model)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TinyRun starts, untrained, TinyModel's run of the architecture arch (qa.ArchDefault or
// qa.ArchBook) on FableQuestions asked about passage.
func TinyRun(t testing.TB, passage string, arch qa.Arch) *qa.Run {
	t.Helper()
	ex := func(q, a string) dataset.Example {
		s, e := dataset.MatchSpan(passage, a)
		if s < 0 {
			t.Fatalf("qatest: %q is not in the passage", a)
		}
		return dataset.Example{Passage: passage, Question: q, Answers: []string{a}, Start: s, End: e}
	}
	var train dataset.Set
	for _, qa := range FableQuestions {
		train = append(train, ex(qa[1], qa[0]))
	}
	cfg := qa.DefaultConfig(5000)
	if arch == qa.ArchBook {
		cfg = qa.BookConfig(5000)
	}
	cfg.Embed, cfg.Units, cfg.Decoder, cfg.Batch, cfg.Epochs = 4, 3, 5, 3, 2
	if arch != qa.ArchBook {
		cfg.Attention = 3
	}
	v, tr, va, err := qa.PrepareSet(train, dataset.Set{ex("Where was the Crow?", "her tall tree")}, cfg.V)
	if err != nil {
		t.Fatal(err)
	}
	run, err := qa.NewRun(cfg, v, tr, va)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// FairytaleQAZip is a FairytaleQA-shaped zip (under a top folder, as zipping the folder makes it)
// of stories stories in train and one in val, each of two sections with four questions whose
// answers are spans of them.
func FairytaleQAZip(t testing.TB, stories int) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := z.Create("FairytaleQA/" + name)
		if err == nil {
			_, err = w.Write([]byte(content))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	animals := []string{"fox", "crow", "hare", "tortoise", "lion", "mouse", "wolf", "lamb"}
	for i := range stories + 1 {
		split, a, b := "train", animals[i%len(animals)], animals[(i+3)%len(animals)]
		if i == stories {
			split = "val"
		}
		name := fmt.Sprintf("story%d", i)
		add("section-stories/"+split+"/"+name+"-story.csv", "section,text\n"+
			fmt.Sprintf("1,\"Once a hungry %s lived in the wood. The %s saw grapes on a vine.\"\n", a, a)+
			fmt.Sprintf("2,\"A %s met the %s by the river, and the %s ran home.\"\n", b, a, b))
		add("questions/"+split+"/"+name+"-questions.csv",
			"question_id,local-or-sum,cor_section,attribute1,attribute2,question,ex-or-im1,answer1,answer2,answer3,ex-or-im2,answer4,answer5,answer6\n"+
				fmt.Sprintf("1,local,1,character,,Who lived in the wood?,explicit,a hungry %s,,,explicit,the %s,,\n", a, a)+
				fmt.Sprintf("2,local,1,action,,What did the %s see?,explicit,grapes,,,explicit,grapes,,\n", a)+
				fmt.Sprintf("3,local,2,character,,Who met the %s?,explicit,A %s,,,explicit,%s,,\n", a, b, b)+
				"4,local,2,setting,,Where did they meet?,explicit,by the river,,,explicit,river,,\n")
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
