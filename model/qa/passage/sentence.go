package passage

import (
	"sort"
	"strings"
	"unicode"
)

// Sentence is one sentence of a passage: its runes [Start, End) run from its first token's start
// to its last token's end, and Tokens are its tokens with offsets into the passage.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// abbreviations end with a full stop that does not end a sentence (lower case, without the stop).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true,
	"prof": true, "rev": true, "gen": true, "capt": true, "col": true, "lt": true, "sgt": true,
	"mt": true, "vs": true, "cf": true, "vol": true, "fig": true,
}

// Split splits text into sentences. A sentence ends after . ! ? or … and the closing quotes and
// brackets that follow them, and at a blank line. A full stop does not end a sentence after an
// abbreviation (Mr. Dr. St. …) or after a single letter other than "I" (an initial, or e.g. and
// i.e.), and no terminal ends one when the next word starts with a lower-case letter ("Who are
// you?" asked the Fox.), which also makes "etc." end a sentence only before a capital.
func Split(text string) []Sentence {
	rs := []rune(text)
	toks := tokenize(rs)
	var out []Sentence
	start := 0
	for i := 0; i < len(toks); i++ {
		end := i + 1
		switch {
		case i+1 < len(toks) && blankLineBetween(rs, toks[i].End, toks[i+1].Start):
		case isTerminal(toks[i].Text):
			for end < len(toks) && (isTerminal(toks[end].Text) || isCloser(toks[end].Text)) &&
				toks[end].Start == toks[end-1].End {
				end++
			}
			if !endsSentence(toks, i, end) {
				continue
			}
		default:
			continue
		}
		out = append(out, sentence(toks[start:end]))
		start, i = end, end-1
	}
	if start < len(toks) {
		out = append(out, sentence(toks[start:]))
	}
	return out
}

func sentence(toks []Token) Sentence {
	return Sentence{Start: toks[0].Start, End: toks[len(toks)-1].End, Tokens: toks}
}

func isTerminal(s string) bool { return s == "." || s == "!" || s == "?" || s == "…" }

func isCloser(s string) bool { return strings.ContainsAny(s, "\"'”’)]}»") && len([]rune(s)) == 1 }

// blankLineBetween reports whether the runes [from, to) hold two line breaks: a paragraph break.
func blankLineBetween(rs []rune, from, to int) bool {
	n := 0
	for _, r := range rs[from:to] {
		if r == '\n' || r == '\u2029' {
			n++
		}
	}
	return n >= 2 || strings.ContainsRune(string(rs[from:to]), '\u2029')
}

// endsSentence decides whether the terminal at toks[i], with its closers up to end, ends a
// sentence.
func endsSentence(toks []Token, i, end int) bool {
	if end >= len(toks) {
		return true
	}
	next := []rune(toks[end].Text)
	if unicode.IsLower(next[0]) {
		return false // "Who are you?" asked the Fox.
	}
	if toks[i].Text != "." || end > i+1 {
		return true
	}
	if i == 0 || toks[i-1].End != toks[i].Start || toks[i-1].Kind != Word {
		return true
	}
	prev := toks[i-1].Text
	low := strings.ToLower(prev)
	switch {
	case abbreviations[low]:
		return false
	case len([]rune(prev)) == 1 && unicode.IsLetter([]rune(prev)[0]) && prev != "I":
		return false // an initial (G. K. Chesterton) or part of e.g. / i.e.
	}
	return true
}

// Holding is the index in sents (a text's sentences as Split cuts them, in order) of the sentence
// that holds the rune offset at, or -1 when none does: at is in the white space between two
// sentences, or outside the text. The studio's exports and fabulist qa generate -json name an
// answer's sentence by the one that holds its start.
func Holding(sents []Sentence, at int) int {
	// The first sentence ending after at holds it, unless it starts after it too.
	j := sort.Search(len(sents), func(j int) bool { return sents[j].End > at })
	if at < 0 || j == len(sents) || sents[j].Start > at {
		return -1
	}
	return j
}
