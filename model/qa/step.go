package qa

import (
	"math"

	"fabulist/model/nn"
)

// netFault breaks one path of backward on purpose, so that a test can show that the whole
// network's gradient check catches it. It is always noFault outside that test.
type netFault int

const (
	noFault         netFault = iota
	faultQueries             // attention's gradient does not reach the decoder
	faultKeys                // nor the encoder's outputs
	faultFinal               // the bridge's gradient does not reach the encoder's final states
	faultCopy                // the copy loss's gradient does not reach the attention weights
	faultGateInput           // p_gen's gradient does not reach the decoder's input embeddings
	faultAnswerPool          // the bridge's gradient does not reach the encoder's outputs over the answer
)

// work holds every buffer of one forward and backward pass over batches of one size, so that a
// training step allocates nothing.
type work struct {
	S, T, B int
	// forward
	xe, fa, xenc []float32 // (S·B, E), (S·B, F), (S·B, E+F)
	tagC, encC   *nn.BidirectionalCache
	tagLogits    []float32 // (S·B, 2)
	final, h0    []float32 // (B, 2H), (B, D) before and after tanh
	pool, bin    []float32 // (B, 2H) the encoder's outputs averaged over the answer, (B, 4H) the bridge's input with them
	ansN         []float32 // (B) answer tokens of each example
	xd           []float32 // (T·B, E)
	decC         *nn.GRUCache
	attC         *nn.AttentionCache
	cat, gcat    []float32 // (T·B, D+2H), (T·B, D+2H+E)
	gen          []float32 // (T·B)
	// The output layer and the copy loss run on the N ≤ T·B decoder steps that have a target
	// (rows, time-major): padding steps would cost as much and add nothing.
	rows          []int
	catN, logits  []float32 // (N, D+2H), (N, V)
	genN, wN, dwN []float32 // (N), (N, S), (N, S)
	srcN          []int32   // (S·N) the passage's extended ids of each row's example, time-major
	outN          []int32   // (N)
	tagLoss
	dTagOut []float32 // (S·B, 2H)
	// backward
	dWeights        []float32 // (T·B, S)
	dcat, dgcat     []float32 // (T·B, D+2H), (T·B, D+2H+E)
	dcatN           []float32 // (N, D+2H)
	dDec, dCtx      []float32 // (T·B, D), (T·B, 2H)
	dKeys, dXenc    []float32 // (S·B, 2H), (S·B, E+F)
	dXe, dFa, dXd   []float32 // (S·B, E), (S·B, F), (T·B, E)
	dFinal, dH0     []float32 // (B, 2H), (B, D)
	dPool, dBin     []float32 // (B, 2H), (B, 4H)
	dQueries, dDecX []float32 // (T·B, D), (T·B, E): attention's and the decoder's input gradients
}

func (n *Net) newWork(S, T, B int) *work {
	s := n.Shape
	E, H, D, F, V := s.Embed, s.Units, s.Decoder, s.Answer, s.V
	return &work{S: S, T: T, B: B,
		xe: make([]float32, S*B*E), fa: make([]float32, S*B*F), xenc: make([]float32, S*B*(E+F)),
		tagC: nn.NewBidirectionalCache(n.tagger, S, B), encC: nn.NewBidirectionalCache(n.encoder, S, B),
		tagLogits: make([]float32, S*B*2),
		final:     make([]float32, B*2*H), h0: make([]float32, B*D),
		pool: make([]float32, B*2*H), bin: make([]float32, B*4*H), ansN: make([]float32, B),
		xd:   make([]float32, T*B*E),
		decC: nn.NewGRUCache(T, B, D), attC: nn.NewAttentionCache(n.attn, S, T, B),
		cat: make([]float32, T*B*(D+2*H)), gcat: make([]float32, T*B*(D+2*H+E)),
		gen: make([]float32, T*B), rows: make([]int, 0, T*B),
		catN: make([]float32, T*B*(D+2*H)), logits: make([]float32, T*B*V),
		genN: make([]float32, T*B), wN: make([]float32, T*B*S), dwN: make([]float32, T*B*S),
		srcN: make([]int32, S*T*B), outN: make([]int32, T*B), dcatN: make([]float32, T*B*(D+2*H)),
		tagLoss: newTagLoss(S, B), dTagOut: make([]float32, S*B*2*H),
		dWeights: make([]float32, T*B*S),
		dcat:     make([]float32, T*B*(D+2*H)), dgcat: make([]float32, T*B*(D+2*H+E)),
		dDec: make([]float32, T*B*D), dCtx: make([]float32, T*B*2*H),
		dKeys: make([]float32, S*B*2*H), dXenc: make([]float32, S*B*(E+F)),
		dXe: make([]float32, S*B*E), dFa: make([]float32, S*B*F), dXd: make([]float32, T*B*E),
		dFinal: make([]float32, B*2*H), dH0: make([]float32, B*D),
		dPool: make([]float32, B*2*H), dBin: make([]float32, B*4*H),
		dQueries: make([]float32, T*B*D), dDecX: make([]float32, T*B*E),
	}
}

