package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// gruMask is a (T=5, B=3) mask with the kinds of padding a batch of answers or passages has:
// sequence 0 is whole, 1 is padded at the end, 2 has a masked step between real ones (so a
// masked step's pass-through is on the gradient's path to h₀) and padding at both ends.
var gruMask = []bool{
	true, true, false,
	true, true, true,
	true, false, false,
	true, false, true,
	true, false, false,
}

// gruErrors checks a GRU of I inputs and H units over the steps of gruMask, from a state h₀ that
// is a parameter too, with a loss on every output and on the final state, and fault.
func gruErrors(fault gruFault) map[string]float64 { return gruFormErrors(true, fault) }

// gruFormErrors is gruErrors for the form resetAfter chooses.
func gruFormErrors(resetAfter bool, fault gruFault) map[string]float64 {
	T, B, I, H := 5, 3, 3, 4
	var p Params
	x := p.Add("x", T*B, I)
	h0 := p.Add("h0", B, H)
	l := NewGRUWith(&p, "gru", I, H, resetAfter)
	l.fault = fault
	p.Alloc()
	r := randomize(&p, T*B*H+B*H)
	rOut, rFinal := r[:T*B*H], r[T*B*H:]
	c := NewGRUCache(T, B, H)
	loss := func() float64 {
		l.Forward(c, p.W(x), p.W(h0), gruMask, Reference)
		return dot(c.Outputs(), rOut) + dot(c.Final(), rFinal)
	}
	loss()
	l.Backward(p.G(x), c, rOut, rFinal, p.W(x), Reference)
	copy(p.G(h0), c.InitialGrad())
	return GradCheck(&p, 1e-2, loss)
}

func TestGRUGradients(t *testing.T) { checkTensors(t, gruErrors(gruNoFault)) }

// TestGRUGradientCheckCatchesFaults breaks each gate's derivative, the reset-after product, the
// recurrent path and the masked steps' pass-through in turn, and requires the check to see it.
func TestGRUGradientCheckCatchesFaults(t *testing.T) {
	faults := map[gruFault]string{gruFaultGateZ: "update gate", gruFaultGateR: "reset gate",
		gruFaultCandidate: "candidate", gruFaultResetAfter: "reset after U",
		gruFaultRecurrent: "recurrent path", gruFaultMask: "masked step"}
	for fault, name := range faults {
		t.Run(name, func(t *testing.T) {
			requireCaught(t, gruErrors(fault))
		})
	}
}

func TestGRUResetBeforeGradients(t *testing.T) { checkTensors(t, gruFormErrors(false, gruNoFault)) }

// TestGRUResetBeforeGradientCheckCatchesFaults breaks reset_after=False's backward as
// TestGRUGradientCheckCatchesFaults breaks reset_after=True's, and its product r⊙h₋.
func TestGRUResetBeforeGradientCheckCatchesFaults(t *testing.T) {
	faults := map[gruFault]string{gruFaultGateZ: "update gate", gruFaultGateR: "reset gate",
		gruFaultCandidate: "candidate", gruFaultResetBefore: "reset before U",
		gruFaultRecurrent: "recurrent path", gruFaultMask: "masked step"}
	for fault, name := range faults {
		t.Run(name, func(t *testing.T) {
			requireCaught(t, gruFormErrors(false, fault))
		})
	}
}

