package lm

import (
	"index/suffixarray"
	"slices"
)

// DefaultMinCopied is the shortest run of tokens the memorisation meter counts as copied when
// the user has not chosen: 8 words, or 40 characters.
func DefaultMinCopied(level Level) int {
	if level == Char {
		return 40
	}
	return 8
}

// MaxMinCopied bounds the minimum length a user may set: a few sentences.
const MaxMinCopied = 1000

// Meter finds the runs of a text's tokens that appear verbatim in a training text: the
// memorisation meter. It holds a suffix array (index/suffixarray) over the training tokens,
// built once per text, so that checking a generation of n tokens takes about 2n lookups of
// O(log corpus) each. It is safe for concurrent use once built.
type Meter struct {
	tok   *Tokenizer
	ids   []int32 // the training text's tokens
	width int     // bytes per token in the index
	index *suffixarray.Index
}

// NewMeter indexes a training text's token ids (as Tokenize gives them) under tok's vocabulary.
//
// The index holds each id in width bytes, and a lookup must only match at a token's first byte:
// with one byte a token (vocabularies up to 255 ids) every byte is one; with more, the first byte
// has its high bit set and the others do not (7 bits each, so 3 bytes hold MaxVocab's ids).
func NewMeter(tok *Tokenizer, ids []int32) *Meter {
	m := &Meter{tok: tok, ids: ids, width: 1}
	for v := tok.VocabSize(); m.width == 1 && v > 256 || m.width > 1 && v > 1<<(7*m.width); {
		m.width++
	}
	buf := make([]byte, 0, len(ids)*m.width)
	for _, id := range ids {
		buf = m.appendID(buf, id)
	}
	m.index = suffixarray.New(buf)
	return m
}

// appendID writes one id as the index holds it.
func (m *Meter) appendID(b []byte, id int32) []byte {
	if m.width == 1 {
		return append(b, byte(id))
	}
	b = append(b, 0x80|byte(id>>(7*(m.width-1))))
	for k := m.width - 2; k >= 0; k-- {
		b = append(b, byte(id>>(7*k))&0x7f)
	}
	return b
}

// Copied is what the meter found in one text: for each of its tokens, the longest run starting
// there that the training text holds verbatim. A caller picks the minimum length that counts as
// copied (Spans, Percent), so a page can change it without asking the meter again.
type Copied struct {
	// Tokens is the text measured, as tokens of Level, cut as Split says (Tokenizer.Cut).
	Tokens []string `json:"tokens"`
	Level  Level    `json:"level"`
	Split  Split    `json:"split"`
	// Runs[i] is the length, in tokens, of the longest run Tokens[i:i+Runs[i]] found verbatim in
	// the training text: 0 for a token the training text lacks. Nil when the text was not
	// measured (a model without its training text).
	Runs []int `json:"runs"`
	// Longest is the longest run, in tokens; it starts at LongestStart of Tokens and at LongestAt
	// of the training text's tokens (the first place it occurs there), which has CorpusTokens.
	Longest      int `json:"longest"`
	LongestStart int `json:"longest_start"`
	LongestAt    int `json:"longest_at"`
	CorpusTokens int `json:"corpus_tokens"`
	// Source is the longest run with a few tokens of the training text either side, as the
	// training text has them, for the page to show where it came from.
	Source []string `json:"source,omitempty"`
	// SourceStart is where the run starts in Source.
	SourceStart int `json:"source_start,omitempty"`
}

// Span is a run of tokens [Start, End) of a measured text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// sourceContext is how many tokens of the training text Copied.Source keeps either side of the
// longest run.
const sourceContext = 8

// Measure finds the copied runs of a text given as tokens (Tokenizer.Cut); tokens the vocabulary
// lacks are never copied.
func (m *Meter) Measure(tokens []string) Copied {
	ids := make([]int32, len(tokens))
	for i, t := range tokens {
		ids[i] = m.tok.ID(t)
	}
	c := m.MeasureIDs(ids)
	c.Tokens, c.Level, c.Split = tokens, m.tok.Level, m.tok.Split
	return c
}

