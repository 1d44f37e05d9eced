package qa

import (
	"errors"
	"math"
	"slices"
	"sort"

	"fabulist/model/nn"
)

// Inside is the tagger's probability (S) that each token of passage (S ids in [0, V)) is inside
// an answer.
func (n *BookNet) Inside(passage []int32) []float64 {
	S := len(passage)
	w := &bookWork{S: S, B: 1, xe: make([]float32, S*n.Shape.Embed),
		tagC: nn.NewBidirectionalCache(n.tagger, S, 1), tagLogits: make([]float32, S*2)}
	n.tag(w, passage)
	p := make([]float64, S)
	for i := range S {
		p[i] = 1 / (1 + math.Exp(float64(w.tagLogits[2*i]-w.tagLogits[2*i+1]))) // softmax of two
	}
	return p
}

// tag runs one passage through the tagger into w.
func (n *BookNet) tag(w *bookWork, passage []int32) {
	n.emb.Forward(w.xe, passage)
	n.tagger.Forward(w.tagC, w.xe, nil, n.mm)
	n.tagOut.Forward(w.tagLogits, w.tagC.Outputs(), len(passage), n.mm)
}

// Spans is every answer the tagger finds in passage, best first (see SpansOf).
func (n *BookNet) Spans(passage []int32) []Span { return SpansOf(n.Inside(passage)) }

// Ask encodes the answer tagged in tags and decodes questions about it with beam search over the
// vocabulary (the book's model cannot copy, so source and vext do not matter). It returns an
// error for a width out of [1, MaxBeam].
func (n *BookNet) Ask(passage, _, tags []int32, k, maxLen, _ int) ([]Hypothesis, error) {
	if k < 1 || k > MaxBeam {
		return nil, errors.New("qa: the beam's width is out of [1, 10]")
	}
	S := len(passage)
	w := &bookWork{S: S, B: 1, xe: make([]float32, S*n.Shape.Embed),
		tagC: nn.NewBidirectionalCache(n.tagger, S, 1), tagLogits: make([]float32, S*2)}
	n.tag(w, passage)
	n.gatherAnswers(w, tags, nil)
	n.encodeAnswers(w, w.tagC.Outputs())
	s := n.Shape
	E, D, V := s.Embed, s.Decoder, s.V
	x, ga, gs := make([]float32, k*E), make([]float32, k*3*D), make([]float32, k*3*D)
	hs, logits := make([]float32, k*D), make([]float32, k*V)
	top := make([]int32, 0, k+1)
	expand := func(live []beam, k int) []candidate {
		K := len(live)
		for b, bm := range live {
			last := int32(StartID)
			if len(bm.ids) > 0 {
				last = bm.ids[len(bm.ids)-1]
			}
			copy(x[b*E:(b+1)*E], n.emb.Row(last))
			copy(hs[b*D:(b+1)*D], bm.h)
		}
		n.decoder.Step(hs[:K*D], x[:K*E], ga, gs, K, n.mm)
		n.out.Forward(logits, hs[:K*D], K, n.mm)
		nn.Softmax(logits[:K*V], K, V)
		var cands []candidate
		for b := range K {
			dist := logits[b*V : (b+1)*V]
			dist[PadID], dist[UnkID], dist[StartID] = 0, 0, 0
			for _, id := range topIDs(dist, top[:0], k+1) {
				cands = append(cands, candidate{b, id, live[b].logp + math.Log(float64(dist[id]))})
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].logp > cands[j].logp })
		return cands
	}
	return search(k, maxLen, D, w.ansC.Final(), hs, expand), nil
}

// search is beam search of width k over up to maxLen tokens for a decoder whose state is D values
// starting at h0: expand runs one step of the live beams, leaves each one's new state in hs
// (len(live)·D) and returns the continuations that can make the next k beams, best first. It
// keeps and ranks hypotheses as Net.BeamAll does (decoding.advance and finish), one question at
// a time.
func search(k, maxLen, D int, h0, hs []float32, expand func(live []beam, k int) []candidate) []Hypothesis {
	q := decoding{live: []beam{{h: slices.Clone(h0)}}}
	for step := 0; step < maxLen && len(q.live) > 0 && len(q.done) < k; step++ {
		q.advance(expand(q.live, k), k, D, hs)
	}
	return q.finish(k)
}
