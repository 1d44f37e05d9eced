package nn

import (
	"math"
	"testing"
)

// rnnErrors checks a SimpleRNN over the steps of gruMask from a state h₀ that is a parameter too,
// with a loss on every output and on the final state, and fault.
func rnnErrors(fault rnnFault) map[string]float64 {
	T, B, I, H := 5, 3, 3, 4
	var p Params
	x := p.Add("x", T*B, I)
	h0 := p.Add("h0", B, H)
	l := NewSimpleRNN(&p, "simple_rnn", I, H)
	l.fault = fault
	p.Alloc()
	r := randomize(&p, T*B*H+B*H)
	rOut, rFinal := r[:T*B*H], r[T*B*H:]
	c := NewSimpleRNNCache(T, B, H)
	loss := func() float64 {
		l.Forward(c, p.W(x), p.W(h0), gruMask, Reference)
		return dot(c.Outputs(), rOut) + dot(c.Final(), rFinal)
	}
	loss()
	l.Backward(p.G(x), c, rOut, rFinal, p.W(x), Reference)
	copy(p.G(h0), c.InitialGrad())
	return GradCheck(&p, 1e-2, loss)
}

func TestSimpleRNNGradients(t *testing.T) { checkTensors(t, rnnErrors(rnnNoFault)) }

func TestSimpleRNNGradientCheckCatchesFaults(t *testing.T) {
	for fault, name := range map[rnnFault]string{rnnFaultActivation: "tanh", rnnFaultRecurrent: "recurrent path"} {
		t.Run(name, func(t *testing.T) {
			requireCaught(t, rnnErrors(fault))
		})
	}
}

// TestSimpleRNNStepIsForward runs the same inputs through Forward and through Step, one step at a
// time, and through Keras' formula written out in float64.
func TestSimpleRNNStepIsForward(t *testing.T) {
	T, B, I, H := 4, 2, 3, 3
	var p Params
	xt := p.Add("x", T*B, I)
	l := NewSimpleRNN(&p, "simple_rnn", I, H)
	p.Alloc()
	randomize(&p, 0)
	x := p.W(xt)
	c := NewSimpleRNNCache(T, B, H)
	l.Forward(c, x, nil, nil, Reference)
	h, z := make([]float32, B*H), make([]float32, B*H)
	ref := make([]float64, B*H)
	w, u, bias := p.W(l.Kernel), p.W(l.Recurrent), p.W(l.Bias)
	for step := range T {
		l.Step(h, x[step*B*I:(step+1)*B*I], z, B, Reference)
		next := make([]float64, B*H)
		for b := range B {
			for j := range H {
				s := float64(bias[j])
				for i := range I {
					s += float64(x[(step*B+b)*I+i]) * float64(w[i*H+j])
				}
				for k := range H {
					s += ref[b*H+k] * float64(u[k*H+j])
				}
				next[b*H+j] = math.Tanh(s)
			}
		}
		ref = next
		for i := range B * H {
			got := c.Outputs()[step*B*H+i]
			if math.Abs(float64(got)-ref[i]) > 1e-5 || math.Abs(float64(h[i])-ref[i]) > 1e-5 {
				t.Errorf("step %d value %d: Forward %g, Step %g; want %g", step, i, got, h[i], ref[i])
			}
		}
	}
}