// MeasureIDs finds the copied runs of a text given as ids (0: a token the vocabulary lacks,
// never copied). Copied.Tokens is left for the caller.
//
// The run at i+1 is at least the run at i less one token (its tail), so each step only tries to
// grow the last run: about 2·len(ids) lookups in all.
func (m *Meter) MeasureIDs(ids []int32) Copied {
	c := Copied{Runs: make([]int, len(ids)), CorpusTokens: len(m.ids)}
	pattern := make([]byte, 0, len(ids)*m.width)
	run := 0
	for i := range ids {
		run = max(run-1, 0)
		for i+run < len(ids) && m.found(m.encode(pattern[:0], ids[i:i+run+1])) {
			run++
		}
		c.Runs[i] = run
		if run > c.Longest {
			c.Longest, c.LongestStart = run, i
		}
	}
	if c.Longest > 0 {
		at := m.index.Lookup(m.encode(pattern[:0], ids[c.LongestStart:c.LongestStart+c.Longest]), -1)
		c.LongestAt = slices.Min(at) / m.width
		from := max(c.LongestAt-sourceContext, 0)
		to := min(c.LongestAt+c.Longest+sourceContext, len(m.ids))
		for _, id := range m.ids[from:to] {
			c.Source = append(c.Source, m.tok.Token(id))
		}
		c.SourceStart = c.LongestAt - from
	}
	return c
}

func (m *Meter) encode(b []byte, ids []int32) []byte {
	for _, id := range ids {
		if id <= 0 {
			return nil
		}
		b = m.appendID(b, id)
	}
	return b
}

// found reports whether the training text holds pattern (nil: a token it cannot hold).
func (m *Meter) found(pattern []byte) bool {
	return pattern != nil && len(m.index.Lookup(pattern, 1)) > 0
}

// Spans returns the runs of at least least tokens (at least one) copied verbatim, overlapping and touching runs
// merged, in order: what the page marks.
func (c Copied) Spans(least int) []Span {
	var spans []Span
	for i, run := range c.Runs {
		if run < max(least, 1) {
			continue
		}
		if n := len(spans); n > 0 && i <= spans[n-1].End {
			spans[n-1].End = max(spans[n-1].End, i+run)
			continue
		}
		spans = append(spans, Span{i, i + run})
	}
	return spans
}

// Percent is the share of the text's words (or characters), 0 to 100, inside runs of at least
// least tokens copied verbatim; 0 for a text with none. Story breaks are not words: prose hides
// them (see Count), and a run of them, which every training text holds, would count as copied.
func (c Copied) Percent(least int) float64 {
	all := c.Count(Span{0, len(c.Runs)})
	if all == 0 {
		return 0
	}
	n := 0
	for _, s := range c.Spans(least) {
		n += c.Count(s)
	}
	return 100 * float64(n) / float64(all)
}

// Count is how many of the tokens [s.Start, s.End) are words (or characters) of the text: all but
// the story breaks (Separator) of a word-level text cut at spaces, which Prose hides. Without
// Tokens (a caller of MeasureIDs) every token counts.
func (c Copied) Count(s Span) int {
	n := s.End - s.Start
	if c.Level != Word || c.Split != SplitSpace || len(c.Tokens) < s.End {
		return n
	}
	for _, t := range c.Tokens[s.Start:s.End] {
		if t == Separator {
			n--
		}
	}
	return n
}

// Cut returns the tokens of text as the tokenizer cuts it (lower-cased, known or not): what the
// meter measures of a text on show. The text is cleaned first as a prompt is (CleanPrompt).
func (t *Tokenizer) Cut(text string, c Cleaning, seqLen int) []string {
	var tokens []string
	splitTokens(t.Level, t.Split, CleanPrompt(text, c, seqLen), func(tok string) { tokens = append(tokens, tok) })
	return tokens
}
