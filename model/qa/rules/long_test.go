package rules

import (
	"strings"
	"testing"

	"fabulist/model/qa/passage"
)

// TestALongSentenceIsReadInPieces: a sentence of thousands of words without a full stop is read
// in pieces of at most maxSentenceTokens tokens, cut after a comma where there is one, so that no
// question or cloze holds the whole sentence (whose cost grew with the square of its length);
// the pairs still lie within the passage's one sentence.
func TestALongSentenceIsReadInPieces(t *testing.T) {
	text := strings.Repeat("There stood a man in the midst of the wood, and the fox had all the time been prowling ", 150)
	sents := passage.Split(text)
	if len(sents) != 1 || len(sents[0].Tokens) < 10*maxSentenceTokens {
		t.Fatalf("the text is %d sentences; want one of over %d tokens", len(sents), 10*maxSentenceTokens)
	}
	ps := pieces(sents[0])
	next := 0
	for i, p := range ps {
		n := len(p.Tokens)
		if n == 0 || n > maxSentenceTokens || p.Tokens[0].Start != sents[0].Tokens[next].Start {
			t.Fatalf("piece %d: %d tokens from %d; want 1 to %d from token %d", i, n, p.Tokens[0].Start, maxSentenceTokens, next)
		}
		if i < len(ps)-1 && p.Tokens[n-1].Text != "," {
			t.Errorf("piece %d ends at %q; want a comma", i, p.Tokens[n-1].Text)
		}
		next += n
	}
	if next != len(sents[0].Tokens) {
		t.Fatalf("the pieces hold %d tokens of %d", next, len(sents[0].Tokens))
	}
	pairs, _ := Generator{}.Pairs(text, 20)
	if len(pairs) == 0 {
		t.Fatal("no pairs from the long sentence")
	}
	rs := []rune(text)
	for _, p := range pairs {
		checkPair(t, rs, sents, p)
		if w := len(strings.Fields(p.Question)); w > maxSentenceTokens {
			t.Errorf("a question of %d words: %.80q…", w, p.Question)
		}
	}
	if short := "The fox slept all day."; len(pieces(passage.Split(short)[0])) != 1 {
		t.Errorf("a short sentence was cut")
	}
}

// TestASymbolBeforeASentenceLeadsNoCloze: an emoji after a sentence's full stop is read with the
// next sentence, but its cloze starts at its first word.
func TestASymbolBeforeASentenceLeadsNoCloze(t *testing.T) {
	// Pairs asks clozes of sentences in a script the rules cannot read (Russian here), whose
	// names it finds by their capitals; English sentences get questions.
	text := "The Crow found a piece of cheese. 🦊 Лиса и Волк были голодны. 😢 Тогда Ворона и Лиса пели."
	ps, _ := Generator{}.Pairs(text, 50)
	clozes := 0
	for _, p := range ps {
		checkPair(t, []rune(text), passage.Split(text), p)
		if strings.Contains(p.Question, "___") {
			clozes++
			if strings.ContainsAny(p.Question, "🦊😢") {
				t.Errorf("a cloze with the sentence before's emoji: %q", p.Question)
			}
		}
	}
	if clozes == 0 {
		t.Fatal("no clozes to check")
	}
}
