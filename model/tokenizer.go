package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Level names what a token is.
type Level string

const (
	// Word tokens are the space-separated words of the cleaned text.
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
	return "", fmt.Errorf("model: unknown level %q (want word or char)", s)
}

// Tokenizer has the semantics of Keras' Tokenizer(filters=”, lower=True, split=' '): the text is
// lower-cased as a whole (Lower, Python's str.lower()); ids count from 1 in order of descending
// frequency, ties broken by first appearance; 0 is reserved.
type Tokenizer struct {
	Level Level
	// Words[id] is the token with that id; Words[0] is "" (reserved).
	Words []string
	index map[string]int32
}

// NewTokenizer builds a tokenizer from a fixed vocabulary (as read from a model file), where
// words[0] is the reserved empty slot.
func NewTokenizer(level Level, words []string) (*Tokenizer, error) {
	if len(words) == 0 || words[0] != "" {
		return nil, fmt.Errorf("model: vocabulary must start with the reserved empty slot")
	}
	t := &Tokenizer{Level: level, Words: words, index: make(map[string]int32, len(words))}
	for id, w := range words[1:] {
		if w == "" {
			return nil, fmt.Errorf("model: empty token at id %d", id+1)
		}
		if _, dup := t.index[w]; dup {
			return nil, fmt.Errorf("model: token %q appears twice in the vocabulary", w)
		}
		t.index[w] = int32(id + 1)
	}
	return t, nil
}

// FitTokenizer is Keras' fit_on_texts: it counts the tokens of every text and orders them.
func FitTokenizer(level Level, texts ...string) *Tokenizer {
	counts := map[string]int{}
	var order []string // first appearance
	for _, text := range texts {
		splitTokens(level, text, func(tok string) {
			if counts[tok] == 0 {
				order = append(order, tok)
			}
			counts[tok]++
		})
	}
	// A stable sort keeps ties in order of first appearance, as Python's list.sort does.
	slices.SortStableFunc(order, func(a, b string) int { return counts[b] - counts[a] })
	words := append([]string{""}, order...)
	t, err := NewTokenizer(level, words)
	if err != nil {
		panic(err) // unreachable: fitted tokens are distinct and non-empty
	}
	return t
}

// splitTokens calls f for each token of text: Keras' text_to_word_sequence with filters=” for
// words (the whole text lower-cased, split on ' ', empty strings dropped), or each code point of
// the lower-cased text for characters: lowering a character alone would lose the final sigma.
func splitTokens(level Level, text string, f func(string)) {
	text = Lower(text) // valid UTF-8 from here on
	if level == Char {
		for i, r := range text {
			f(text[i : i+utf8.RuneLen(r)])
		}
		return
	}
	for tok := range strings.SplitSeq(text, " ") {
		if tok != "" {
			f(tok)
		}
	}
}

// VocabSize is the number of ids including the reserved 0.
func (t *Tokenizer) VocabSize() int { return len(t.Words) }

// ID returns the id of a token, or 0 when it is unknown.
func (t *Tokenizer) ID(tok string) int32 { return t.index[tok] }

// Encode is Keras' texts_to_sequences for one text: unknown tokens are skipped, and returned
// (each once, in order of appearance) so that callers can tell the user.
func (t *Tokenizer) Encode(text string) (ids []int32, unknown []string) {
	seen := map[string]bool{}
	splitTokens(t.Level, text, func(tok string) {
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

// Decode joins tokens as the book prints them: words with spaces, characters as they are.
func (t *Tokenizer) Decode(ids []int32) string {
	var b strings.Builder
	for _, id := range ids {
		if t.Level == Word && b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Token(id))
	}
	return b.String()
}
