package qa

import (
	"strings"
	"unicode"

	"fabulist/model/qa/dataset"
	"fabulist/model/qa/passage"
)

// Words cuts a text into the model's words: passage's tokens (punctuation apart, offsets kept),
// lower-cased by Unicode's simple mapping (strings.ToLower). toks are the tokens, with offsets
// into text, in the same order.
func Words(text string) (words []string, toks []passage.Token) {
	toks = passage.Tokenize(text)
	words = make([]string, len(toks))
	for i, t := range toks {
		words[i] = strings.ToLower(t.Text)
	}
	return words, toks
}

// tokenSpan is the tokens of toks that overlap the runes [start, end), or ok false when none do.
func tokenSpan(toks []passage.Token, start, end int) (i, j int, ok bool) {
	i, j = -1, -1
	for k, t := range toks {
		if t.End > start && t.Start < end {
			if i < 0 {
				i = k
			}
			j = k + 1
		}
	}
	return i, j, i >= 0
}

// Prepare turns a dataset example into the model's: its passage's words (at most maxS, a window
// around the answer when the passage is longer), the answer's tokens tagged, and the question's
// words. ok is false for an example whose answer is not a span.
func (v *Vocab) Prepare(ex dataset.Example, maxS int) (e Example, ok bool) {
	if !ex.IsSpan() {
		return Example{}, false
	}
	words, toks := Words(ex.Passage)
	i, j, ok := tokenSpan(toks, ex.Start, ex.End)
	if !ok {
		return Example{}, false
	}
	lo, hi := window(len(words), i, j, maxS)
	q, _ := Words(ex.Question)
	return v.NewExample(words[lo:hi], i-lo, j-lo, q), true
}

// window is the range [lo, hi) of at most maxS of n tokens that holds [i, j), centred on it.
func window(n, i, j, maxS int) (lo, hi int) {
	if n <= maxS {
		return 0, n
	}
	lo = max(0, (i+j)/2-maxS/2)
	hi = min(n, lo+maxS)
	lo = max(0, hi-maxS)
	if i < lo || j > hi { // an answer longer than the window: keep its start
		lo, hi = i, min(n, i+maxS)
	}
	return lo, hi
}

// Sentence writes a question's words as text: no space before closing punctuation or after
// opening punctuation, the first letter capitalised.
func Sentence(words []string) string {
	var b strings.Builder
	for k, w := range words {
		if k > 0 && !closing(w) && !opening(words[k-1]) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	s := []rune(b.String())
	if len(s) > 0 {
		s[0] = unicode.ToUpper(s[0])
	}
	return string(s)
}

func closing(w string) bool {
	return strings.ContainsAny(w, "?!.,;:)]}”’") && len([]rune(w)) == 1 || w == "'s" || w == "n't"
}
func opening(w string) bool { return len([]rune(w)) == 1 && strings.ContainsAny(w, "([{“‘") }
