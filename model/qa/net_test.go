package qa

import (
	"math/rand/v2"
	"strings"
	"testing"

	"fabulist/model/nn"
)

// tinyBatch is B=2 examples over a vocabulary of 9 ids, time-major. Passage 0 is 5 tokens and its
// question copies word 6, which the vocabulary has; passage 1 is 3 tokens (padded to S=5) holding
// a word outside the vocabulary (UnkID, extended id 9), which its question copies; questions are
// 3 and 2 targets (padded to T=3).
func tinyBatch() *Batch {
	return &Batch{S: 5, T: 3, B: 2,
		Passage: []int32{4, 5, 6, UnkID, 7, 8, 4, PadID, 8, PadID},
		Source:  []int32{4, 5, 6, 9, 7, 8, 4, PadID, 8, PadID},
		Mask:    []bool{true, true, true, true, true, true, true, false, true, false},
		Tags:    []int32{0, 0, 1, 1, 1, 0, 0, 0, 0, 0},
		In:      []int32{StartID, StartID, 6, UnkID, 4, PadID},
		Out:     []int32{6, 9, 4, EndID, EndID, -1},
		InMask:  []bool{true, true, true, true, true, false},
	}
}

var tinyShape = Shape{V: 9, Embed: 3, Units: 2, Decoder: 3, Attention: 2, Answer: 2, AnswerPool: true}

// TestNetGradients checks the whole network's gradient, through both losses, the copy mechanism,
// attention, the bridge from the encoder's final states and both bidirectional GRUs, against
// central differences.
func TestNetGradients(t *testing.T) {
	errs := netErrors(t, noFault)
	for name, e := range errs {
		if e > gradTol {
			t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, gradTol)
		} else {
			t.Logf("%s: %.2e", name, e)
		}
	}
}

// gradTol is the whole network's tolerance: its float32 forward runs through a dozen layers, and
// each broken path below gives errors over 1e-2.
const gradTol = 3e-3

// TestNetGradientCheckCatchesFaults cuts each path between layers in turn and requires the
// check to see it.
func TestNetGradientCheckCatchesFaults(t *testing.T) {
	faults := map[netFault]string{faultQueries: "attention to decoder", faultKeys: "attention to encoder",
		faultFinal: "bridge to encoder", faultCopy: "copy to attention", faultGateInput: "p_gen to embedding",
		faultAnswerPool: "bridge to the answer's encoder outputs"}
	for fault, name := range faults {
		t.Run(name, func(t *testing.T) {
			worst := 0.0
			for _, e := range netErrors(t, fault) {
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

// netErrors checks the network of tinyShape on tinyBatch with fault, and returns each tensor's
// relative error.
func netErrors(t *testing.T, fault netFault) map[string]float64 {
	t.Helper()
	n, err := NewNet(tinyShape, 7)
	if err != nil {
		t.Fatal(err)
	}
	n.fault = fault
	n.mm = nn.Reference
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ts := range n.P.Tensors { // larger than Keras' initialisers, so every gate works
		scale := 0.5
		if strings.HasPrefix(ts.Name, "attention/") {
			scale = 2 // peaked weights, so that the queries' and keys' gradients are not lost in rounding
		}
		for i := range n.P.W(ts) {
			n.P.W(ts)[i] = float32(rng.NormFloat64() * scale)
		}
	}
	bt := tinyBatch()
	w := n.newWork(bt.S, bt.T, bt.B)
	loss := func() float64 {
		n.forward(w, bt)
		l := n.losses(w, bt, 0, 0)
		return l.Tagger + l.Question
	}
	return stepErrors(t, &n.P, func() Losses { return n.step(w, bt) }, loss)
}

// stepErrors fills p's gradient with step, checks that step's losses are loss's, and returns
// each tensor's relative error against finite differences of loss.
func stepErrors(t *testing.T, p *nn.Params, step func() Losses, loss func() float64) map[string]float64 {
	t.Helper()
	p.ZeroGrad()
	got := step()
	if want := loss(); got.Tagger+got.Question != want {
		t.Fatalf("step's losses %+v; forward alone gives %g", got, want)
	}
	errs := nn.GradCheck(p, 1e-2, loss)
	if len(errs) != len(p.Tensors) {
		t.Fatalf("%d tensors checked; want %d", len(errs), len(p.Tensors))
	}
	return errs
}

func TestParamsCountsTheLayout(t *testing.T) {
	noPool := tinyShape
	noPool.AnswerPool = false
	for _, s := range []Shape{tinyShape, noPool, DefaultConfig(5000).Shape} {
		if got, want := s.params(), len(layout(s).P.Data); got != want {
			t.Errorf("shape %+v: params() %d; the layout has %d", s, got, want)
		}
	}
}
