package nn

import (
	"math"
	"testing"
)

// attentionMask is (S=4, B=3): sequence 0 is whole, 1 is padded at the end, 2 has one real step.
var attentionMask = []bool{
	true, true, false,
	true, true, true,
	true, false, false,
	true, false, false,
}

// attentionErrors checks attention from T=2 queries over the keys of attentionMask, both of them
// parameters too, with a loss on the context and on the weights (as a copy mechanism puts one).
func attentionErrors(fault attentionFault) map[string]float64 {
	S, T, B, K, Q, A := 4, 2, 3, 3, 2, 5
	var p Params
	keys := p.Add("keys", S*B, K)
	queries := p.Add("queries", T*B, Q)
	l := NewAttention(&p, "attention", K, Q, A)
	l.fault = fault
	p.Alloc()
	r := randomize(&p, T*B*K+T*B*S)
	rCtx, rW := r[:T*B*K], r[T*B*K:]
	c := NewAttentionCache(l, S, T, B)
	loss := func() float64 {
		l.Forward(c, p.W(keys), p.W(queries), attentionMask, Reference)
		return dot(c.Context(), rCtx) + dot(c.Weights(), rW)
	}
	loss()
	l.Backward(p.G(keys), p.G(queries), c, rCtx, rW, p.W(keys), p.W(queries), Reference)
	return GradCheck(&p, 1e-2, loss)
}

func TestAttentionGradients(t *testing.T) { checkTensors(t, attentionErrors(attentionNoFault)) }

func TestAttentionGradientCheckCatchesFaults(t *testing.T) {
	for fault, name := range map[attentionFault]string{attentionFaultSoftmax: "softmax", attentionFaultTanh: "tanh"} {
		t.Run(name, func(t *testing.T) {
			requireCaught(t, attentionErrors(fault))
		})
	}
}

// TestAttentionWeighsOnlyRealSteps checks that each query's weights sum to one over its real keys,
// are zero at masked ones, and that its context is their weighted sum.
func TestAttentionWeighsOnlyRealSteps(t *testing.T) {
	S, T, B, K, Q, A := 4, 2, 3, 3, 2, 5
	var p Params
	keys := p.Add("keys", S*B, K)
	queries := p.Add("queries", T*B, Q)
	l := NewAttention(&p, "attention", K, Q, A)
	p.Alloc()
	randomize(&p, 0)
	c := NewAttentionCache(l, S, T, B)
	l.Forward(c, p.W(keys), p.W(queries), attentionMask, Reference)
	for r := range T * B {
		b := r % B
		var sum float64
		for i := range S {
			w := c.Weights()[r*S+i]
			if !attentionMask[i*B+b] && w != 0 {
				t.Errorf("query %d: weight %g on masked step %d; want 0", r, w, i)
			}
			sum += float64(w)
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Errorf("query %d: weights sum to %g; want 1", r, sum)
		}
		for j := range K {
			var want float64
			for i := range S {
				want += float64(c.Weights()[r*S+i]) * float64(p.W(keys)[(i*B+b)*K+j])
			}
			if got := c.Context()[r*K+j]; math.Abs(float64(got)-want) > 1e-6 {
				t.Errorf("query %d context %d: got %g; want %g", r, j, got, want)
			}
		}
	}
}

// TestAttendIsForward asks one sequence's keys several queries through ProjectKeys and Attend,
// and through Forward with the keys repeated for each query.
func TestAttendIsForward(t *testing.T) {
	S, Qn, K, Q, A := 4, 3, 3, 2, 5
	var p Params
	keys := p.Add("keys", S, K)
	queries := p.Add("queries", Qn, Q)
	l := NewAttention(&p, "attention", K, Q, A)
	p.Alloc()
	randomize(&p, 0)
	mask := []bool{true, true, false, true}
	pk, pq := make([]float32, S*A), make([]float32, Qn*A)
	ctx, w := make([]float32, Qn*K), make([]float32, Qn*S)
	l.ProjectKeys(pk, p.W(keys), S, Reference)
	l.Attend(ctx, w, pq, pk, p.W(keys), p.W(queries), S, Qn, mask, Reference)

	rep, repMask := make([]float32, S*Qn*K), make([]bool, S*Qn) // (S·B) with B = Qn
	for i := range S {
		for b := range Qn {
			copy(rep[(i*Qn+b)*K:(i*Qn+b+1)*K], p.W(keys)[i*K:(i+1)*K])
			repMask[i*Qn+b] = mask[i]
		}
	}
	c := NewAttentionCache(l, S, 1, Qn)
	l.Forward(c, rep, p.W(queries), repMask, Reference)
	for i, want := range c.Weights() {
		if got := w[i]; math.Abs(float64(got-want)) > 1e-6 {
			t.Errorf("weight %d: Attend %g; Forward %g", i, got, want)
		}
	}
	for i, want := range c.Context() {
		if got := ctx[i]; math.Abs(float64(got-want)) > 1e-6 {
			t.Errorf("context %d: Attend %g; Forward %g", i, got, want)
		}
	}
}
