package model

import (
	"slices"
	"testing"
)

func TestAesopMatchesTheBook(t *testing.T) {
	cfg := BookConfig()
	tok, ids := bookData(t, cfg)
	if len(ids) != 50436 || tok.VocabSize() != 4169 {
		t.Fatalf("got %d tokens and %d ids; want the book's 50436 and 4169", len(ids), tok.VocabSize())
	}
	// The most frequent tokens, as Python's Keras Tokenizer orders them.
	want := []string{"|", ",", "the", "and", ".", "a", "to", "\"", "of", "he", "his", "was"}
	if got := tok.Words[1:13]; !slices.Equal(got, want) {
		t.Errorf("first ids: got %q; want %q", got, want)
	}
	if got := tok.Decode(ids[20:26]); got != "the fox and the grapes ." {
		t.Errorf("first story starts %q; want %q", got, "the fox and the grapes .")
	}
}

func TestCleanBook(t *testing.T) {
	in := "Title\nTHE FOX AND THE GRAPES\n\n\nA Fox saw  grapes...\nHe said: \"Sour!\"\n\n\n\n\nTHE END\nILLUSTRATIONS\n\n\n[x]"
	got := Clean(in, CleanBook, 2)
	// What the book's Python gives for the same input.
	want := " | | the fox and the grapes . a fox saw . grapes . . he said : \" sour ! \" | | the end"
	if got != want {
		t.Errorf("Clean:\n got %q\nwant %q", got, want)
	}
	if got := Clean("Keep\n  As Is", CleanNone, 2); got != "Keep\n  As Is" {
		t.Errorf("CleanNone changed the text: %q", got)
	}
	// Without the markers nothing is cut.
	if got := Clean("Hello, World", CleanBook, 1); got != " | hello , world" {
		t.Errorf("no markers: got %q", got)
	}
}

func TestTokenizerOrderAndUnknowns(t *testing.T) {
	tok := FitTokenizer(Word, "b a c a b d", "c c")
	// counts: b2 a2 c3 d1 → c, b, a (b before a: first appearance), d
	if want := []string{"", "c", "b", "a", "d"}; !slices.Equal(tok.Words, want) {
		t.Fatalf("Words = %q; want %q", tok.Words, want)
	}
	ids, unknown := tok.Encode("A  x b y x")
	if !slices.Equal(ids, []int32{3, 2}) || !slices.Equal(unknown, []string{"x", "y"}) {
		t.Errorf("Encode = %v, unknown %q; want [3 2] and [x y]", ids, unknown)
	}
}

func TestCharLevelIsRunes(t *testing.T) {
	text := "토끼와 거북이 🐢🐢 a"
	tok := FitTokenizer(Char, text)
	ids, unknown := tok.Encode(text)
	if len(unknown) != 0 || len(ids) != len([]rune(text)) {
		t.Fatalf("got %d ids (%q unknown) for %d runes", len(ids), unknown, len([]rune(text)))
	}
	if tok.Decode(ids) != text {
		t.Errorf("round trip: got %q; want %q", tok.Decode(ids), text)
	}
	if tok.Words[1] != " " && tok.Words[1] != "🐢" {
		t.Errorf("most frequent rune: got %q", tok.Words[1])
	}
	wtok := FitTokenizer(Word, "거북이 는 느리다 거북이")
	if wtok.Words[1] != "거북이" {
		t.Errorf("Korean word level: got %q first", wtok.Words[1])
	}
}