// kerasGRU is Keras' GRUCell with reset_after=True written out in float64 for one sequence from
// its documentation, independently of GRU: kernel (I, 3H) and recurrent kernel (H, 3H) with gate
// columns z, r, h; bias row 0 for the input, row 1 for the state. It returns each step's state.
// With resetAfter false it is reset_after=False: bias (3H) for the input alone, and the
// candidate's recurrent part (r⊙h₋)·U_h.
func kerasGRU(w, u, bias, xs []float32, T, I, H int, resetAfter bool) [][]float64 {
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	h := make([]float64, H)
	var states [][]float64
	for t := range T {
		x := xs[t*I : (t+1)*I]
		// (x·W + b₀)[col], (state·U + b₁)[col]; reset_after=False has no b₁.
		proj := func(col int, state []float64) (float64, float64) {
			a, s := float64(bias[col]), 0.0
			if resetAfter {
				s = float64(bias[3*H+col])
			}
			for i := range I {
				a += float64(x[i]) * float64(w[i*3*H+col])
			}
			for k := range H {
				s += state[k] * float64(u[k*3*H+col])
			}
			return a, s
		}
		next := make([]float64, H)
		rh := make([]float64, H) // r⊙h₋, for reset_after=False
		for j := range H {
			ar, sr := proj(H+j, h)
			rh[j] = sig(ar+sr) * h[j]
		}
		for j := range H {
			az, sz := proj(j, h)
			ar, sr := proj(H+j, h)
			z, r := sig(az+sz), sig(ar+sr)
			var g float64
			if resetAfter {
				ah, sh := proj(2*H+j, h)
				g = math.Tanh(ah + r*sh)
			} else {
				ah, sh := proj(2*H+j, rh)
				g = math.Tanh(ah + sh)
			}
			next[j] = z*h[j] + (1-z)*g
		}
		h = next
		states = append(states, h)
	}
	return states
}

// TestGRUIsKeras compares Forward, over a batch of two sequences, and Step with Keras' formula,
// in both forms.
func TestGRUIsKeras(t *testing.T) {
	for _, resetAfter := range []bool{true, false} {
		t.Run(fmt.Sprintf("reset_after=%v", resetAfter), func(t *testing.T) { testGRUIsKeras(t, resetAfter) })
	}
}

func testGRUIsKeras(t *testing.T, resetAfter bool) {
	T, B, I, H := 3, 2, 4, 3
	var p Params
	l := NewGRUWith(&p, "gru", I, H, resetAfter)
	p.Alloc()
	randomize(&p, 0)
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float32, T*B*I) // time-major
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	c := NewGRUCache(T, B, H)
	l.Forward(c, x, nil, nil, Reference)
	stepH := make([]float32, B*H)
	a, s := make([]float32, B*3*H), make([]float32, B*3*H)
	var seqs [2][][]float64
	for b := range B {
		xs := make([]float32, T*I)
		for t := range T {
			copy(xs[t*I:(t+1)*I], x[(t*B+b)*I:(t*B+b+1)*I])
		}
		seqs[b] = kerasGRU(p.W(l.Kernel), p.W(l.Recurrent), p.W(l.Bias), xs, T, I, H, resetAfter)
	}
	for step := range T {
		l.Step(stepH, x[step*B*I:(step+1)*B*I], a, s, B, Reference)
		for b := range B {
			for j := range H {
				want := seqs[b][step][j]
				got := c.Outputs()[(step*B+b)*H+j]
				if math.Abs(float64(got)-want) > 1e-5 {
					t.Errorf("Forward step %d sequence %d unit %d: got %g; want %g", step, b, j, got, want)
				}
				if got := stepH[b*H+j]; math.Abs(float64(got)-want) > 1e-5 {
					t.Errorf("Step %d sequence %d unit %d: got %g; want %g", step, b, j, got, want)
				}
			}
		}
	}
}

// TestGRUMaskedIsUnpadded runs the sequences of gruMask's batch, padding and all, and each one's
// real steps alone: outputs at real steps and final states must agree, and outputs at masked
// steps are zero.
// Both forms.
func TestGRUMaskedIsUnpadded(t *testing.T) {
	for _, resetAfter := range []bool{true, false} {
		t.Run(fmt.Sprintf("reset_after=%v", resetAfter), func(t *testing.T) { testGRUMaskedIsUnpadded(t, resetAfter) })
	}
}

