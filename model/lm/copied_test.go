package lm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// occurs reports whether the corpus holds run contiguously, by trying every place.
func occurs(corpus, run []int32) int {
	for at := 0; at+len(run) <= len(corpus); at++ {
		if slices.Equal(corpus[at:at+len(run)], run) {
			return at
		}
	}
	return -1
}

// testVocab is a vocabulary of v ids (the reserved slot included).
func testVocab(t *testing.T, v int) *Tokenizer {
	words := []string{""}
	for i := 1; i < v; i++ {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	tok, err := NewTokenizer(Word, SplitSpace, words)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestMeterAgainstBruteForce checks the suffix-array meter against trying every run of every
// random text at every place of its random corpus, with vocabularies that take one, two and three
// bytes a token in the index (where a match that starts inside a token would be a false copy).
func TestMeterAgainstBruteForce(t *testing.T) {
	for _, c := range []struct {
		vocab, used int // ids in the vocabulary, and how many of the highest the texts use
	}{{6, 5}, {300, 4}, {300, 299}, {20000, 3}, {20000, 40}} {
		t.Run(fmt.Sprintf("vocab %d using %d", c.vocab, c.used), func(t *testing.T) {
			tok := testVocab(t, c.vocab)
			rng := rand.New(rand.NewPCG(uint64(c.vocab), uint64(c.used)))
			draw := func(n int) []int32 {
				ids := make([]int32, n)
				for i := range ids {
					ids[i] = int32(c.vocab - 1 - rng.IntN(c.used))
				}
				return ids
			}
			for trial := range 40 {
				corpus := draw(50 + rng.IntN(400))
				m := NewMeter(tok, corpus)
				text := draw(rng.IntN(60))
				// Copy a piece of the corpus into the text, so that long runs occur.
				if len(text) > 10 {
					at, n := rng.IntN(len(corpus)-10), 3+rng.IntN(8)
					copy(text[rng.IntN(len(text)-n):], corpus[at:at+n])
				}
				if rng.IntN(4) == 0 && len(text) > 0 {
					text[rng.IntN(len(text))] = 0 // unknown
				}
				got := m.MeasureIDs(text)
				checkAgainstBruteForce(t, fmt.Sprint("trial ", trial), corpus, text, got)
			}
		})
	}
}

func checkAgainstBruteForce(t *testing.T, name string, corpus, text []int32, got Copied) {
	t.Helper()
	longest, start, at := 0, 0, 0
	for i := range text {
		run := 0
		for j := i + 1; j <= len(text); j++ {
			if text[j-1] != 0 && occurs(corpus, text[i:j]) >= 0 {
				run = j - i
			}
		}
		if got.Runs[i] != run {
			t.Fatalf("%s: run at %d of %v in %v: got %d; want %d", name, i, text, corpus, got.Runs[i], run)
		}
		if run > longest {
			longest, start, at = run, i, occurs(corpus, text[i:i+run])
		}
	}
	if got.Longest != longest || got.LongestStart != start || got.LongestAt != at {
		t.Fatalf("%s: longest %d at %d from %d of the corpus; want %d at %d from %d", name,
			got.Longest, got.LongestStart, got.LongestAt, longest, start, at)
	}
	for least := 1; least <= 6; least++ {
		covered := make([]bool, len(text)) // by some run of at least least tokens found in the corpus
		for i := range text {
			for j := i + least; j <= len(text); j++ {
				if !slices.Contains(text[i:j], 0) && occurs(corpus, text[i:j]) >= 0 {
					for k := i; k < j; k++ {
						covered[k] = true
					}
				}
			}
		}
		var want []Span
		n := 0
		for i, in := range covered {
			switch {
			case !in:
				continue
			case i > 0 && covered[i-1]:
				want[len(want)-1].End++
			default:
				want = append(want, Span{i, i + 1})
			}
			n++
		}
		if spans := got.Spans(least); !slices.Equal(spans, want) {
			t.Fatalf("%s: spans of at least %d in %v: got %v; want %v", name, least, text, spans, want)
		}
		if len(text) > 0 {
			if p, w := got.Percent(least), 100*float64(n)/float64(len(text)); p != w {
				t.Fatalf("%s: percent of at least %d: got %v; want %v", name, least, p, w)
			}
		}
	}
}

func TestMeterWords(t *testing.T) {
	text := "the fox saw some grapes hanging high on a vine . the crow sat on a branch ."
	tok := FitTokenizer(Word, SplitSpace, text)
	ids, _ := tok.Encode(text)
	m := NewMeter(tok, ids)
	got := m.Measure(tok.Cut("A crow saw some grapes hanging high on a tree, and smiled", CleanBook, 20))
	wantTokens := "a crow saw some grapes hanging high on a tree , and smiled"
	if strings.Join(got.Tokens, " ") != wantTokens {
		t.Errorf("tokens: got %q; want %q", got.Tokens, wantTokens)
	}
	if got.Longest != 7 || got.LongestStart != 2 || got.LongestAt != 2 {
		t.Errorf("longest: got %d tokens at %d from %d; want 7 at 2 from 2 (saw … a)", got.Longest, got.LongestStart, got.LongestAt)
	}
	if spans := got.Spans(DefaultMinCopied(Word)); len(spans) != 0 {
		t.Errorf("spans of 8 words: got %v; want none (the run has 7)", spans)
	}
	if spans := got.Spans(7); !slices.Equal(spans, []Span{{2, 9}}) {
		t.Errorf("spans of 7 words: got %v; want [{2 9}]", spans)
	}
	wantSource := "the fox saw some grapes hanging high on a vine . the crow sat on a branch"
	if s := strings.Join(got.Source, " "); s != wantSource || got.SourceStart != 2 {
		t.Errorf("source: got %q from %d; want %q from 2", s, got.SourceStart, wantSource)
	}
}

// Story breaks (|), which prose hides, are not words: a generation that runs into the next story
// is measured on its words alone, and the breaks' run, which every training text holds, counts
// neither as copied nor in the whole.
func TestMeterDoesNotCountStoryBreaks(t *testing.T) {
	text := "the fox ran . | | | | the crow sang ."
	tok := FitTokenizer(Word, SplitSpace, text)
	ids, _ := tok.Encode(text)
	m := NewMeter(tok, ids)
	got := m.Measure(strings.Fields("the fox ran . | | | | a bird flew"))
	// "the fox ran . | | | |" is copied, 8 tokens of which 4 are words; "a bird flew" is not.
	if got.Longest != 8 {
		t.Fatalf("longest run: got %d tokens; want 8", got.Longest)
	}
	if n := got.Count(Span{got.LongestStart, got.LongestStart + got.Longest}); n != 4 {
		t.Errorf("words in the longest run: got %d; want 4", n)
	}
	if p := got.Percent(1); math.Abs(p-100*4.0/7) > 1e-9 {
		t.Errorf("percent copied: got %v; want %v (4 of its 7 words)", p, 100*4.0/7)
	}
}

func TestMeterCharacters(t *testing.T) {
	text := "여우가 포도를 보았다 🦊🍇. The fox saw the grapes."
	tok := FitTokenizer(Char, SplitWhite, text)
	ids, _ := tok.Encode(text)
	m := NewMeter(tok, ids)
	got := m.Measure(tok.Cut("늑대가 포도를 보았다 🦊!", CleanNone, 40))
	if got.Longest != 11 || got.LongestStart != 2 || got.LongestAt != 2 {
		t.Errorf("longest: got %d characters at %d from %d; want 11 (\"가 포도를 보았다 🦊\") at 2 from 2", got.Longest, got.LongestStart, got.LongestAt)
	}
	if p := got.Percent(11); p != 100*11.0/14 {
		t.Errorf("percent of at least 11: got %v; want %v", p, 100*11.0/14)
	}
	if p := got.Percent(12); p != 0 {
		t.Errorf("percent of at least 12: got %v; want 0", p)
	}
}

// BenchmarkMeter measures the meter on Aesop's words: building its index, and checking a 50-word
// generation (a held-out passage: all of it is copied, so every run grows to its end).
func BenchmarkMeter(b *testing.B) {
	cfg := DefaultConfig()
	tok, ids := bookData(b, cfg)
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			NewMeter(tok, ids)
		}
	})
	m := NewMeter(tok, ids)
	passage := ids[len(ids)-200 : len(ids)-150]
	random := make([]int32, 50)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = ids[rng.IntN(len(ids))]
	}
	for _, c := range []struct {
		name string
		ids  []int32
	}{{"copied50", passage}, {"random50", random}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				m.MeasureIDs(c.ids)
			}
		})
	}
}
