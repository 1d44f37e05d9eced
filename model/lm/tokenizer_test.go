package lm

import (
	"fmt"
	"slices"
	"strings"
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
	tok := FitTokenizer(Word, SplitSpace, "b a c a b d", "c c")
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
	tok := FitTokenizer(Char, SplitWhite, text)
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
	wtok := FitTokenizer(Word, SplitWhite, "거북이 는 느리다 거북이")
	if wtok.Words[1] != "거북이" {
		t.Errorf("Korean word level: got %q first", wtok.Words[1])
	}
}

// TestTokenizeWithoutCleaning is issue #10's: without cleaning, words are cut on any white space
// and each line break is a token, so no word is glued to the next line's.
func TestTokenizeWithoutCleaning(t *testing.T) {
	cases := []struct {
		name, level, text string
		want              []string
	}{
		{"lines", "word", "the fox ran.\nthe dog sat.\n", []string{"the", "fox", "ran.", "\n", "the", "dog", "sat.", "\n"}},
		{"blank line", "word", "end.\n\nNext", []string{"end.", "\n", "\n", "next"}},
		{"crlf and lone cr", "word", "a\r\nb\rc\r", []string{"a", "\n", "b", "\n", "c", "\n"}},
		{"unicode white space", "word", "a\u00a0b\u3000c\td\x1ce\u2028f \u2009 g\u202fh\u205fi\u1680j\u0085k\vl\fm",
			[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"}},
		{"not white space", "word", "a\u200bb\u180ec\ufeffd", []string{"a\u200bb\u180ec\ufeffd"}},
		{"final sigma in a word", "word", "ΟΔΥΣΣΕΥΣ … Οδυσσευς", []string{"οδυσσευς", "…", "οδυσσευς"}},
		{"characters keep line breaks", "char", "Ab\r\nc\n", []string{"a", "b", "\n", "c", "\n"}},
		{"characters see the whole word", "char", "ΑΣ Σ", []string{"α", "ς", " ", "σ"}},
		{"dotted capital I", "char", "İ", []string{"i", "\u0307"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := BookConfig()
			cfg.Level, cfg.Cleaning = Level(c.level), CleanNone
			tok, ids := Tokenize(c.text, cfg, nil)
			var got []string
			for _, id := range ids {
				got = append(got, tok.Token(id))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("tokens %q; want %q", got, c.want)
			}
			if tok.Split != SplitWhite {
				t.Errorf("split %q; want %q", tok.Split, SplitWhite)
			}
			// A prompt cut from the same text finds every token.
			if _, unknown := tok.Encode(CleanPrompt(c.text, cfg.Cleaning, cfg.SeqLen)); len(unknown) != 0 {
				t.Errorf("prompt of the same text: unknown %q", unknown)
			}
		})
	}
}

// TestBookSplitIsKeras keeps the book's path Keras-exact: split on ' ' alone, so a tab or a line
// break stays inside a token, as text_to_word_sequence(split=' ') leaves it.
func TestBookSplitIsKeras(t *testing.T) {
	tok := FitTokenizer(Word, SplitSpace, "A\tb  c\nd ΑΣ")
	if want := []string{"", "a\tb", "c\nd", "ας"}; !slices.Equal(tok.Words, want) {
		t.Errorf("Words = %q; want %q", tok.Words, want)
	}
	if CleanBook.Split() != SplitSpace || CleanNone.Split() != SplitWhite {
		t.Errorf("book splits %q and none %q; want space and white", CleanBook.Split(), CleanNone.Split())
	}
}

func TestDecodeAndJoin(t *testing.T) {
	white := FitTokenizer(Word, SplitWhite, "the fox\nran\n\nfar")
	ids, _ := white.Encode("the fox\nran\n\nfar")
	if got, want := white.Decode(ids), "the fox\nran\n\nfar"; got != want {
		t.Errorf("white Decode = %q; want %q", got, want)
	}
	// Under SplitSpace a token may hold a line break (files from before SplitWhite): a space
	// still separates it from the next, or Encode would glue them into another token.
	space, err := NewTokenizer(Word, SplitSpace, []string{"", "sat.\n", "the", "ran.\nthe"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := space.Decode([]int32{1, 2, 3}), "sat.\n the ran.\nthe"; got != want {
		t.Errorf("space Decode = %q; want %q", got, want)
	}
	cases := []struct {
		level      Level
		a, b, want string
	}{
		{Word, "the fox", "ran", "the fox ran"},
		{Word, "the fox\n", "ran", "the fox\nran"},
		{Word, "the fox", "\n", "the fox\n"},
		{Word, "the fox", "\nran away", "the fox\nran away"},
		{Word, "the fox ", "ran", "the fox ran"},
		{Word, "", "ran", "ran"},
		{Word, "the fox", "", "the fox"},
		{Char, "the f", "ox", "the fox"},
		{Char, "the", "\n", "the\n"},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s %q+%q", c.level, c.a, c.b), func(t *testing.T) {
			if got := Join(c.level, c.a, c.b); got != c.want {
				t.Errorf("Join = %q; want %q", got, c.want)
			}
		})
	}
}

func TestTooShortCountsInWords(t *testing.T) {
	cases := []struct {
		level, text, want string
	}{
		{"word", "hello", "1 word,"},
		{"word", "hello there", "2 words,"},
		{"word", "hello\nthere", "2 words and 1 line break,"},
		{"char", "a", "1 character,"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			cfg := BookConfig()
			cfg.Level, cfg.Cleaning, cfg.SeqLen = Level(c.level), CleanNone, 5
			_, err := Prepare(c.text, cfg, nil)
			if err == nil || !strings.Contains(err.Error(), "too short: "+c.want) {
				t.Errorf("got %v; want it to say %q", err, c.want)
			}
		})
	}
}

// TestWhiteSpaceIsPythons checks, on every code point, that SplitWhite cuts where Python's
// str.split() does, and that the book's cleaning collapses what Python's \s matches.
func TestWhiteSpaceIsPythons(t *testing.T) {
	data := pythonData(t, "space.txt")
	space := pythonRanges(t, data["space"])
	if n := space.count(); n < 25 {
		t.Fatalf("space.txt lists %d code points", n)
	}
	for r := range rune(len(space)) {
		if r >= 0xd800 && r <= 0xdfff {
			continue // surrogates: not in a Go string
		}
		if isSpace(r) != space[r] {
			t.Errorf("isSpace(%U) = %v; Python's str.isspace() says %v", r, isSpace(r), space[r])
		}
		if pair := string([]rune{r, r}); cleaning().whiteRuns.MatchString(pair) != space[r] {
			t.Errorf("the book's white-space runs match %U: %v; Python's \\s: %v", r, !space[r], space[r])
		}
	}
}

// TestPromptIsCutAsTheCorpus: a prompt goes through what the corpus went through (Normalize, then
// the cleaning), so that a line break typed as \r or a byte order mark pasted in front finds the
// corpus' tokens.
func TestPromptIsCutAsTheCorpus(t *testing.T) {
	for _, c := range []Cleaning{CleanBook, CleanNone} {
		t.Run(string(c), func(t *testing.T) {
			cfg := BookConfig()
			cfg.Cleaning, cfg.SeqLen = c, 2
			tok, _ := Tokenize("The fox ran.\r\nThe dog sat.\n", cfg, nil)
			for _, prompt := range []string{"the fox ran.\rthe dog", "\ufeffthe fox ran.\r\nthe dog"} {
				if _, unknown := tok.Encode(CleanPrompt(prompt, cfg.Cleaning, cfg.SeqLen)); len(unknown) != 0 {
					t.Errorf("prompt %q: unknown %q", prompt, unknown)
				}
			}
		})
	}
}

func FuzzTokenizer(f *testing.F) {
	f.Add("the fox , the grapes", "the fox")
	f.Add("토끼와 거북이 🐢", "거북이 🐢🐢")
	f.Add("\xff\xfe bad utf8", "\xff")
	f.Add("THE FOX RAN.\nTHE DOG SAT.\r\n\tΟΔΥΣΣΕΥΣ\u00a0ΣΑΣ\r", "ran.\n")
	f.Fuzz(func(t *testing.T, corpus, prompt string) {
		for _, split := range []Split{SplitSpace, SplitWhite} {
			for _, level := range []Level{Word, Char} {
				tok := FitTokenizer(level, split, corpus)
				ids, _ := tok.Encode(corpus)
				for _, id := range ids {
					if id < 1 || int(id) >= tok.VocabSize() {
						t.Fatalf("%s/%s: id %d out of [1, %d)", level, split, id, tok.VocabSize())
					}
				}
				// Every token of the corpus is known, and decoding gives a text of the same tokens.
				if again, unknown := tok.Encode(tok.Decode(ids)); len(unknown) != 0 || !slices.Equal(again, ids) {
					t.Fatalf("%s/%s: round trip gives %v (unknown %q); want %v", level, split, again, unknown, ids)
				}
				tok.Encode(prompt)
				if _, err := NewTokenizer(level, split, tok.Words); err != nil {
					t.Fatalf("%s/%s: fitted vocabulary does not rebuild: %v", level, split, err)
				}
			}
		}
		Clean(corpus, CleanBook, 3)
	})
}

// TestBookCopies: the copies of the book that Clean's cut keeps one of are counted whole, each
// from its first story to its illustrations; text the cut leaves whole counts none.
func TestBookCopies(t *testing.T) {
	book := "Title\nTHE FOX AND THE GRAPES\n\n\nA Fox saw grapes.\n\n\n\n\nTHE END\nILLUSTRATIONS\n\n\n[x]\nLicence\n"
	for _, c := range []struct {
		text string
		want int
	}{
		{"Hello, World", 0},
		{book, 1},
		{book + book, 2},
		{book + "\n" + book + book, 3},
		{book + "THE FOX AND THE GRAPES\n\n\nA Fox", 1}, // a second copy cut short is not whole
		{"ILLUSTRATIONS\n\n\n[" + book + book, 0},       // the cut needs its end after its start: none
		{"THE FOX AND THE GRAPES\n\n\nno end", 0},
	} {
		if got := BookCopies(c.text); got != c.want {
			t.Errorf("BookCopies(%.40q…) = %d; want %d", c.text, got, c.want)
		}
	}
	// What the count says: Clean keeps the first copy alone.
	if once, twice := Clean(book, CleanBook, 2), Clean(book+book, CleanBook, 2); once != twice {
		t.Errorf("Clean of the book pasted twice is %q; want the first copy's %q", twice, once)
	}
}
