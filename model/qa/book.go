package qa

import (
	"fmt"
	"math/rand/v2"

	"fabulist/model/nn"
)

// BookNet is the book's question model (arch=book; GDL chapter 6, ../shared/QA.md §1), built on
// model/nn's layers, with the faults of its Keras code fixed:
//
//   - Tagger: Embedding(E) → Bidirectional(GRU(H)) → Dense(2) softmax, as Net's.
//   - Answer encoder: GRU(D) over the tagger's states (2H) at the answer's tokens, in order. The
//     book gathered them with a one-hot batch_dot and gave the GRU no lengths, so a short
//     answer's final state was read after the zero rows of the batch's longer answers; here a
//     mask stops it at each answer's last token.
//   - Decoder: GRU(D) from the answer encoder's final state, reading `<START> q` (teacher forcing)
//     through the shared embedding, → Dense(V) softmax over `q <END>`. No attention, no copying: a
//     question word outside the vocabulary is a `<UNK>` target, which decoding never emits.
//
// The loss is the tagger's cross-entropy plus the question's, 1:1, each a mean over its real
// tokens. The question's gradient reaches the tagger's GRUs through the answer encoder, as in the
// book. Differences from the book's Keras 2.2.4 model: GRUs are reset_after=True (model/nn's), and
// the output layer has a bias. All parameters live in one nn.Params, in the order above.
type BookNet struct {
	Shape   Shape // Attention and Answer unused (0)
	P       nn.Params
	emb     *nn.Embedding     // (V, E)
	tagger  *nn.Bidirectional // E → 2H
	tagOut  *nn.Dense         // 2H → 2
	answer  *nn.GRU           // 2H → D
	decoder *nn.GRU           // E → D
	out     *nn.Dense         // D → V
	mm      nn.Gemm
	fault   bookFault
}

// bookFault breaks one path of BookNet on purpose, so that a test can show that its checks catch
// it. It is always bookNoFault outside those tests.
type bookFault int

const (
	bookNoFault     bookFault = iota
	bookFaultStates           // the answer encoder's gradient does not reach the tagger's states
	bookFaultInit             // the decoder's initial-state gradient does not reach the answer encoder
	bookFaultEmbed            // the decoder's input gradient does not reach the shared embedding
	bookFaultTagger           // the tagger's own loss does not reach its GRUs
	bookFaultNoMask           // forward: the answer encoder reads the padding after a short answer (the book's bug)
)

// bookParams is the number of parameters of a BookNet of shape s, computed without allocating.
func (s Shape) bookParams() int {
	E, H, D, V := s.Embed, s.Units, s.Decoder, s.V
	gru := func(I, H int) int { return I*3*H + H*3*H + 2*3*H }
	return V*E + 2*gru(E, H) + 2*H*2 + 2 + gru(2*H, D) + gru(E, D) + D*V + V
}

// NewBookNet lays out a BookNet of shape s (Attention and Answer are ignored) and initialises it
// from seed as Keras would each layer. It returns an error for a shape out of range.
func NewBookNet(s Shape, seed uint64) (*BookNet, error) {
	if s.V <= EndID || s.Embed < 1 || s.Units < 1 || s.Decoder < 1 {
		return nil, fmt.Errorf("qa: shape %+v has a size out of range", s)
	}
	n := bookLayout(s)
	rng := rand.New(rand.NewPCG(seed, 0x71676e74)) // "qgnt"
	n.emb.Init(rng)
	n.tagger.Init(rng)
	n.tagOut.Init(rng)
	n.answer.Init(rng)
	n.decoder.Init(rng)
	n.out.Init(rng)
	return n, nil
}

func bookLayout(s Shape) *BookNet {
	E, H, D := s.Embed, s.Units, s.Decoder
	n := &BookNet{Shape: s, mm: nn.DefaultGemm}
	p := &n.P
	n.emb = nn.NewEmbedding(p, "embedding", s.V, E)
	n.tagger = nn.NewBidirectional(p, "tagger", E, H)
	n.tagOut = nn.NewDense(p, "tag", 2*H, 2)
	n.answer = nn.NewGRU(p, "answer_encoder", 2*H, D)
	n.decoder = nn.NewGRU(p, "decoder", E, D)
	n.out = nn.NewDense(p, "output", D, s.V)
	p.Alloc()
	return n
}

// Params is the network's weights, n.P.
func (n *BookNet) Params() *nn.Params { return &n.P }