// joinCols writes into dst (R, a+b) the rows of x (R, a) and y (R, b) side by side.
func joinCols(dst, x, y []float32, R, a, b int) {
	for r := range R {
		copy(dst[r*(a+b):r*(a+b)+a], x[r*a:(r+1)*a])
		copy(dst[r*(a+b)+a:(r+1)*(a+b)], y[r*b:(r+1)*b])
	}
}

// splitCols is joinCols' inverse: it adds the columns of src (R, a+b) into x (R, a) and y (R, b).
func splitCols(src, x, y []float32, R, a, b int) {
	for r := range R {
		for j := range a {
			x[r*a+j] += src[r*(a+b)+j]
		}
		for j := range b {
			y[r*b+j] += src[r*(a+b)+a+j]
		}
	}
}

// forward runs the batch through the tagger and the encoder–decoder up to the logits, the gate and
// the attention weights.
func (n *Net) forward(w *work, bt *Batch) {
	s := n.Shape
	S, T, B := bt.S, bt.T, bt.B
	E, H, D, F := s.Embed, s.Units, s.Decoder, s.Answer
	n.emb.Forward(w.xe, bt.Passage)
	n.tagger.Forward(w.tagC, w.xe, bt.Mask, n.mm)
	n.tagOut.Forward(w.tagLogits, w.tagC.Outputs(), S*B, n.mm)

	n.answer.Forward(w.fa, bt.Tags)
	joinCols(w.xenc, w.xe, w.fa, S*B, E, F)
	n.encoder.Forward(w.encC, w.xenc, bt.Mask, n.mm)
	w.encC.Final(w.final)
	n.bridge.Forward(w.h0, n.bridgeInput(w, bt), B, n.mm)
	for i, v := range w.h0 {
		w.h0[i] = tanh(v)
	}

	n.emb.Forward(w.xd, bt.In)
	n.decoder.Forward(w.decC, w.xd, w.h0, bt.InMask, n.mm)
	keys := w.encC.Outputs()
	n.attn.Forward(w.attC, keys, w.decC.Outputs(), bt.Mask, n.mm)
	joinCols(w.cat, w.decC.Outputs(), w.attC.Context(), T*B, D, 2*H)
	joinCols(w.gcat, w.cat, w.xd, T*B, D+2*H, E)
	w.rows = w.rows[:0]
	for r, y := range bt.Out {
		if y >= 0 {
			w.rows = append(w.rows, r)
		}
	}
	N, C := len(w.rows), D+2*H
	for k, r := range w.rows {
		copy(w.catN[k*C:(k+1)*C], w.cat[r*C:(r+1)*C])
	}
	n.out.Forward(w.logits[:N*s.V], w.catN[:N*C], N, n.mm)
	n.gate.Forward(w.gen, w.gcat, T*B, n.mm)
}

// bridgeInput is the bridge's input for the forward pass in w: the encoder's final states, and
// with AnswerPool their outputs averaged over each example's answer tokens beside them.
func (n *Net) bridgeInput(w *work, bt *Batch) []float32 {
	if !n.Shape.AnswerPool {
		return w.final
	}
	H2 := 2 * n.Shape.Units
	poolAnswer(w.pool, w.ansN, w.encC.Outputs(), bt.Tags, bt.Mask, bt.S, bt.B, H2)
	joinCols(w.bin, w.final, w.pool, bt.B, H2, H2)
	return w.bin
}

// poolAnswer writes into pool (B, K) the mean of each sequence's rows of x (S·B, K, time-major)
// where tags is 1 and mask (nil: all) is true, and into count (B) their number; a sequence
// without an answer token pools to zeros.
func poolAnswer(pool, count, x []float32, tags []int32, mask []bool, S, B, K int) {
	clear(pool[:B*K])
	clear(count[:B])
	for i := range S {
		for b := range B {
			r := i*B + b
			if tags[r] != 1 || mask != nil && !mask[r] {
				continue
			}
			count[b]++
			p := pool[b*K : (b+1)*K]
			for j, v := range x[r*K : (r+1)*K] {
				p[j] += v
			}
		}
	}
	for b := range B {
		if count[b] > 0 {
			nn.DefaultVector.Scale(pool[b*K:(b+1)*K], 1/count[b])
		}
	}
}

// unpoolAnswer is poolAnswer's backward: it adds dPool (B, K) / count into dx (S·B, K) at the
// rows that were pooled.
func unpoolAnswer(dx, dPool, count []float32, tags []int32, mask []bool, S, B, K int) {
	for i := range S {
		for b := range B {
			r := i*B + b
			if tags[r] != 1 || mask != nil && !mask[r] {
				continue
			}
			d, inv := dx[r*K:(r+1)*K], 1/count[b]
			for j, v := range dPool[b*K : (b+1)*K] {
				d[j] += v * inv
			}
		}
	}
}

// step runs forward, both losses and backward, adding the gradient of their sum into n.P.Grad,
// and returns the losses.
func (n *Net) step(w *work, bt *Batch) Losses {
	n.forward(w, bt)
	l := n.losses(w, bt, 0, 0)
	n.backward(w, bt)
	return l
}

