package dataset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a word of a text for matching: its lower-cased form and its rune offsets in the text.
type word struct {
	text       string
	start, end int
}

// isSep reports whether r separates words for matching: white space as Python's str.split()
// sees it (unicode.IsSpace plus the separators U+001C–U+001F), or ASCII punctuation, Python's
// string.punctuation (!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~). Other punctuation (’ “ —) is part of
// a word, as it was in the measurement of ../shared/QA.md that this rule reproduces.
func isSep(r rune) bool {
	if r < utf8.RuneSelf {
		return r <= ' ' && (r == ' ' || r >= '\t' && r <= '\r' || r >= 0x1c && r <= 0x1f) ||
			strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r)
	}
	return unicode.IsSpace(r)
}

// words splits s into its words: maximal runs of runes that are not separators (isSep).
func words(s string) []word {
	var out []word
	start, i, from := -1, 0, 0
	for pos, r := range s {
		if isSep(r) {
			if start >= 0 {
				out = append(out, word{strings.ToLower(s[from:pos]), start, i})
				start = -1
			}
		} else if start < 0 {
			start, from = i, pos
		}
		i++
	}
	if start >= 0 {
		out = append(out, word{strings.ToLower(s[from:]), start, i})
	}
	return out
}

// MatchSpan finds answer in passage after lower-casing both and cutting them into words at white
// space and ASCII punctuation (see isSep): the answer is a span when its words are a run of the
// passage's words. It returns the rune offsets [start, end) in passage from the first rune of the
// first matching word to the last rune of the last, so punctuation around the answer is left
// out ("Goblins." matches "Goblins"), or -1, -1 when there is no match or the answer has no words.
//
// This is the rule that gives the span counts of ../shared/QA.md for FairytaleQA (586 of 1,025
// val and 4,545 of 8,548 train questions): Python's ' '.join(s.lower() with each character of
// string.punctuation replaced by a space).split(), matched word by word, first match.
func MatchSpan(passage, answer string) (start, end int) {
	a := words(answer)
	if len(a) == 0 {
		return -1, -1
	}
	p := words(passage)
next:
	for i := 0; i+len(a) <= len(p); i++ {
		for j := range a {
			if p[i+j].text != a[j].text {
				continue next
			}
		}
		return p[i].start, p[i+len(a)-1].end
	}
	return -1, -1
}
