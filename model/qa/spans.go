package qa

import (
	"math"
	"sort"

	"fabulist/model/nn"
)

// Span is a run of passage tokens [Start, End) that the tagger marks as an answer, with Prob the
// mean probability it gives its tokens of being inside one.
type Span struct {
	Start, End int
	Prob       float64
}

// Inside is the tagger's probability (S) that each token of passage (S ids in [0, V)) is inside
// an answer.
func (n *Net) Inside(passage []int32) []float64 {
	S, E, H := len(passage), n.Shape.Embed, n.Shape.Units
	xe, logits := make([]float32, S*E), make([]float32, S*2)
	n.emb.Forward(xe, passage)
	c := nn.NewBidirectionalCache(n.tagger, S, 1)
	n.tagger.Forward(c, xe, nil, n.mm)
	n.tagOut.Forward(logits, c.Outputs()[:S*2*H], S, n.mm)
	p := make([]float64, S)
	for i := range S {
		p[i] = 1 / (1 + math.Exp(float64(logits[2*i]-logits[2*i+1]))) // softmax of two
	}
	return p
}

// Spans turns the tagger's output for passage into every answer it finds, best first (see
// SpansOf). The book kept only the first run; a quiz wants them all.
func (n *Net) Spans(passage []int32) []Span {
	return SpansOf(n.Inside(passage))
}

// answerThreshold is the probability from which a token counts as inside an answer, given the
// likeliest token's: more likely inside than not, or at least half as likely as the likeliest.
// Answers are a few tokens in a hundred, so a tagger trained on them rarely gives any token
// more than 0.5 (on FairytaleQA, none after three epochs); the relative part still finds its
// best guesses.
func answerThreshold(inside []float64) float64 {
	top := 0.0
	for _, p := range inside {
		top = max(top, p)
	}
	return min(0.5, top/2)
}

// Tags marks the tokens inside an answer: those whose probability reaches answerThreshold.
func Tags(inside []float64) []bool {
	t := answerThreshold(inside)
	out := make([]bool, len(inside))
	for i, p := range inside {
		out[i] = p > 0 && p >= t
	}
	return out
}

// SpansOf turns the probabilities (S) that each token is inside an answer into every maximal
// run of Tags, ranked by the mean probability of its tokens, best first.
func SpansOf(inside []float64) []Span {
	tags := Tags(inside)
	var out []Span
	for i := 0; i < len(inside); {
		if !tags[i] {
			i++
			continue
		}
		j, sum := i, 0.0
		for ; j < len(inside) && tags[j]; j++ {
			sum += inside[j]
		}
		out = append(out, Span{Start: i, End: j, Prob: sum / float64(j-i)})
		i = j
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Prob > out[b].Prob })
	return out
}
