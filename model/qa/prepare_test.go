package qa

import (
	"slices"
	"testing"

	"fabulist/model/qa/dataset"
)

func TestWindowHoldsTheAnswer(t *testing.T) {
	for _, c := range []struct{ n, i, j, maxS, lo, hi int }{
		{10, 2, 3, 20, 0, 10},     // short passage: whole
		{100, 50, 52, 10, 46, 56}, // centred
		{100, 1, 2, 10, 0, 10},    // at the start
		{100, 98, 100, 10, 90, 100},
		{100, 20, 40, 10, 20, 30}, // answer longer than the window: its start
	} {
		lo, hi := window(c.n, c.i, c.j, c.maxS)
		if lo != c.lo || hi != c.hi {
			t.Errorf("window(%d, %d, %d, %d) = [%d, %d); want [%d, %d)", c.n, c.i, c.j, c.maxS, lo, hi, c.lo, c.hi)
		}
	}
}

func TestSentence(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  string
	}{
		{[]string{"who", "is", "the", "fox", "?"}, "Who is the fox?"},
		{[]string{"why", "did", "n't", "he", "go", "(", "at", "last", ")", "?"}, "Why didn't he go (at last)?"},
		{[]string{"여우", "는", "?"}, "여우 는?"},
		{nil, ""},
	} {
		if got := Sentence(c.words); got != c.want {
			t.Errorf("Sentence(%q) = %q; want %q", c.words, got, c.want)
		}
	}
}

func TestPrepare(t *testing.T) {
	v := NewVocab(append(slices.Clone(reserved), "the", "fox", "ate", "who", "?", "."))
	ex := dataset.Example{Passage: "The Fox ate Grapes.", Question: "Who ate Grapes?", Start: 0, End: 7}
	e, ok := v.Prepare(ex, 400)
	if !ok {
		t.Fatal("a span example was not prepared")
	}
	V := int32(len(v.Words))
	want := Example{
		Passage:  []int32{4, 5, 6, UnkID, 9},
		Source:   []int32{4, 5, 6, V, 9},
		Tags:     []int32{1, 1, 0, 0, 0},
		Question: []int32{7, 6, V, 8}, // "grapes" is copied from the passage
	}
	if !slices.Equal(e.Passage, want.Passage) || !slices.Equal(e.Source, want.Source) ||
		!slices.Equal(e.Tags, want.Tags) || !slices.Equal(e.Question, want.Question) {
		t.Errorf("got %+v; want %+v", e, want)
	}
	if _, ok := v.Prepare(dataset.Example{Passage: "x", Start: -1, End: -1}, 400); ok {
		t.Error("an example without a span was prepared")
	}
}
