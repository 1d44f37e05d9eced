package nn

import (
	"math"
	"math/rand/v2"
)

// Attention is additive attention (Bahdanau et al. 2015, as See et al. 2017's pointer-generator
// uses it): each query q (a decoder state) scores every key k (an encoder output) of its own
// sequence, turns the scores into weights with a softmax over the sequence's real steps, and
// returns the weighted sum of the keys, its context:
//
//	e_i = vᵀ·tanh(k_i·W_k + q·W_q + b);  α = softmax(e);  context = Σ_i α_i·k_i
//
// Queries are taken after the decoder's recurrent layer (Luong et al. 2015's order), so the
// queries of all decoder steps are known before attention runs and are done in one pass.
// Shapes: keys (S·B, K) time-major over S source steps with a mask (S·B) of the real ones, queries
// (T·B, Q) over T decoder steps, A attention units. Its tensors are views into P.
type Attention struct {
	P                               *Params
	KeyKernel, QueryKernel, Bias, V Tensor // (K, A), (Q, A), (A), (A)
	K, Q, A                         int
	fault                           attentionFault
}

// attentionFault breaks one part of backward on purpose, so that a test can show that the
// gradient checks catch it. It is always attentionNoFault outside that test.
type attentionFault int

const (
	attentionNoFault      attentionFault = iota
	attentionFaultSoftmax                // the softmax's Jacobian taken as diagonal
	attentionFaultTanh                   // tanh's derivative left out
)

// NewAttention lays out attention from keys of K values and queries of Q values through A units in
// p, under the names name+"/key_kernel", "…/query_kernel", "…/bias" and "…/v".
func NewAttention(p *Params, name string, K, Q, A int) *Attention {
	return &Attention{P: p, K: K, Q: Q, A: A,
		KeyKernel:   p.Add(name+"/key_kernel", K, A),
		QueryKernel: p.Add(name+"/query_kernel", Q, A),
		Bias:        p.Add(name+"/bias", A),
		V:           p.Add(name+"/v", A),
	}
}

// Init draws both kernels and v Glorot-uniform, in that order; the bias is zero.
func (l *Attention) Init(rng *rand.Rand) {
	GlorotUniform(l.P.W(l.KeyKernel), l.K, l.A, rng)
	GlorotUniform(l.P.W(l.QueryKernel), l.Q, l.A, rng)
	GlorotUniform(l.P.W(l.V), l.A, 1, rng)
}

// AttentionCache keeps what backward needs of one pass of T·B queries over S·B keys.
type AttentionCache struct {
	S, T, B int
	pk      []float32 // (S·B, A) keys·W_k
	pq      []float32 // (T·B, A) queries·W_q + b
	weights []float32 // (T·B, S) α
	context []float32 // (T·B, K)
	dpk     []float32 // (S·B, A)
	dpq     []float32 // (T·B, A)
	de      []float32 // (S) scratch: the scores' gradient for one query
}

// NewAttentionCache makes the buffers of l for T·B queries over S·B keys.
func NewAttentionCache(l *Attention, S, T, B int) *AttentionCache {
	A := l.A
	return &AttentionCache{S: S, T: T, B: B,
		pk: make([]float32, S*B*A), pq: make([]float32, T*B*A),
		weights: make([]float32, T*B*S), context: make([]float32, T*B*l.K),
		dpk: make([]float32, S*B*A), dpq: make([]float32, T*B*A),
		de: make([]float32, S),
	}
}

// Weights is α (T·B, S): row t·B+b holds query (t, b)'s weights over its sequence's S steps,
// zero at masked ones. A view into the cache.
func (c *AttentionCache) Weights() []float32 { return c.weights }

// Context is (T·B, K), each query's weighted sum of its keys. A view into the cache.
func (c *AttentionCache) Context() []float32 { return c.context }

// Forward attends from queries (T·B, Q) over keys (S·B, K); mask (S·B; nil when every step is
// real) marks the keys that may be attended to. A sequence with no real key gets zero weights
// and a zero context.
func (l *Attention) Forward(c *AttentionCache, keys, queries []float32, mask []bool, mm Gemm) {
	S, T, B, K, A := c.S, c.T, c.B, l.K, l.A
	if mask != nil && len(mask) != S*B {
		panic("nn: attention mask is not (S·B)")
	}
	clear(c.pk)
	mm.NN(S*B, A, K, keys, l.P.W(l.KeyKernel), c.pk)
	bias := l.P.W(l.Bias)
	for r := range T * B {
		copy(c.pq[r*A:(r+1)*A], bias)
	}
	mm.NN(T*B, A, l.Q, queries, l.P.W(l.QueryKernel), c.pq)
	for t := range T {
		for b := range B {
			r := t*B + b
			l.attend(c.weights[r*S:(r+1)*S], c.context[r*K:(r+1)*K], c.pq[r*A:(r+1)*A], c.pk, keys, mask, S, B, b)
		}
	}
}

// attend scores one query, whose projection is pq (A), against sequence b's S keys: their
// projections pk and the keys themselves are rows i·B+b of (S·B, A) and (S·B, K), and so is the
// mask (nil when every key is real). It writes the weights w (S), zero at masked keys, and the
// context (K).
func (l *Attention) attend(w, ctx, pq, pk, keys []float32, mask []bool, S, B, b int) {
	K := l.K
	l.weigh(w, pq, pk, mask, S, B, b)
	clear(ctx)
	for i := range S {
		if w[i] == 0 {
			continue
		}
		k := keys[(i*B+b)*K : (i*B+b+1)*K]
		for j := range K {
			ctx[j] += w[i] * k[j]
		}
	}
}

