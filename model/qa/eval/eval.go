// Package eval scores a question generator on a dataset's answer spans, answer-aware (each gold
// answer is given, as in Du et al. 2017 and ../shared/QA.md §4): one generated question per gold
// question, scored against it with corpus BLEU-1..4 and ROUGE-L on metric.Tokenize's tokens.
package eval

import (
	"fmt"

	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/model/qa/metric"
)

// Result is a generator's scores on the span subset of a set, as fractions in [0, 1].
type Result struct {
	N      int                  `json:"n"` // questions scored: the set's answer spans
	BLEU   [metric.MaxN]float64 `json:"bleu"`
	BLEU4  float64              `json:"bleu4"`
	RougeL float64              `json:"rougeL"`
}

// Questions asks g about every answer span of set and scores the questions against the set's. It
// returns an error naming the example when g refuses a span.
func Questions(g qa.Generator, set dataset.Set) (Result, error) {
	var hyps [][]string
	var refs [][][]string
	for _, ex := range set.Spanned() {
		p, err := g.Ask(ex.Passage, ex.Start, ex.End)
		if err != nil {
			return Result{}, fmt.Errorf("eval: %s: %w", ex.Source, err)
		}
		hyps = append(hyps, metric.Tokenize(p.Question))
		refs = append(refs, [][]string{metric.Tokenize(ex.Question)})
	}
	r := Result{N: len(hyps)}
	if r.N == 0 {
		return r, nil
	}
	r.BLEU = metric.BLEU(hyps, refs)
	r.BLEU4 = r.BLEU[3]
	r.RougeL = metric.CorpusRougeL(hyps, refs)
	return r, nil
}
