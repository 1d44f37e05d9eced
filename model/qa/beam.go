package qa

import (
	"errors"
	"fmt"
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
	return n.EncodeAll(passage, source, [][]int32{tags})[0]
}

// EncodeAll runs one passage through the encoder once for each answer, tags[b] (S) 1 inside
// answer b, as a batch: the encoder's products then take B rows a step instead of one, which
// for a page's questions (many answers in one window of text) is several times faster. Each
// answer's Encoded is the same, bit for bit, as Encode's, since every row of the batch goes
// through the same operations as it would alone.
func (n *Net) EncodeAll(passage, source []int32, tags [][]int32) []*Encoded {
	S, B := len(passage), len(tags)
	s := n.Shape
	E, H, D, F := s.Embed, s.Units, s.Decoder, s.Answer
	xe := make([]float32, S*E)
	n.emb.Forward(xe, passage)
	tm := make([]int32, S*B) // the tags time-major, (S·B), as the encoder takes its batch
	for b, t := range tags {
		for i, v := range t[:S] {
			tm[i*B+b] = v
		}
	}
	fa, xenc := make([]float32, S*B*F), make([]float32, S*B*(E+F))
	n.answer.Forward(fa, tm)
	for i := range S {
		for b := range B {
			r := i*B + b
			copy(xenc[r*(E+F):r*(E+F)+E], xe[i*E:(i+1)*E])
			copy(xenc[r*(E+F)+E:(r+1)*(E+F)], fa[r*F:(r+1)*F])
		}
	}
	c := nn.NewBidirectionalCache(n.encoder, S, B)
	n.encoder.Forward(c, xenc, nil, n.mm)
	final, h0 := make([]float32, B*2*H), make([]float32, B*D)
	c.Final(final)
	if s.AnswerPool {
		pool, count := make([]float32, B*2*H), make([]float32, B)
		poolAnswer(pool, count, c.Outputs(), tm, nil, S, B, 2*H)
		cat := make([]float32, B*4*H)
		joinCols(cat, final, pool, B, 2*H, 2*H)
		final = cat
	}
	n.bridge.Forward(h0, final, B, n.mm)
	for i, v := range h0 {
		h0[i] = tanh(v)
	}
	out, all := make([]*Encoded, B), c.Outputs()
	for b := range B {
		keys := make([]float32, S*2*H)
		for i := range S {
			r := i*B + b
			copy(keys[i*2*H:(i+1)*2*H], all[r*2*H:(r+1)*2*H])
		}
		e := &Encoded{S: S, source: source, keys: keys, pk: make([]float32, S*s.Attention),
			h0: h0[b*D : (b+1)*D : (b+1)*D]}
		n.attn.ProjectKeys(e.pk, e.keys, S, n.mm)
		out[b] = e
	}
	return out
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

// beamWork holds the buffers of one decoding step of up to rows beams, of every question decoded
// together.
type beamWork struct {
	x, ga, gs, ctx, w, pq, cat, gcat, logits, gen, hs, dist []float32
	top                                                     []int32
}

// newBeamWork sizes a step's buffers for rows beams whose attention weights take up to ws values
// and whose distributions have up to vext ids.
func (n *Net) newBeamWork(rows, ws, vext int) *beamWork {
	s := n.Shape
	E, H, D := s.Embed, s.Units, s.Decoder
	return &beamWork{x: make([]float32, rows*E), ga: make([]float32, rows*3*D), gs: make([]float32, rows*3*D),
		ctx: make([]float32, rows*2*H), w: make([]float32, ws), pq: make([]float32, rows*s.Attention),
		cat: make([]float32, rows*(D+2*H)), gcat: make([]float32, rows*(D+2*H+E)),
		logits: make([]float32, rows*s.V), gen: make([]float32, rows), hs: make([]float32, rows*D),
		dist: make([]float32, vext), top: make([]int32, 0, MaxBeam+1)}
}

// decoding is one question's beam search in progress: its live beams, its finished hypotheses,
// and where its beams' rows and attention weights sit in the step's buffers.
type decoding struct {
	e        *Encoded
	vext     int
	live     []beam
	done     []Hypothesis
	row, wat int
}

// Beam decodes up to maxLen tokens from e with a beam of width k (1 is greedy) over the extended
// vocabulary of vext ids (V plus the passage's words outside the vocabulary), and returns the
// finished hypotheses, best first. It never emits `<PAD>`, `<UNK>` or `<START>`. Hypotheses are
// ranked by their mean log-probability per token (length normalisation with α = 1, as Wu et al.
// 2016 discuss), so that a beam does not favour short questions. It returns an error for a width
// out of [1, MaxBeam]. It is BeamAll for one question.
func (n *Net) Beam(e *Encoded, k, maxLen, vext int) ([]Hypothesis, error) {
	hyps, err := n.BeamAll([]*Encoded{e}, k, maxLen, []int{vext})
	if err != nil {
		return nil, err
	}
	return hyps[0], nil
}

// BeamAll decodes every question of es as Beam does, es[i] over vext[i] extended ids, and returns
// each one's hypotheses, best first: the same as Beam one question at a time. The questions are
// decoded in lockstep so that each step's decoder, output layer and copy gate run as one matrix
// product over every live beam of every question: the output layer's weights (D+2H, V), 8 MB at
// the default sizes, are then read once a step for up to len(es)·k rows instead of once for each
// question's k. It returns an error for a width out of [1, MaxBeam] or when es and vext differ
// in length.
func (n *Net) BeamAll(es []*Encoded, k, maxLen int, vext []int) ([][]Hypothesis, error) {
	if k < 1 || k > MaxBeam {
		return nil, errors.New("qa: the beam's width is out of [1, 10]")
	}
	if len(es) != len(vext) {
		return nil, fmt.Errorf("qa: %d passages with %d extended vocabulary sizes", len(es), len(vext))
	}
	D := n.Shape.Decoder
	qs := make([]decoding, len(es))
	ws, vmax := 0, 0
	for i, e := range es {
		qs[i] = decoding{e: e, vext: vext[i], live: []beam{{h: append([]float32(nil), e.h0...)}}}
		ws += k * e.S
		vmax = max(vmax, vext[i])
	}
	bw := n.newBeamWork(len(es)*k, ws, vmax)
	for step := 0; step < maxLen; step++ {
		var active []*decoding
		for i := range qs {
			if q := &qs[i]; len(q.live) > 0 && len(q.done) < k {
				active = append(active, q)
			}
		}
		if len(active) == 0 {
			break
		}
		n.stepAll(bw, active)
		for _, q := range active {
			q.advance(n.candidates(bw, q, k), k, D, bw.hs)
		}
	}
	out := make([][]Hypothesis, len(qs))
	for i := range qs {
		out[i] = qs[i].finish(k)
	}
	return out, nil
}

// advance makes q's next beams from cands, the continuations of its live beams best first: the
// first k that do not end, each with its state from rows q.row+from of hs (rows of D), while
// those that end become finished hypotheses, scored by their mean log-probability per token
// (<END> included), until there are k.
func (q *decoding) advance(cands []candidate, k, D int, hs []float32) {
	var next []beam
	for _, c := range cands {
		if len(next) == k {
			break
		}
		from := q.live[c.from]
		if c.id == EndID {
			if len(q.done) < k {
				q.done = append(q.done, Hypothesis{IDs: slices.Clone(from.ids), Score: c.logp / float64(len(from.ids)+1)})
			}
			continue
		}
		r := q.row + c.from
		next = append(next, beam{ids: append(slices.Clone(from.ids), c.id), logp: c.logp,
			h: slices.Clone(hs[r*D : (r+1)*D])})
	}
	q.live = next
}

// finish returns q's hypotheses, best first: the finished ones, and beams still live at the
// length limit up to k in all, so that a caller always gets an answer.
func (q *decoding) finish(k int) []Hypothesis {
	for _, bm := range q.live {
		if len(q.done) >= k {
			break
		}
		q.done = append(q.done, Hypothesis{IDs: bm.ids, Score: bm.logp / float64(max(len(bm.ids), 1))})
	}
	sort.SliceStable(q.done, func(i, j int) bool { return q.done[i].Score > q.done[j].Score })
	return q.done
}

// stepAll runs one decoder step for every live beam of the active questions, their rows one after
// another, and sets each question's row and wat; bw.hs then holds each beam's new state, bw.w
// its attention weights, bw.logits its vocabulary distribution and bw.gen its copy gate.
func (n *Net) stepAll(bw *beamWork, active []*decoding) {
	s := n.Shape
	E, H, D, V, A := s.Embed, s.Units, s.Decoder, s.V, s.Attention
	R, wat := 0, 0
	for _, q := range active {
		q.row, q.wat = R, wat
		for _, bm := range q.live {
			last := int32(StartID)
			if len(bm.ids) > 0 {
				last = bm.ids[len(bm.ids)-1]
			}
			if last >= int32(V) {
				last = UnkID // a copied word is read back as unknown
			}
			copy(bw.x[R*E:(R+1)*E], n.emb.Row(last))
			copy(bw.hs[R*D:(R+1)*D], bm.h)
			R++
		}
		wat += len(q.live) * q.e.S
	}
	n.decoder.Step(bw.hs[:R*D], bw.x[:R*E], bw.ga, bw.gs, R, n.mm)
	for _, q := range active { // each question attends to its own passage
		r, K, S := q.row, len(q.live), q.e.S
		n.attn.Attend(bw.ctx[r*2*H:(r+K)*2*H], bw.w[q.wat:q.wat+K*S], bw.pq[r*A:(r+K)*A], q.e.pk, q.e.keys,
			bw.hs[r*D:(r+K)*D], S, K, nil, n.mm)
	}
	joinCols(bw.cat, bw.hs, bw.ctx, R, D, 2*H)
	joinCols(bw.gcat, bw.cat, bw.x, R, D+2*H, E)
	n.out.Forward(bw.logits, bw.cat, R, n.mm)
	n.gate.Forward(bw.gen, bw.gcat, R, n.mm)
	nn.Softmax(bw.logits[:R*V], R, V)
}

// candidates returns the continuations of q's live beams, after stepAll, that can make its next k
// beams, best first.
func (n *Net) candidates(bw *beamWork, q *decoding, k int) []candidate {
	V, S := n.Shape.V, q.e.S
	// Only a beam's k+1 best continuations can survive the step (k beams, and one more in case
	// the best is <END>), so each beam offers those instead of its whole distribution.
	var cands []candidate
	dist := bw.dist[:q.vext]
	for b := range q.live {
		r, w := q.row+b, q.wat+b*S
		nn.CopyDistribution(dist, bw.logits[r*V:(r+1)*V], bw.gen[r], bw.w[w:w+S], q.e.source)
		dist[PadID], dist[UnkID], dist[StartID] = 0, 0, 0
		for _, id := range topIDs(dist, bw.top[:0], k+1) {
			cands = append(cands, candidate{b, id, q.live[b].logp + math.Log(float64(dist[id]))})
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
