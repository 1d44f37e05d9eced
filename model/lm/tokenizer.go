package lm

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Level names what a token is.
type Level string

const (
	// Word tokens are the words of the cleaned text, cut as the tokenizer's Split says.
	Word Level = "word"
	// Char tokens are Unicode code points (never bytes), so Korean and emoji stay whole.
	Char Level = "char"
)

// ParseLevel checks a level name given by a user.
func ParseLevel(s string) (Level, error) {
	switch Level(s) {
	case Word, Char:
		return Level(s), nil
	}
	return "", fmt.Errorf("unknown level %q (want word or char)", s)
}

// Split names how a text is cut into word tokens. A tokenizer keeps the split its vocabulary was
// made with, and a model file records it, so that a prompt is always cut the way the training
// text was.
type Split string

const (
	// SplitSpace is Keras' text_to_word_sequence(filters="", split=' '): words are what lies
	// between spaces (U+0020) alone, so a tab or a line break glues two words into one token.
	// It is the book's: its cleaning turns line breaks and runs of white space into single
	// spaces (a lone tab stays, inside a token, as in Keras). Files written before SplitWhite
	// existed cut their words this way, whatever their cleaning.
	SplitSpace Split = "space"
	// SplitWhite cuts on any white space, as Python's str.split() does (no-break spaces and U+3000
	// included), and keeps each line break as a token "\n" of its own, so that a poem or a play
	// keeps its lines and generated text keeps them too. "\r\n" and a lone "\r" are line
	// breaks as well, as Normalize makes them; the other line and paragraph separators (U+2028,
	// U+0085, \v, \f) separate words as spaces do, since Python's universal newlines leave them.
	SplitWhite Split = "white"
)

// Split returns the split that a vocabulary fitted on a text cleaned with c gets: the book's
// Keras split for CleanBook, and SplitWhite for CleanNone.
func (c Cleaning) Split() Split {
	if c == CleanBook {
		return SplitSpace
	}
	return SplitWhite
}

// Tokenizer has the semantics of Keras' Tokenizer(filters="", lower=True, split=' '): the text
// is lower-cased as a whole (Lower, Python's str.lower()) and cut into tokens; ids count from 1
// in order of descending frequency, ties broken by first appearance; 0 is reserved. Its Split
// says where words end (SplitSpace is Keras' own); characters are Unicode code points.
type Tokenizer struct {
	Level Level
	Split Split
	// Words[id] is the token with that id; Words[0] is "" (reserved).
	Words []string
	index map[string]int32
}

// NewTokenizer builds a tokenizer from a fixed vocabulary (as read from a model file), where
// words[0] is the reserved empty slot.
func NewTokenizer(level Level, split Split, words []string) (*Tokenizer, error) {
	if split != SplitSpace && split != SplitWhite {
		return nil, fmt.Errorf("unknown split %q (want space or white)", split)
	}
	if len(words) == 0 || words[0] != "" {
		return nil, errors.New("the vocabulary must start with the reserved empty slot")
	}
	t := &Tokenizer{Level: level, Split: split, Words: words, index: make(map[string]int32, len(words))}
	for id, w := range words[1:] {
		if w == "" {
			return nil, fmt.Errorf("empty token at id %d", id+1)
		}
		if _, dup := t.index[w]; dup {
			return nil, fmt.Errorf("token %q appears twice in the vocabulary", w)
		}
		t.index[w] = int32(id + 1)
	}
	return t, nil
}

// FitTokenizer is Keras' fit_on_texts: it counts the tokens of every text and orders them. With
// SplitSpace and texts cleaned as the book does, it gives Keras' vocabulary exactly.
func FitTokenizer(level Level, split Split, texts ...string) *Tokenizer {
	counts := map[string]int{}
	var order []string // first appearance
	for _, text := range texts {
		splitTokens(level, split, text, func(tok string) {
			if counts[tok] == 0 {
				order = append(order, tok)
			}
			counts[tok]++
		})
	}
	// A stable sort keeps ties in order of first appearance, as Python's list.sort does.
	slices.SortStableFunc(order, func(a, b string) int { return counts[b] - counts[a] })
	words := append([]string{""}, order...)
	t, err := NewTokenizer(level, split, words)
	if err != nil {
		panic(err) // unreachable: fitted tokens are distinct and non-empty
	}
	return t
}

// LineBreak is the token of a line break under SplitWhite.
const LineBreak = "\n"

// splitTokens calls f for each token of text: Keras' text_to_word_sequence with filters="" for
// words (the whole text lower-cased, then cut as split says, empty strings dropped), or each
// code point of the lower-cased text for characters.
func splitTokens(level Level, split Split, text string, f func(string)) {
	if split == SplitWhite {
		text = lineBreaks(text)
	}
	text = Lower(text) // valid UTF-8 from here on
	switch {
	case level == Char:
		for i, r := range text {
			f(text[i : i+utf8.RuneLen(r)])
		}
	case split == SplitSpace:
		for tok := range strings.SplitSeq(text, " ") {
			if tok != "" {
				f(tok)
			}
		}
	default:
		start := -1 // of the word being read
		for i, r := range text {
			if !isSpace(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				f(text[start:i])
				start = -1
			}
			if r == '\n' {
				f(LineBreak)
			}
		}
		if start >= 0 {
			f(text[start:])
		}
	}
}

// isSpace is Python's str.isspace() for one code point, which str.split() cuts on: Unicode's
// White_Space and the information separators U+001C–U+001F (whose bidirectional class is B or S).
func isSpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

// VocabSize is the number of ids including the reserved 0.
func (t *Tokenizer) VocabSize() int { return len(t.Words) }

// ID returns the id of a token, or 0 when it is unknown.
func (t *Tokenizer) ID(tok string) int32 { return t.index[tok] }

// Encode is Keras' texts_to_sequences for one text: unknown tokens are skipped, and returned
// (each once, in order of appearance) so that callers can tell the user.
func (t *Tokenizer) Encode(text string) (ids []int32, unknown []string) {
	seen := map[string]bool{}
	splitTokens(t.Level, t.Split, text, func(tok string) {
		if id, ok := t.index[tok]; ok {
			ids = append(ids, id)
		} else if !seen[tok] {
			seen[tok] = true
			unknown = append(unknown, tok)
		}
	})
	return ids, unknown
}

// Token returns the token of an id, or "" for 0 and ids out of range.
func (t *Tokenizer) Token(id int32) string {
	if id <= 0 || int(id) >= len(t.Words) {
		return ""
	}
	return t.Words[id]
}

// Decode joins tokens into a text that Encode cuts back into the same tokens: characters as
// they are; words with a space between them (Keras' sequences_to_texts), except that under
// SplitWhite a line-break token takes no space before or after it (Join).
func (t *Tokenizer) Decode(ids []int32) string {
	var b strings.Builder
	prev := ""
	for i, id := range ids {
		tok := t.Token(id)
		if t.Level == Word && i > 0 && (t.Split == SplitSpace || spaceBetween(prev, tok)) {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
		prev = tok
	}
	return b.String()
}

// Join appends b to the text a as Decode appends a token under SplitWhite: at word level with
// one space between them, unless either is empty or white space (a line break, say) already
// meets the seam; characters are joined as they are. The studio and the command line join a
// prompt and its continuation with it.
func Join(level Level, a, b string) string {
	if level == Word && spaceBetween(a, b) {
		return a + " " + b
	}
	return a + b
}

// spaceBetween reports whether two words need a space between them: neither is empty, and
// neither has white space at the seam.
func spaceBetween(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	return a != "" && b != "" && !isSpace(last) && !isSpace(first)
}