// bookWork holds the buffers of one forward and backward pass over batches of one size; those of
// the answer encoder follow the batch's longest answer, L.
type bookWork struct {
	S, T, B, L int
	xe         []float32 // (S·B, E)
	tagC       *nn.BidirectionalCache
	tagLogits  []float32 // (S·B, 2)
	xd         []float32 // (T·B, E)
	decC       *nn.GRUCache
	logits     []float32 // (T·B, V), then their gradient
	// the answer encoder's steps: ans[j·B+b] is the passage row of answer b's token j
	ans     []int
	ansMask []bool    // (L·B) true at an answer's real tokens
	ansX    []float32 // (L·B, 2H) the tagger's states there
	ansC    *nn.GRUCache
	dAnsX   []float32 // (L·B, 2H)
	dAnsOut []float32 // (L·B, D) zero: only the final state is read
	tagLoss
	// backward
	dStates []float32 // (S·B, 2H) the tagger's states' gradient, from both heads
	dXe     []float32 // (S·B, E)
	dDec    []float32 // (T·B, D)
	dXd     []float32 // (T·B, E)
}

func (n *BookNet) newWork(S, T, B int) *bookWork {
	s := n.Shape
	E, H, D, V := s.Embed, s.Units, s.Decoder, s.V
	return &bookWork{S: S, T: T, B: B,
		xe: make([]float32, S*B*E), tagC: nn.NewBidirectionalCache(n.tagger, S, B),
		tagLogits: make([]float32, S*B*2),
		xd:        make([]float32, T*B*E), decC: nn.NewGRUCache(T, B, D),
		logits:  make([]float32, T*B*V),
		tagLoss: newTagLoss(S, B),
		dStates: make([]float32, S*B*2*H), dXe: make([]float32, S*B*E),
		dDec: make([]float32, T*B*D), dXd: make([]float32, T*B*E),
	}
}

// gatherAnswers lays out the answer encoder's steps for the tags (S·B) of real passage tokens
// (mask, S·B), sizing w's answer buffers to the longest answer.
func (n *BookNet) gatherAnswers(w *bookWork, tags []int32, mask []bool) {
	S, B := w.S, w.B
	L := 1
	for b := range B {
		k := 0
		for i := range S {
			if r := i*B + b; tags[r] == 1 && (mask == nil || mask[r]) {
				k++
			}
		}
		L = max(L, k)
	}
	H2, D := 2*n.Shape.Units, n.Shape.Decoder
	if w.ansC == nil || w.L != L {
		w.L = L
		w.ans, w.ansMask = make([]int, L*B), make([]bool, L*B)
		w.ansX, w.dAnsX = make([]float32, L*B*H2), make([]float32, L*B*H2)
		w.dAnsOut = make([]float32, L*B*D)
		w.ansC = nn.NewGRUCache(L, B, D)
	}
	for j := range w.ans {
		w.ans[j], w.ansMask[j] = -1, false
	}
	for b := range B {
		j := 0
		for i := range S {
			if r := i*B + b; tags[r] == 1 && (mask == nil || mask[r]) {
				w.ans[j*B+b], w.ansMask[j*B+b] = r, true
				j++
			}
		}
	}
}

// encodeAnswers runs the answer encoder over the tagger's states (S·B, 2H) at the steps
// gatherAnswers laid out; w.ansC.Final() is then the decoder's first state (B, D).
func (n *BookNet) encodeAnswers(w *bookWork, states []float32) {
	H2 := 2 * n.Shape.Units
	clear(w.ansX)
	for k, r := range w.ans {
		if r >= 0 {
			copy(w.ansX[k*H2:(k+1)*H2], states[r*H2:(r+1)*H2])
		}
	}
	mask := w.ansMask
	if n.fault == bookFaultNoMask {
		mask = nil
	}
	n.answer.Forward(w.ansC, w.ansX, nil, mask, n.mm)
}

// forward runs the batch through the tagger, the answer encoder and the decoder up to the logits.
func (n *BookNet) forward(w *bookWork, bt *Batch) {
	S, T, B := bt.S, bt.T, bt.B
	n.emb.Forward(w.xe, bt.Passage)
	n.tagger.Forward(w.tagC, w.xe, bt.Mask, n.mm)
	n.tagOut.Forward(w.tagLogits, w.tagC.Outputs(), S*B, n.mm)
	n.gatherAnswers(w, bt.Tags, bt.Mask)
	n.encodeAnswers(w, w.tagC.Outputs())
	n.emb.Forward(w.xd, bt.In)
	n.decoder.Forward(w.decC, w.xd, w.ansC.Final(), bt.InMask, n.mm)
	n.out.Forward(w.logits, w.decC.Outputs(), T*B, n.mm)
}

