package qa

import (
	"math/rand/v2"
	"slices"
	"testing"

	"fabulist/model/nn"
)

var tinyBookShape = Shape{V: 9, Embed: 3, Units: 2, Decoder: 3}

// TestBookNetGradients checks BookNet's whole gradient, through both losses, the decoder, its
// initial state from the answer encoder, the answer encoder's inputs gathered from the tagger's
// states, both directions of the tagger and the shared embedding, against central differences.
// tinyBatch's answers are 2 and 1 tokens long, so the answer encoder runs over padding.
func TestBookNetGradients(t *testing.T) {
	for name, e := range bookErrors(t, bookNoFault, tinyBatch()) {
		if e > gradTol {
			t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, gradTol)
		} else {
			t.Logf("%s: %.2e", name, e)
		}
	}
}

// TestBookNetGradientCheckCatchesFaults cuts each path between BookNet's layers in turn and
// requires the check to see it.
func TestBookNetGradientCheckCatchesFaults(t *testing.T) {
	faults := map[bookFault]string{bookFaultStates: "answer encoder to tagger", bookFaultInit: "decoder to answer encoder",
		bookFaultEmbed: "decoder to embedding", bookFaultTagger: "tagger loss to tagger"}
	for fault, name := range faults {
		t.Run(name, func(t *testing.T) {
			worst := 0.0
			for _, e := range bookErrors(t, fault, tinyBatch()) {
				worst = max(worst, e)
			}
			if worst <= gradTol {
				t.Errorf("worst error %.2e passes the %.0e tolerance", worst, gradTol)
			} else {
				t.Logf("worst error %.2e", worst)
			}
		})
	}
}

// bookBatch is tinyBatch with answers of 1 and 3 tokens, so that both examples have one and the
// first is shorter.
func bookBatch() *Batch {
	bt := tinyBatch()
	bt.Tags = []int32{0, 1, 1, 0, 0, 1, 0, 0, 0, 0}
	return bt
}

// bookErrors checks a BookNet of tinyBookShape on bt with fault, and returns each tensor's
// relative error.
func bookErrors(t *testing.T, fault bookFault, bt *Batch) map[string]float64 {
	t.Helper()
	n, err := NewBookNet(tinyBookShape, 7)
	if err != nil {
		t.Fatal(err)
	}
	n.fault = fault
	n.mm = nn.Reference
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n.P.Data { // larger than Keras' initialisers, so every gate works
		n.P.Data[i] = float32(rng.NormFloat64() * 0.5)
	}
	w := n.newWork(bt.S, bt.T, bt.B)
	loss := func() float64 {
		n.forward(w, bt)
		l := n.losses(w, bt, 0, 0)
		return l.Tagger + l.Question
	}
	return stepErrors(t, &n.P, func() Losses { return n.step(w, bt) }, loss)
}

// TestBookNetGradientsShortAnswer checks the gradient on bookBatch, whose first answer is
// shorter than the second: the answer encoder's mask must pass its state through the padding
// steps forwards and its gradient backwards.
func TestBookNetGradientsShortAnswer(t *testing.T) {
	for name, e := range bookErrors(t, bookNoFault, bookBatch()) {
		if e > gradTol {
			t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, gradTol)
		}
	}
}

// TestBookAnswerEncoderSkipsPadding is the book's first fault: a short answer's encoding must be
// the same in a batch with a longer answer as alone. The book's GRU read the zero rows after it.
func TestBookAnswerEncoderSkipsPadding(t *testing.T) {
	for _, fault := range []bookFault{bookNoFault, bookFaultNoMask} {
		n, err := NewBookNet(tinyBookShape, 7)
		if err != nil {
			t.Fatal(err)
		}
		n.fault = fault
		bt := bookBatch()
		w := n.newWork(bt.S, bt.T, bt.B)
		n.forward(w, bt)
		D := tinyBookShape.Decoder
		inBatch := append([]float32(nil), w.ansC.Final()[:D]...) // example 0: one token

		alone := &Batch{S: 5, T: 3, B: 1, Passage: []int32{4, 6, UnkID, 8, PadID}, Mask: make([]bool, 5),
			Tags: []int32{0, 1, 0, 0, 0}, In: []int32{StartID, 6, 4}, Out: []int32{6, 4, EndID},
			InMask: []bool{true, true, true}, Source: make([]int32, 5)}
		for i := range 5 {
			alone.Passage[i], alone.Mask[i], alone.Tags[i] = bt.Passage[2*i], bt.Mask[2*i], bt.Tags[2*i]
		}
		wa := n.newWork(alone.S, alone.T, alone.B)
		n.forward(wa, alone)
		got := wa.ansC.Final()
		same := true
		for i := range D {
			if d := got[i] - inBatch[i]; d > 1e-6 || d < -1e-6 {
				same = false
			}
		}
		if fault == bookNoFault && !same {
			t.Errorf("answer encoding %v in a batch; %v alone", inBatch, got)
		}
		if fault == bookFaultNoMask && same {
			t.Errorf("without the mask the encoding is still %v: the test cannot see the fault", got)
		}
	}
}

// TestBookGathersAnswersAtTheEnd: an answer at a passage's last real token, before padding or at
// the end of the batch, reaches the answer encoder (the book dropped answers ending at its 200th
// token), in order, and padding never does.
func TestBookGathersAnswersAtTheEnd(t *testing.T) {
	n := bookLayout(tinyBookShape)
	// B=2, S=4: passage 0 is 4 tokens with its answer the last two; passage 1 is 2 tokens (then
	// padding, tagged 1 by mistake) with its answer the last one.
	tags := []int32{0, 0, 0, 1, 1, 1, 1, 1}
	mask := []bool{true, true, true, true, true, false, true, false}
	w := &bookWork{S: 4, B: 2}
	n.gatherAnswers(w, tags, mask)
	if want := []int{4, 3, 6, -1}; w.L != 2 || !slices.Equal(w.ans, want) {
		t.Errorf("answer steps %v (L=%d); want %v", w.ans, w.L, want)
	}
	if want := []bool{true, true, true, false}; !slices.Equal(w.ansMask, want) {
		t.Errorf("answer mask %v; want %v", w.ansMask, want)
	}
}
