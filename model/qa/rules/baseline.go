package rules

import (
	"fmt"
	"strings"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
)

// Baseline is the floor a question generator is measured against (../shared/QA.md, §4, after
// Lewis et al. 2019's identity translation): the answer's sentence as it stands, with the answer
// replaced by a wh-word chosen from its words. It asks only answer-aware questions: Pairs gives
// none.
type Baseline struct{}

var _ qa.Generator = Baseline{}

// Pairs gives no pairs: the baseline needs an answer.
func (Baseline) Pairs(string, int) ([]qa.Pair, error) { return nil, nil }

// Ask returns the sentence that holds start with the runes [start, end) replaced by a wh-word, its
// terminal punctuation replaced by "?". It returns an error when the span is empty or out of
// range.
func (Baseline) Ask(text string, start, end int) (qa.Pair, error) {
	rs := []rune(text)
	if start < 0 || end > len(rs) || start >= end {
		return qa.Pair{}, fmt.Errorf("rules: span [%d, %d) is empty or out of range of a passage of %d runes", start, end, len(rs))
	}
	si, from, to := 0, 0, len(rs)
	wh := "what"
	for i, s := range passage.Split(text) {
		if s.Start > start {
			break
		}
		si, from, to = i, s.Start, max(s.End, end)
		a := span{-1, -1}
		for k, t := range s.Tokens {
			if t.Start <= start && start < t.End {
				a.i = k
			}
			if t.Start < end && end <= t.End {
				a.j = k + 1
			}
		}
		if a.i >= 0 && a.j > a.i {
			wh = strings.ToLower(whFor(rs, s.Tokens, a))
		}
	}
	q := strings.TrimRight(string(rs[from:start])+wh+string(rs[end:to]), " .!;:\"'”’")
	q = strings.Join(strings.Fields(q), " ") + " ?"
	return qa.Pair{Question: q, Answer: qa.OneLine(string(rs[start:end])), Sentence: si, Start: start, End: end, Method: qa.ByRules}, nil
}
