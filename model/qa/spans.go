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

// Spans turns the tagger's output for passage into every answer it finds, best first: each
// maximal run of tokens more likely inside an answer than not. The book kept only the first run;
// a quiz wants them all.
func (n *Net) Spans(passage []int32) []Span {
	return spans(n.Inside(passage))
}

func spans(inside []float64) []Span {
	var out []Span
	for i := 0; i < len(inside); {
		if inside[i] <= 0.5 {
			i++
			continue
		}
		j, sum := i, 0.0
		for ; j < len(inside) && inside[j] > 0.5; j++ {
			sum += inside[j]
		}
		out = append(out, Span{Start: i, End: j, Prob: sum / float64(j-i)})
		i = j
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Prob > out[b].Prob })
	return out
}
