package qa

import (
	"errors"
	"math"
	"slices"
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
	if s.AnswerPool {
		pool, count := make([]float32, 2*H), make([]float32, 1)
		poolAnswer(pool, count, c.Outputs(), tags, nil, S, 1, 2*H)
		final = append(final, pool...)
	}
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

// candidate is a live beam's continuation by one id.
type candidate struct {
	from int
	id   int32
	logp float64
}

// beamWork holds the buffers of one decoding step of up to k beams.
type beamWork struct {
	x, ga, gs, ctx, w, pq, cat, gcat, logits, gen, hs, dist []float32
	top                                                     []int32
}

func (n *Net) newBeamWork(k, S, vext int) *beamWork {
	s := n.Shape
	E, H, D := s.Embed, s.Units, s.Decoder
	return &beamWork{x: make([]float32, k*E), ga: make([]float32, k*3*D), gs: make([]float32, k*3*D),
		ctx: make([]float32, k*2*H), w: make([]float32, k*S), pq: make([]float32, k*s.Attention),
		cat: make([]float32, k*(D+2*H)), gcat: make([]float32, k*(D+2*H+E)),
		logits: make([]float32, k*s.V), gen: make([]float32, k), hs: make([]float32, k*D),
		dist: make([]float32, vext), top: make([]int32, 0, k+1)}
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
	D := n.Shape.Decoder
	bw := n.newBeamWork(k, e.S, vext)
	live := []beam{{h: append([]float32(nil), e.h0...)}}
	var done []Hypothesis
	for step := 0; step < maxLen && len(live) > 0 && len(done) < k; step++ {
		cands := n.expand(bw, e, live, k)
		var next []beam
		for _, c := range cands {
			if len(next) == k {
				break
			}
			from := live[c.from]
			if c.id == EndID {
				if len(done) < k {
					done = append(done, Hypothesis{IDs: slices.Clone(from.ids), Score: c.logp / float64(len(from.ids)+1)})
				}
				continue
			}
			next = append(next, beam{ids: append(slices.Clone(from.ids), c.id), logp: c.logp,
				h: slices.Clone(bw.hs[c.from*D : (c.from+1)*D])})
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

// expand runs one decoder step for every live beam and returns the continuations that can make
// the next k beams, best first;
// bw.hs then holds each beam's new state.
func (n *Net) expand(bw *beamWork, e *Encoded, live []beam, k int) []candidate {
	s := n.Shape
	E, H, D, V := s.Embed, s.Units, s.Decoder, s.V
	K := len(live)
	for b, bm := range live {
		last := int32(StartID)
		if len(bm.ids) > 0 {
			last = bm.ids[len(bm.ids)-1]
		}
		if last >= int32(V) {
			last = UnkID // a copied word is read back as unknown
		}
		copy(bw.x[b*E:(b+1)*E], n.emb.Row(last))
		copy(bw.hs[b*D:(b+1)*D], bm.h)
	}
	n.decoder.Step(bw.hs[:K*D], bw.x[:K*E], bw.ga, bw.gs, K, n.mm)
	n.attn.Attend(bw.ctx, bw.w, bw.pq, e.pk, e.keys, bw.hs[:K*D], e.S, K, nil, n.mm)
	joinCols(bw.cat, bw.hs, bw.ctx, K, D, 2*H)
	joinCols(bw.gcat, bw.cat, bw.x, K, D+2*H, E)
	n.out.Forward(bw.logits, bw.cat, K, n.mm)
	n.gate.Forward(bw.gen, bw.gcat, K, n.mm)
	nn.Softmax(bw.logits[:K*V], K, V)
	// Only a beam's k+1 best continuations can survive the step (k beams, and one more in case
	// the best is <END>), so each beam offers those instead of its whole distribution.
	var cands []candidate
	for b := range K {
		nn.CopyDistribution(bw.dist, bw.logits[b*V:(b+1)*V], bw.gen[b], bw.w[b*e.S:(b+1)*e.S], e.source)
		bw.dist[PadID], bw.dist[UnkID], bw.dist[StartID] = 0, 0, 0
		for _, id := range topIDs(bw.dist, bw.top[:0], k+1) {
			cands = append(cands, candidate{b, id, live[b].logp + math.Log(float64(bw.dist[id]))})
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].logp > cands[j].logp })
	return cands
}

// topIDs appends to top the ids of the n largest positive values of dist, largest first.
func topIDs(dist []float32, top []int32, n int) []int32 {
	for id, p := range dist {
		if p <= 0 || len(top) == n && p <= dist[top[n-1]] {
			continue
		}
		if len(top) < n {
			top = append(top, int32(id))
		} else {
			top[n-1] = int32(id)
		}
		for i := len(top) - 1; i > 0 && dist[top[i]] > dist[top[i-1]]; i-- {
			top[i], top[i-1] = top[i-1], top[i]
		}
	}
	return top
}