func testGRUMaskedIsUnpadded(t *testing.T, resetAfter bool) {
	T, B, I, H := 5, 3, 3, 4
	var p Params
	l := NewGRUWith(&p, "gru", I, H, resetAfter)
	p.Alloc()
	randomize(&p, 0)
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float32, T*B*I)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	c := NewGRUCache(T, B, H)
	l.Forward(c, x, nil, gruMask, Reference)
	for b := range B {
		var real []int
		var xs []float32
		for t := range T {
			if gruMask[t*B+b] {
				real = append(real, t)
				xs = append(xs, x[(t*B+b)*I:(t*B+b+1)*I]...)
			}
		}
		alone := NewGRUCache(len(real), 1, H)
		l.Forward(alone, xs, nil, nil, Reference)
		for k, step := range real {
			for j := range H {
				if got, want := c.Outputs()[(step*B+b)*H+j], alone.Outputs()[k*H+j]; got != want {
					t.Errorf("sequence %d step %d unit %d: got %g; want %g as unpadded", b, step, j, got, want)
				}
			}
		}
		for step := range T {
			for j := range H {
				if v := c.Outputs()[(step*B+b)*H+j]; !gruMask[step*B+b] && v != 0 {
					t.Errorf("sequence %d masked step %d unit %d: output %g; want 0", b, step, j, v)
				}
			}
		}
		for j := range H {
			if got, want := c.Final()[b*H+j], alone.Final()[j]; got != want {
				t.Errorf("sequence %d final unit %d: got %g; want %g as unpadded", b, j, got, want)
			}
		}
	}
}

func bidirectionalErrors(fault gruFault) map[string]float64 {
	T, B, I, H := 5, 3, 3, 2
	var p Params
	x := p.Add("x", T*B, I)
	l := NewBidirectional(&p, "bidirectional", I, H)
	l.Bwd.fault = fault
	p.Alloc()
	r := randomize(&p, T*B*2*H+B*2*H)
	rOut, rFinal := r[:T*B*2*H], r[T*B*2*H:]
	c := NewBidirectionalCache(l, T, B)
	final := make([]float32, B*2*H)
	loss := func() float64 {
		l.Forward(c, p.W(x), gruMask, Reference)
		c.Final(final)
		return dot(c.Outputs(), rOut) + dot(final, rFinal)
	}
	loss()
	l.Backward(p.G(x), c, rOut, rFinal, p.W(x), Reference)
	return GradCheck(&p, 1e-2, loss)
}

func TestBidirectionalGradients(t *testing.T) { checkTensors(t, bidirectionalErrors(gruNoFault)) }

// TestBidirectionalGradientCheckSeesTheBackwardGRU breaks the backward direction's reset gate:
// the wrapper must route its gradient, not only the forward one's.
func TestBidirectionalGradientCheckSeesTheBackwardGRU(t *testing.T) {
	requireCaught(t, bidirectionalErrors(gruFaultGateR))
}

// TestBidirectionalReadsEachSequenceBackwards checks the second half of each output against the
// backward GRU run alone over the sequence's real steps in reverse, as Keras' go_backwards does.
func TestBidirectionalReadsEachSequenceBackwards(t *testing.T) {
	T, B, I, H := 5, 3, 3, 2
	var p Params
	l := NewBidirectional(&p, "bidirectional", I, H)
	p.Alloc()
	randomize(&p, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, T*B*I)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	c := NewBidirectionalCache(l, T, B)
	l.Forward(c, x, gruMask, Reference)
	for b := range B {
		var real []int
		for t := range T {
			if gruMask[t*B+b] {
				real = append(real, t)
			}
		}
		var xs []float32
		for k := len(real) - 1; k >= 0; k-- {
			step := real[k]
			xs = append(xs, x[(step*B+b)*I:(step*B+b+1)*I]...)
		}
		alone := NewGRUCache(len(real), 1, H)
		l.Bwd.Forward(alone, xs, nil, nil, Reference)
		for k, step := range real {
			for j := range H {
				got := c.Outputs()[(step*B+b)*2*H+H+j]
				want := alone.Outputs()[(len(real)-1-k)*H+j]
				if got != want {
					t.Errorf("sequence %d step %d backward unit %d: got %g; want %g", b, step, j, got, want)
				}
			}
		}
		final := make([]float32, B*2*H)
		c.Final(final)
		for j := range H {
			if got, want := final[b*2*H+H+j], alone.Final()[j]; got != want {
				t.Errorf("sequence %d backward final unit %d: got %g; want %g", b, j, got, want)
			}
			if got, want := final[b*2*H+j], c.Fwd.Final()[b*H+j]; got != want {
				t.Errorf("sequence %d forward final unit %d: got %g; want %g", b, j, got, want)
			}
		}
	}
}
