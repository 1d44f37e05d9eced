package lm

import (
	"strings"
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

// TestSeparatorsAreBounded: book cleaning writes seq_length separators per story break; a text of
// nothing but breaks grew 200-fold at seq_length 512 (a 5 MB text: gigabytes, for minutes).
func TestSeparatorsAreBounded(t *testing.T) {
	breaks := strings.Repeat("a\n\n\n\n\n", MaxTextBytes/6)
	cfg := BookConfig()
	cfg.SeqLen = MaxSeqLen
	if _, err := Prepare(breaks, cfg, nil); err == nil || !strings.Contains(err.Error(), "story breaks") {
		t.Errorf("Prepare of %d story breaks at seq_length %d: got %v; want a refusal", MaxTextBytes/6, cfg.SeqLen, err)
	}
	if err := CheckSeparators(breaks, CleanNone, MaxSeqLen); err != nil {
		t.Errorf("without book cleaning: %v; want no separators and no error", err)
	}
	stories := strings.Repeat(strings.Repeat("the fox saw the grapes . ", 600)+"\n\n\n\n\n", 300) // 4.5 MB
	if err := CheckSeparators(stories, CleanBook, MaxSeqLen); err != nil {
		t.Errorf("300 stories at seq_length %d: %v; want them taken", MaxSeqLen, err)
	}
}
