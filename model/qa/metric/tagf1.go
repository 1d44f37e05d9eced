package metric

// PRF is a precision, a recall and their harmonic mean F1, each a fraction in [0, 1]. A ratio
// whose denominator is 0 (nothing predicted, nothing gold) is 0, as is F1 when P+R is 0.
type PRF struct {
	Precision, Recall, F1 float64
}

// prf makes a PRF from counts: correct of predicted were right, of gold to find.
func prf(correct, predicted, gold int) PRF {
	var s PRF
	if predicted > 0 {
		s.Precision = float64(correct) / float64(predicted)
	}
	if gold > 0 {
		s.Recall = float64(correct) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// TokenF1 scores the answer tagger token by token: pred[s][t] and gold[s][t] say whether token
// t of sentence s is inside an answer. Counts are summed over all tokens of all sentences
// (micro-average) for the positive class: precision is the share of tokens tagged true that
// are gold true, recall the share of gold true tokens tagged true.
//
// TokenF1 panics if pred and gold differ in shape.
func TokenF1(pred, gold [][]bool) PRF {
	checkShape("TokenF1", pred, gold)
	var correct, predicted, relevant int
	for s := range pred {
		for t, p := range pred[s] {
			g := gold[s][t]
			if p {
				predicted++
			}
			if g {
				relevant++
			}
			if p && g {
				correct++
			}
		}
	}
	return prf(correct, predicted, relevant)
}

// SpanF1 scores the answer tagger by whole answers: a span is a maximal run of true tags in a
// sentence, and a predicted span is right only if a gold span has exactly its start and end
// (CoNLL-style exact match). Counts are summed over all sentences (micro-average).
//
// SpanF1 panics if pred and gold differ in shape.
func SpanF1(pred, gold [][]bool) PRF {
	checkShape("SpanF1", pred, gold)
	var correct, predicted, relevant int
	for s := range pred {
		ps, gs := spans(pred[s]), spans(gold[s])
		predicted += len(ps)
		relevant += len(gs)
		goldSet := make(map[[2]int]bool, len(gs))
		for _, g := range gs {
			goldSet[g] = true
		}
		for _, p := range ps {
			if goldSet[p] {
				correct++
			}
		}
	}
	return prf(correct, predicted, relevant)
}

// spans returns the maximal runs of true in tags as [start, end) token offsets.
func spans(tags []bool) [][2]int {
	var out [][2]int
	for t := 0; t < len(tags); t++ {
		if !tags[t] {
			continue
		}
		start := t
		for t < len(tags) && tags[t] {
			t++
		}
		out = append(out, [2]int{start, t})
	}
	return out
}

func checkShape(fn string, pred, gold [][]bool) {
	if len(pred) != len(gold) {
		panic("metric: " + fn + ": predicted and gold tags differ in number of sentences")
	}
	for s := range pred {
		if len(pred[s]) != len(gold[s]) {
			panic("metric: " + fn + ": predicted and gold tags differ in length")
		}
	}
}
