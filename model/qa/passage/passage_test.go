package passage

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"punctuation apart", `Once upon a time, a Fox said: "No!"`,
			[]string{"Once", "upon", "a", "time", ",", "a", "Fox", "said", ":", `"`, "No", "!", `"`}},
		{"apostrophes and hyphens", "don't be well-to-do, dogs' rock’n’roll -x",
			[]string{"don't", "be", "well-to-do", ",", "dogs", "'", "rock’n’roll", "-", "x"}},
		{"numbers", "It cost 3.5 or 1,000 pounds in 1912.",
			[]string{"It", "cost", "3.5", "or", "1,000", "pounds", "in", "1912", "."}},
		{"ellipsis is three marks", "Well...", []string{"Well", ".", ".", "."}},
		{"no empty tokens", "  a  \n\n b\t", []string{"a", "b"}},
		{"korean", "여우가 포도를 보았다. 3마리!", []string{"여우가", "포도를", "보았다", ".", "3마리", "!"}},
		{"emoji apart", "fox🦊grapes 🍇🍇", []string{"fox", "🦊", "grapes", "🍇", "🍇"}},
		{"emoji clusters", "👍🏽 👩‍👩‍👧 🇰🇷 ❤️ 1️⃣", []string{"👍🏽", "👩‍👩‍👧", "🇰🇷", "❤️", "1️⃣"}},
		{"combining marks stay", "cafe\u0301 nai\u0308ve", []string{"cafe\u0301", "nai\u0308ve"}},
		{"byte-order mark skipped", "\ufeffThe Fox", []string{"The", "Fox"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := texts(Tokenize(c.in))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Tokenize(%q) = %q; want %q", c.in, got, c.want)
			}
			checkOffsets(t, c.in, Tokenize(c.in))
		})
	}
}

func TestKinds(t *testing.T) {
	got := Tokenize("Fox 1,000 3rd , 🦊")
	want := []Kind{Word, Number, Word, Punct, Symbol}
	for i, tok := range got {
		if tok.Kind != want[i] {
			t.Errorf("kind of %q = %v; want %v", tok.Text, tok.Kind, want[i])
		}
	}
}

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string
	}{
		{"three marks", "The Fox ran. Did he? Yes!", []string{"The Fox ran.", "Did he?", "Yes!"}},
		{"abbreviations", "Mr. Fox met Dr. Crow on St. Mark's day. They ate.",
			[]string{"Mr. Fox met Dr. Crow on St. Mark's day.", "They ate."}},
		{"e.g. and initials", "Birds, e.g. crows, sing. By G. K. Chesterton. Done.",
			[]string{"Birds, e.g. crows, sing.", "By G. K. Chesterton.", "Done."}},
		{"etc", "Foxes, wolves, etc. are wild. Bees etc. Hares run.",
			[]string{"Foxes, wolves, etc. are wild.", "Bees etc.", "Hares run."}},
		{"closing quotes", `"Sour grapes!" he said. "I am off." Then he left.`,
			[]string{`"Sour grapes!" he said.`, `"I am off."`, "Then he left."}},
		{"question inside speech", `"Who are you?" asked the Fox. He left.`,
			[]string{`"Who are you?" asked the Fox.`, "He left."}},
		{"brackets", "He ran (fast.) Then stopped.", []string{"He ran (fast.)", "Then stopped."}},
		{"paragraphs", "THE FOX AND THE GRAPES\n\nA Fox was hungry\nand sad.\n \nThe end",
			[]string{"THE FOX AND THE GRAPES", "A Fox was hungry\nand sad.", "The end"}},
		{"decimal is not a stop", "It weighs 3.5 stone. Heavy.", []string{"It weighs 3.5 stone.", "Heavy."}},
		{"I ends a sentence", "It was I. You ran.", []string{"It was I.", "You ran."}},
		{"korean", "여우가 포도를 보았다. 포도는 시었다! 정말?", []string{"여우가 포도를 보았다.", "포도는 시었다!", "정말?"}},
		{"emoji", "The Fox 🦊 smiled. 🍇 were sour.", []string{"The Fox 🦊 smiled.", "🍇 were sour."}},
		{"empty", " \n ", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := []rune(c.in)
			var got []string
			for _, s := range Split(c.in) {
				got = append(got, string(rs[s.Start:s.End]))
				checkOffsets(t, c.in, s.Tokens)
				if s.Tokens[0].Start != s.Start || s.Tokens[len(s.Tokens)-1].End != s.End {
					t.Errorf("sentence [%d,%d) does not span its tokens", s.Start, s.End)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Split(%q) = %q; want %q", c.in, got, c.want)
			}
		})
	}
}

// checkOffsets checks that each token is the text's runes [Start, End), not empty, and that
// tokens follow each other without overlap.
func checkOffsets(t *testing.T, text string, toks []Token) {
	t.Helper()
	rs := []rune(text)
	last := -1
	for _, tok := range toks {
		if tok.Start < last || tok.End <= tok.Start || tok.End > len(rs) {
			t.Fatalf("token %q at [%d,%d) after %d in %d runes", tok.Text, tok.Start, tok.End, last, len(rs))
		}
		if got := string(rs[tok.Start:tok.End]); got != tok.Text {
			t.Fatalf("token %q at [%d,%d) but the text there is %q", tok.Text, tok.Start, tok.End, got)
		}
		last = tok.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"", "The Fox saw some grapes.", "don't 1,000.5 well-to-do",
		"여우가 🦊 보았다!", "👩‍👩‍👧🇰🇷❤️\u200d", "Mr. e.g. \n\n x", "\xff\xfe broken utf-8", "a\u0301-'’"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkOffsets(t, s, Tokenize(s))
		// Invalid UTF-8 is read as U+FFFD, one rune per bad byte, as []rune does.
		n := utf8.RuneCountInString(s)
		end, all := 0, 0
		for _, sent := range Split(s) {
			if sent.Start < end || sent.End > n || len(sent.Tokens) == 0 {
				t.Fatalf("sentence [%d,%d) after %d in %d runes", sent.Start, sent.End, end, n)
			}
			checkOffsets(t, s, sent.Tokens)
			end = sent.End
			all += len(sent.Tokens)
		}
		if want := len(Tokenize(s)); all != want {
			t.Fatalf("sentences hold %d tokens; Tokenize gives %d", all, want)
		}
		if strings.TrimSpace(s) == "" && all != 0 {
			t.Fatalf("%d tokens in blank text", all)
		}
	})
}

// TestHolding: an offset in a sentence gives its index, one between sentences or outside the
// text -1 (runes: "é" is one).
func TestHolding(t *testing.T) {
	text := "Café one.  Two here."
	sents := Split(text)
	if len(sents) != 2 {
		t.Fatalf("%d sentences; want 2", len(sents))
	}
	for at, want := range map[int]int{-1: -1, 0: 0, 8: 0, 9: -1, 10: -1, 11: 1, 19: 1, 20: -1, 99: -1} {
		if got := Holding(sents, at); got != want {
			t.Errorf("Holding(%d) = %d; want %d", at, got, want)
		}
	}
}
