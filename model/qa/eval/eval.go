// Package eval scores a question generator on a dataset's answer spans, answer-aware (each gold
// answer is given, as in Du et al. 2017 and ../shared/QA.md §4): one generated question per gold
// question, scored against it with corpus BLEU-1..4 and ROUGE-L on metric.Tokenize's tokens.
package eval

import (
	"fmt"
	"unicode"

	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/model/qa/metric"
	"fabulist/model/qa/passage"
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

// Tagger scores a tagger on the span subset of set: tag, given a passage's qa.Words, says which
// of its tokens are inside an answer; the gold tags are the answer's tokens.
func Tagger(set dataset.Set, tag func(words []string, toks []passage.Token) []bool) metric.PRF {
	var pred, gold [][]bool
	for _, ex := range set.Spanned() {
		words, toks := qa.Words(ex.Passage)
		g := make([]bool, len(toks))
		for k, t := range toks {
			g[k] = t.End > ex.Start && t.Start < ex.End
		}
		pred = append(pred, tag(words, toks))
		gold = append(gold, g)
	}
	return metric.TokenF1(pred, gold)
}

// CapitalsAndNumbers is the tagger baseline the issue measures against: every capitalised word
// and every number is inside an answer.
func CapitalsAndNumbers(_ []string, toks []passage.Token) []bool {
	out := make([]bool, len(toks))
	for k, t := range toks {
		r := []rune(t.Text)
		out[k] = t.Kind == passage.Number || t.Kind == passage.Word && unicode.IsUpper(r[0])
	}
	return out
}

// ModelTagger tags with a question model's tagger (qa.Tags of its probabilities), over the
// passage's first qa.MaxPassage tokens (the rest are outside).
func ModelTagger(m *qa.Model) func([]string, []passage.Token) []bool {
	return func(words []string, toks []passage.Token) []bool {
		out := make([]bool, len(toks))
		copy(out, qa.Tags(m.Net.Inside(m.Vocab.IDs(words[:min(len(words), qa.MaxPassage)]))))
		return out
	}
}
