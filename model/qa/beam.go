package qa

import (
	"errors"
	"math"
	"sort"

	"fabulist/model/nn"
)

// MaxBeam is the widest beam search decodes with.
const MaxBeam = 10

// Encoded is one passage with its answer, run through the encoder once, for decoding.
type Encoded struct {
	S      int
	source []int32   // (S) extended ids, for copying
	keys   []float32 // (S, 2H) the encoder's outputs
	pk     []float32 // (S, A) their projection by the attention
	h0     []float32 // (D) the decoder's first state
}

// Encode runs one passage through the encoder: passage (S) holds ids in [0, V), source the same
// words as extended ids, tags 1 inside the answer.
func (n *Net) Encode(passage, source, tags []int32) *Encoded {
	S := len(passage)
	s := n.Shape
	E, H, D, F := s.Embed, s.Units, s.Decoder, s.Answer
	xe, fa, xenc := make([]float32, S*E), make([]float32, S*F), make([]float32, S*(E+F))
	n.emb.Forward(xe, passage)
	n.answer.Forward(fa, tags)
	joinCols(xenc, xe, fa, S, E, F)
	c := nn.NewBidirectionalCache(n.encoder, S, 1)
	n.encoder.Forward(c, xenc, nil, n.mm)
	final, h0 := make([]float32, 2*H), make([]float32, D)
	c.Final(final)
	n.bridge.Forward(h0, final, 1, n.mm)
	for i, v := range h0 {
		h0[i] = tanh(v)
	}
	e := &Encoded{S: S, source: source, keys: append([]float32(nil), c.Outputs()...),
		pk: make([]float32, S*s.Attention), h0: h0}
	n.attn.ProjectKeys(e.pk, e.keys, S, n.mm)
	return e
}

// Hypothesis is a decoded question: extended ids, `<END>` excluded, and its score, the mean
// log-probability per token (nats), `<END>` included.
type Hypothesis struct {
	IDs   []int32
	Score float64
}

type beam struct {
	ids  []int32
	logp float64
	h    []float32
}

// Beam decodes up to maxLen tokens from e with a beam of width k (1 is greedy) over the extended
// vocabulary of vext ids (V plus the passage's words outside the vocabulary), and returns the
// finished hypotheses, best first. It never emits `<PAD>`, `<UNK>` or `<START>`. Hypotheses are
// ranked by their mean log-probability per token (length normalisation with α = 1, as Wu et al.
// 2016 discuss), so that a beam does not favour short questions. It returns an error for a width
// out of [1, MaxBeam].
func (n *Net) Beam(e *Encoded, k, maxLen, vext int) ([]Hypothesis, error) {
	if k < 1 || k > MaxBeam {
		return nil, errors.New("qa: the beam's width is out of [1, 10]")
	}
	s := n.Shape
	E, H, D, V, A := s.Embed, s.Units, s.Decoder, s.V, s.Attention
	live := []beam{{h: append([]float32(nil), e.h0...)}}
	var done []Hypothesis
	x := make([]float32, k*E)
	ga, gs := make([]float32, k*3*D), make([]float32, k*3*D)
	ctx, w, pq := make([]float32, k*2*H), make([]float32, k*e.S), make([]float32, k*A)
	cat, gcat := make([]float32, k*(D+2*H)), make([]float32, k*(D+2*H+E))
	logits, gen := make([]float32, k*V), make([]float32, k)
	hs := make([]float32, k*D)
	dist := make([]float32, vext)
	type cand struct {
		from int
		id   int32
		logp float64
	}
	for step := 0; step < maxLen && len(live) > 0; step++ {
		K := len(live)
		for b, bm := range live {
			last := int32(StartID)
			if len(bm.ids) > 0 {
				last = bm.ids[len(bm.ids)-1]
			}
			if last >= int32(V) {
				last = UnkID // a copied word is read back as unknown
			}
			copy(x[b*E:(b+1)*E], n.emb.Row(last))
			copy(hs[b*D:(b+1)*D], bm.h)
		}
		n.decoder.Step(hs[:K*D], x[:K*E], ga, gs, K, n.mm)
		n.attn.Attend(ctx, w, pq, e.pk, e.keys, hs[:K*D], e.S, K, nil, n.mm)
		joinCols(cat, hs, ctx, K, D, 2*H)
		joinCols(gcat, cat, x, K, D+2*H, E)
		n.out.Forward(logits, cat, K, n.mm)
		n.gate.Forward(gen, gcat, K, n.mm)
		nn.Softmax(logits[:K*V], K, V)
		var cands []cand
		for b := range K {
			nn.CopyDistribution(dist, logits[b*V:(b+1)*V], gen[b], w[b*e.S:(b+1)*e.S], e.source)
			dist[PadID], dist[UnkID], dist[StartID] = 0, 0, 0
			for id, p := range dist {
				if p > 0 {
					cands = append(cands, cand{b, int32(id), live[b].logp + math.Log(float64(p))})
				}
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].logp > cands[j].logp })
		var next []beam
		for _, c := range cands {
			if len(next) == k {
				break
			}
			from := live[c.from]
			if c.id == EndID {
				if len(done) < k {
					done = append(done, Hypothesis{IDs: append([]int32(nil), from.ids...),
						Score: c.logp / float64(len(from.ids)+1)})
				}
				continue
			}
			next = append(next, beam{ids: append(append([]int32(nil), from.ids...), c.id), logp: c.logp,
				h: append([]float32(nil), hs[c.from*D:(c.from+1)*D]...)})
		}
		if len(done) >= k {
			break
		}
		live = next
	}
	for _, bm := range live { // unfinished at maxLen: kept, so a caller always gets an answer
		if len(done) >= k {
			break
		}
		done = append(done, Hypothesis{IDs: bm.ids, Score: bm.logp / float64(max(len(bm.ids), 1))})
	}
	sort.SliceStable(done, func(i, j int) bool { return done[i].Score > done[j].Score })
	return done, nil
}