// losses computes both losses of the forward pass in w, each a mean over its real tokens, and
// turns w's logits into their gradients for backward, divided by tagDenom real passage tokens and
// qDenom question targets (0: this batch's own counts; a share of a batch gives the batch's). A
// target outside the vocabulary (a word Net would copy) is `<UNK>`.
func (n *BookNet) losses(w *bookWork, bt *Batch, tagDenom, qDenom int) Losses {
	V := n.Shape.V
	l := Losses{Tagger: w.tagLoss.loss(w.tagLogits, bt, tagDenom)}
	targets := 0
	for _, y := range bt.Out {
		if y >= 0 {
			targets++
		}
	}
	if qDenom == 0 {
		qDenom = targets
	}
	var y [1]int32
	for r, t := range bt.Out {
		row := w.logits[r*V : (r+1)*V]
		if t < 0 {
			clear(row)
			continue
		}
		y[0] = t
		if t >= int32(V) {
			y[0] = UnkID
		}
		l.Question += nn.SoftmaxCrossEntropy(row, y[:], 1, V, qDenom)
	}
	if targets > 0 {
		l.Question /= float64(targets)
	}
	return l
}

// backward adds into n.P.Grad the gradient that losses left in w, back through every layer.
func (n *BookNet) backward(w *bookWork, bt *Batch) {
	S, T, B := bt.S, bt.T, bt.B
	H2 := 2 * n.Shape.Units
	n.out.Backward(w.dDec, w.logits, w.decC.Outputs(), T*B, n.mm)
	n.decoder.Backward(w.dXd, w.decC, w.dDec, nil, w.xd, n.mm)
	if n.fault != bookFaultEmbed {
		n.emb.Backward(w.dXd, bt.In)
	}
	dh0 := w.decC.InitialGrad()
	if n.fault == bookFaultInit {
		dh0 = nil
	}
	n.answer.Backward(w.dAnsX, w.ansC, w.dAnsOut, dh0, w.ansX, n.mm)

	n.tagOut.Backward(w.dStates, w.dTag, w.tagC.Outputs(), S*B, n.mm)
	if n.fault == bookFaultTagger {
		clear(w.dStates)
	}
	if n.fault != bookFaultStates {
		for k, r := range w.ans {
			if r < 0 {
				continue
			}
			d := w.dStates[r*H2 : (r+1)*H2]
			for j, v := range w.dAnsX[k*H2 : (k+1)*H2] {
				d[j] += v
			}
		}
	}
	n.tagger.Backward(w.dXe, w.tagC, w.dStates, nil, w.xe, n.mm)
	n.emb.Backward(w.dXe, bt.Passage)
}

// step runs forward, both losses and backward, adding the gradient of their sum into n.P.Grad,
// and returns the losses.
func (n *BookNet) step(w *bookWork, bt *Batch) Losses {
	n.forward(w, bt)
	l := n.losses(w, bt, 0, 0)
	n.backward(w, bt)
	return l
}

// BookTrainer updates a BookNet from batches as Trainer does a Net: the gradient of both losses,
// clipped to a global norm, then the optimizer's step.
type BookTrainer struct {
	Net      *BookNet
	Opt      nn.Optimizer
	ClipNorm float32 // 0: no clipping
	// Helpers share each batch when set (parallel.go), as Trainer's do.
	Helpers nn.Helpers
	w       *bookWork
	g       sharer // the coordinator's share of a shared batch
}

// NewBookTrainer makes a trainer of n with the named optimizer at learning rate lr. It returns
// an error for an unknown optimizer.
func NewBookTrainer(n *BookNet, opt nn.OptimizerName, lr, clipNorm float32) (*BookTrainer, error) {
	o, err := nn.NewOptimizer(opt, lr, len(n.P.Data))
	if err != nil {
		return nil, err
	}
	return &BookTrainer{Net: n, Opt: o, ClipNorm: clipNorm}, nil
}

func (t *BookTrainer) work(bt *Batch) *bookWork {
	if t.w == nil || t.w.S != bt.S || t.w.T != bt.T || t.w.B != bt.B {
		t.w = t.Net.newWork(bt.S, bt.T, bt.B)
	}
	return t.w
}

// Step trains on one batch and returns its losses before the update.
func (t *BookTrainer) Step(bt *Batch) Losses {
	n := t.Net
	n.P.ZeroGrad()
	l := n.step(t.work(bt), bt)
	update(&n.P, t.Opt, t.ClipNorm)
	return l
}

// Eval returns a batch's losses without training.
func (t *BookTrainer) Eval(bt *Batch) Losses {
	w := t.work(bt)
	t.Net.forward(w, bt)
	return t.Net.losses(w, bt, 0, 0)
}

func (t *BookTrainer) optimizer() nn.Optimizer { return t.Opt }
