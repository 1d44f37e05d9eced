package model

import (
	"testing"

	"fabulist/internal/need"
)

// sharedCorpus reads a corpus from ../shared/data, where CI and developers have it; a user's own
// clone may not, and then the test skips with a notice rather than failing (except in CI).
func sharedCorpus(tb testing.TB, name string) string {
	tb.Helper()
	return string(need.Data(tb, name))
}

// bookData cleans and tokenizes Aesop as the book does.
func bookData(tb testing.TB, cfg Config) (*Tokenizer, []int32) {
	tb.Helper()
	text := Clean(Normalize(sharedCorpus(tb, "aesop.txt")), cfg.Cleaning, cfg.SeqLen)
	tok := FitTokenizer(cfg.Level, cfg.Cleaning.Split(), text)
	ids, _ := tok.Encode(text)
	return tok, ids
}