// losses computes both losses of the forward pass in w, each a mean over its real tokens, and
// turns w's outputs into their gradients for backward: those of the tagger's loss summed over
// the passage tokens and divided by tagDenom, and of the question's summed over its targets and
// divided by qDenom. A denominator of 0 is the batch's own count, so that the gradient is the
// means'; a share of a batch passes the whole batch's counts, so that the shares' gradients add
// up to the batch's.
func (n *Net) losses(w *work, bt *Batch, tagDenom, qDenom int) Losses {
	S, B, V := bt.S, bt.B, n.Shape.V
	l := Losses{Tagger: w.tagLoss.loss(w.tagLogits, bt, tagDenom)}
	// The rows with a target, each with its example's passage, as if each were a sequence of its
	// own: CopyLoss reads row k's source ids at srcN[i·N + k].
	R := len(w.rows)
	weights := w.attC.Weights()
	for k, r := range w.rows {
		copy(w.wN[k*S:(k+1)*S], weights[r*S:(r+1)*S])
		w.genN[k], w.outN[k] = w.gen[r], bt.Out[r]
		for i := range S {
			w.srcN[i*R+k] = bt.Source[i*B+r%B]
		}
	}
	if qDenom == 0 {
		qDenom = max(R, 1)
	}
	l.Question, _ = nn.CopyLoss(w.logits[:R*V], w.genN[:R], w.wN[:R*S], w.dwN[:R*S], w.srcN[:S*R], w.outN[:R],
		R, V, S, R, qDenom)
	clear(w.gen)
	clear(w.dWeights)
	for k, r := range w.rows {
		w.gen[r] = w.genN[k]
		copy(w.dWeights[r*S:(r+1)*S], w.dwN[k*S:(k+1)*S])
	}
	return l
}

// backward adds into n.P.Grad the gradient that losses left in w, back through every layer.
func (n *Net) backward(w *work, bt *Batch) {
	s := n.Shape
	S, T, B := bt.S, bt.T, bt.B
	E, H, D, F := s.Embed, s.Units, s.Decoder, s.Answer
	n.tagOut.Backward(w.dTagOut, w.dTag, w.tagC.Outputs(), S*B, n.mm)
	n.tagger.Backward(w.dXe, w.tagC, w.dTagOut, nil, w.xe, n.mm)

	N, C := len(w.rows), D+2*H
	n.out.Backward(w.dcatN[:N*C], w.logits[:N*s.V], w.catN[:N*C], N, n.mm)
	clear(w.dcat)
	for k, r := range w.rows {
		copy(w.dcat[r*C:(r+1)*C], w.dcatN[k*C:(k+1)*C])
	}
	n.gate.Backward(w.dgcat, w.gen, w.gcat, T*B, n.mm)
	clear(w.dXd)
	splitCols(w.dgcat, w.dcat, w.dXd, T*B, D+2*H, E)
	if n.fault == faultGateInput {
		clear(w.dXd)
	}
	clear(w.dDec)
	clear(w.dCtx)
	splitCols(w.dcat, w.dDec, w.dCtx, T*B, D, 2*H)
	clear(w.dKeys)
	dWeights := w.dWeights
	if n.fault == faultCopy {
		dWeights = nil
	}
	n.attn.Backward(w.dKeys, w.dQueries, w.attC, w.dCtx, dWeights, w.encC.Outputs(), w.decC.Outputs(), n.mm)
	if n.fault != faultQueries {
		for i, v := range w.dQueries {
			w.dDec[i] += v
		}
	}
	n.decoder.Backward(w.dDecX, w.decC, w.dDec, nil, w.xd, n.mm)
	for i, v := range w.dDecX {
		w.dXd[i] += v
	}
	n.emb.Backward(w.dXd, bt.In)

	for i, g := range w.decC.InitialGrad() { // through tanh
		w.dH0[i] = g * (1 - w.h0[i]*w.h0[i])
	}
	if s.AnswerPool {
		n.bridge.Backward(w.dBin, w.dH0, w.bin, B, n.mm)
		clear(w.dFinal)
		clear(w.dPool)
		splitCols(w.dBin, w.dFinal, w.dPool, B, 2*H, 2*H)
	} else {
		n.bridge.Backward(w.dFinal, w.dH0, w.final, B, n.mm)
	}
	dKeys, dFinal := w.dKeys, w.dFinal
	switch n.fault {
	case faultKeys:
		clear(dKeys)
	case faultFinal:
		dFinal = nil
	}
	if s.AnswerPool && n.fault != faultAnswerPool {
		unpoolAnswer(dKeys, w.dPool, w.ansN, bt.Tags, bt.Mask, S, B, 2*H)
	}
	n.encoder.Backward(w.dXenc, w.encC, dKeys, dFinal, w.xenc, n.mm)
	clear(w.dFa)
	splitCols(w.dXenc, w.dXe, w.dFa, S*B, E, F)
	n.answer.Backward(w.dFa, bt.Tags)
	n.emb.Backward(w.dXe, bt.Passage)
}

func tanh(x float32) float32 { return float32(math.Tanh(float64(x))) }
