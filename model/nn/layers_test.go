package nn

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// Each layer against central differences (GradCheck), on tiny sizes with a fixed seed. A layer's
// input is a tensor of the same Params, so that its input gradient is checked with its weights.
// The loss is Σ r ⊙ out for a fixed random r, whose gradient with respect to out is r.

const gradTol = 2e-3

// randomize fills p with weights larger than the initialisers give, so that every gate works away
// from its linear region and a wrong derivative shows, and returns r of n values.
func randomize(p *Params, n int) []float32 {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range p.Data {
		p.Data[i] = float32(rng.NormFloat64() * 0.5)
	}
	r := make([]float32, n)
	for i := range r {
		r[i] = float32(rng.NormFloat64())
	}
	return r
}

func dot(a, b []float32) float64 {
	var s float64
	for i, v := range a {
		s += float64(v) * float64(b[i])
	}
	return s
}

func checkTensors(t *testing.T, errs map[string]float64) {
	t.Helper()
	if len(errs) == 0 {
		t.Fatal("no tensor checked")
	}
	for name, e := range errs {
		if e > gradTol {
			t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, gradTol)
		} else {
			t.Logf("%s: %.2e", name, e)
		}
	}
}

// requireCaught fails t unless some tensor's error exceeds gradTol: a check run on a
// deliberately broken backward must see the fault, or it proves nothing.
func requireCaught(t *testing.T, errs map[string]float64) {
	t.Helper()
	worst := 0.0
	for _, e := range errs {
		worst = max(worst, e)
	}
	if worst <= gradTol {
		t.Errorf("worst error %.2e passes the %.0e tolerance", worst, gradTol)
	} else {
		t.Logf("worst error %.2e", worst)
	}
}

// lstmErrors checks an LSTM of I inputs and H units over T steps of B sequences, with fault.
func lstmErrors(fault lstmFault) map[string]float64 {
	T, B, I, H := 4, 2, 3, 5
	var p Params
	x := p.Add("x", T*B, I)
	l := NewLSTM(&p, "lstm", I, H)
	l.fault = fault
	p.Alloc()
	r := randomize(&p, T*B*H)
	c := NewLSTMCache(T, B, H)
	loss := func() float64 {
		l.Forward(c, p.W(x), Reference)
		return dot(c.Outputs(), r)
	}
	loss()
	l.Backward(p.G(x), c, r, p.W(x), Reference)
	return GradCheck(&p, 1e-2, loss)
}

func TestLSTMGradients(t *testing.T) { checkTensors(t, lstmErrors(lstmNoFault)) }

// TestGradientCheckCatchesFaults breaks each gate's derivative and the recurrent path in turn and
// requires the check to see it: a check too loose to fail proves nothing.
func TestGradientCheckCatchesFaults(t *testing.T) {
	faults := map[lstmFault]string{lstmFaultGateI: "input gate", lstmFaultGateF: "forget gate",
		lstmFaultGateC: "cell gate", lstmFaultGateO: "output gate", lstmFaultRecurrent: "recurrent path"}
	for fault, name := range faults {
		t.Run(name, func(t *testing.T) {
			requireCaught(t, lstmErrors(fault))
		})
	}
}

func TestDenseGradients(t *testing.T) {
	R, In, Out := 3, 4, 5
	var p Params
	x := p.Add("x", R, In)
	l := NewDense(&p, "dense", In, Out)
	p.Alloc()
	r := randomize(&p, R*Out)
	out := make([]float32, R*Out)
	loss := func() float64 {
		l.Forward(out, p.W(x), R, Reference)
		return dot(out, r)
	}
	l.Backward(p.G(x), r, p.W(x), R, Reference)
	checkTensors(t, GradCheck(&p, 1e-2, loss))
}

func TestEmbeddingGradients(t *testing.T) {
	V, E := 6, 3
	ids := []int32{2, 5, 2, 0, 4} // id 2 twice: it gets both rows' gradients
	var p Params
	l := NewEmbedding(&p, "embedding", V, E)
	p.Alloc()
	r := randomize(&p, len(ids)*E)
	out := make([]float32, len(ids)*E)
	loss := func() float64 {
		l.Forward(out, ids)
		return dot(out, r)
	}
	l.Backward(r, ids)
	checkTensors(t, GradCheck(&p, 1e-2, loss))
}

func TestDropoutGradients(t *testing.T) {
	n := 40
	var p Params
	x := p.Add("x", n)
	p.Alloc()
	r := randomize(&p, n)
	out, mask := make([]float32, n), make([]float32, n)
	loss := func() float64 {
		DropoutForward(out, mask, p.W(x), 0.3, rand.New(rand.NewPCG(9, 9))) // the same mask each time
		return dot(out, r)
	}
	loss()
	if !slices.Contains(mask, 0) || !slices.ContainsFunc(mask, func(m float32) bool { return m != 0 }) {
		t.Fatalf("dropout at 0.3 of %d values dropped none or all: mask %v", n, mask)
	}
	DropoutBackward(p.G(x), r, mask)
	checkTensors(t, GradCheck(&p, 1e-2, loss))
}

func TestSoftmaxCrossEntropyGradients(t *testing.T) {
	R, V := 3, 5
	y := []int32{1, 4, 1}
	var p Params
	z := p.Add("logits", R, V)
	p.Alloc()
	randomize(&p, 0)
	scratch := make([]float32, R*V)
	loss := func() float64 {
		copy(scratch, p.W(z))
		return SoftmaxCrossEntropy(scratch, y, R, V, R)
	}
	copy(p.G(z), p.W(z))
	SoftmaxCrossEntropy(p.G(z), y, R, V, R) // the logits become the gradient of the mean loss
	checkTensors(t, GradCheck(&p, 1e-2, loss))
}