// weigh writes attend's weights w (S): the softmax of the query's scores over the real keys,
// zero at masked keys (and everywhere when every key is masked).
func (l *Attention) weigh(w, pq, pk []float32, mask []bool, S, B, b int) {
	A, v := l.A, l.P.W(l.V)
	real := func(i int) bool { return mask == nil || mask[i*B+b] }
	// Masked keys are scored too (their projections are finite) and dropped below: one call for
	// the whole sequence is what lets a SIMD Vector run four attention units at a time.
	DefaultVector.TanhDot(w[:S], pk[b*A:], B*A, pq[:A], v[:A])
	best := float32(math.Inf(-1))
	for i := range S {
		if real(i) {
			best = max(best, w[i])
		}
	}
	var sum float64
	for i := range S {
		if !real(i) {
			w[i] = 0
			continue
		}
		e := float64(expf(w[i] - best))
		w[i] = float32(e)
		sum += e
	}
	if sum == 0 {
		return
	}
	for i := range S {
		w[i] = float32(float64(w[i]) / sum)
	}
}

// Backward takes dContext (T·B, K) and dWeights (T·B, S; nil when only the context used the
// weights; a copy mechanism's gradient goes there), adds the weight gradients into P.Grad, adds
// the gradients with respect to the keys into dKeys (S·B, K) and writes those of the queries to
// dQueries (T·B, Q) (either may be nil). keys and queries are those of the Forward that filled c.
func (l *Attention) Backward(dKeys, dQueries []float32, c *AttentionCache, dContext, dWeights, keys, queries []float32, mm Gemm) {
	S, T, B, K, A := c.S, c.T, c.B, l.K, l.A
	v, dv := l.P.W(l.V), l.P.G(l.V)
	clear(c.dpk)
	clear(c.dpq)
	for t := range T {
		for b := range B {
			r := t*B + b
			w, dctx := c.weights[r*S:(r+1)*S], dContext[r*K:(r+1)*K]
			// dα_i = dcontext·k_i (+ what else used α); de = α ⊙ (dα − Σ α·dα): the softmax's
			// Jacobian.
			var dot float64
			for i := range S {
				c.de[i] = 0
				if w[i] == 0 {
					continue
				}
				k := keys[(i*B+b)*K : (i*B+b+1)*K]
				var da float32
				for j := range K {
					da += dctx[j] * k[j]
					if dKeys != nil {
						dKeys[(i*B+b)*K+j] += w[i] * dctx[j]
					}
				}
				if dWeights != nil {
					da += dWeights[r*S+i]
				}
				c.de[i] = da
				dot += float64(w[i]) * float64(da)
			}
			pq, dpq := c.pq[r*A:(r+1)*A], c.dpq[r*A:(r+1)*A]
			for i := range S {
				if w[i] == 0 {
					continue
				}
				de := w[i] * (c.de[i] - float32(dot))
				if l.fault == attentionFaultSoftmax {
					de = w[i] * c.de[i]
				}
				pk, dpk := c.pk[(i*B+b)*A:(i*B+b+1)*A], c.dpk[(i*B+b)*A:(i*B+b+1)*A]
				for a := range A {
					th := tanhf(pk[a] + pq[a])
					dv[a] += de * th
					d := de * v[a] * (1 - th*th)
					if l.fault == attentionFaultTanh {
						d = de * v[a]
					}
					dpk[a] += d
					dpq[a] += d
				}
			}
		}
	}
	db := l.P.G(l.Bias)
	for r := range T * B {
		for a, d := range c.dpq[r*A : (r+1)*A] {
			db[a] += d
		}
	}
	mm.TN(K, A, S*B, keys, c.dpk, l.P.G(l.KeyKernel))        // dW_k += keysᵀ·dpk
	mm.TN(l.Q, A, T*B, queries, c.dpq, l.P.G(l.QueryKernel)) // dW_q += queriesᵀ·dpq
	if dKeys != nil {
		mm.NT(S*B, K, A, c.dpk, l.P.W(l.KeyKernel), dKeys) // dkeys += dpk·W_kᵀ
	}
	if dQueries != nil {
		clear(dQueries[:T*B*l.Q])
		mm.NT(T*B, l.Q, A, c.dpq, l.P.W(l.QueryKernel), dQueries)
	}
}

// ProjectKeys writes pk (S, A) = keys (S, K)·W_k for one sequence, so that decoding, which asks
// many queries of the same keys one step at a time, projects them once.
func (l *Attention) ProjectKeys(pk, keys []float32, S int, mm Gemm) {
	clear(pk[:S*l.A])
	mm.NN(S, l.A, l.K, keys, l.P.W(l.KeyKernel), pk)
}

// Attend is Forward for Q queries (Q, Q-values) that all attend to one sequence's S keys, whose
// projection pk ProjectKeys made: it writes their weights (Q, S) and contexts (Q, K). pq is
// scratch (Q, A). It keeps nothing for backward.
func (l *Attention) Attend(context, weights, pq, pk, keys, queries []float32, S, Q int, mask []bool, mm Gemm) {
	K, A := l.K, l.A
	bias := l.P.W(l.Bias)
	for r := range Q {
		copy(pq[r*A:(r+1)*A], bias)
	}
	mm.NN(Q, A, l.Q, queries, l.P.W(l.QueryKernel), pq)
	for r := range Q {
		l.weigh(weights[r*S:(r+1)*S], pq[r*A:(r+1)*A], pk, mask, S, 1, 0)
	}
	// One sequence's keys are contiguous (S, K), so all the contexts are one product: a beam's
	// contexts were a third of its attention's time as Q separate sums.
	clear(context[:Q*K])
	mm.NN(Q, K, S, weights, keys, context)
}
