package nn

import "math/rand/v2"

// Bidirectional is Keras' Bidirectional wrapper around a GRU, with merge_mode "concat": one GRU
// reads the sequence forwards, a second reads it backwards (go_backwards), and each step's output
// is the two outputs side by side, (T·B, 2H), the forward one first. With a mask, the backward
// GRU passes through a sequence's trailing padding first, carrying its zero state, so it starts
// at each sequence's last real step.
type Bidirectional struct {
	Fwd, Bwd *GRU // Keras' forward_layer and backward_layer
	I, H     int  // inputs, and units of each direction
}

// NewBidirectional lays out the two GRUs of I inputs and H units each in p, under Keras' names
// name+"/forward_gru/…" and name+"/backward_gru/…".
func NewBidirectional(p *Params, name string, I, H int) *Bidirectional {
	return &Bidirectional{I: I, H: H,
		Fwd: NewGRU(p, name+"/forward_gru", I, H),
		Bwd: NewGRU(p, name+"/backward_gru", I, H),
	}
}

// BidirectionalCache keeps what backward needs of one forward pass over T steps of B sequences.
type BidirectionalCache struct {
	T, B          int
	Fwd, Bwd      *GRUCache
	xr            []float32 // (T·B, I) the input, steps reversed
	mr, mrBuf     []bool    // (T·B) the mask, steps reversed; mr is nil without a mask
	out           []float32 // (T·B, 2H)
	dOutF, dOutBr []float32 // (T·B, H) each direction's share of dOut, the backward's reversed
	dxr           []float32 // (T·B, I) the backward GRU's input gradient, steps reversed
	dFinalF       []float32 // (B, H) each direction's share of dFinal
	dFinalB       []float32
}

// NewBidirectionalCache makes the buffers of l over T steps of B sequences.
func NewBidirectionalCache(l *Bidirectional, T, B int) *BidirectionalCache {
	H, I := l.H, l.I
	return &BidirectionalCache{T: T, B: B,
		Fwd: NewGRUCache(T, B, H), Bwd: NewGRUCache(T, B, H),
		xr:    make([]float32, T*B*I),
		out:   make([]float32, T*B*2*H),
		dOutF: make([]float32, T*B*H), dOutBr: make([]float32, T*B*H),
		dxr:     make([]float32, T*B*I),
		mrBuf:   make([]bool, T*B),
		dFinalF: make([]float32, B*H), dFinalB: make([]float32, B*H),
	}
}

// Outputs is the (T·B, 2H) output of the last Forward, a view into the cache.
func (c *BidirectionalCache) Outputs() []float32 { return c.out }

// reverseSteps writes into dst (T·B, n) the rows of src with the steps in reverse order.
func reverseSteps[E any](dst, src []E, T, B, n int) {
	for t := range T {
		copy(dst[(T-1-t)*B*n:(T-t)*B*n], src[t*B*n:(t+1)*B*n])
	}
}

// Forward runs both directions over x (T·B, I) from zero states; mask (T·B; nil when every step
// is real) marks the real steps.
func (l *Bidirectional) Forward(c *BidirectionalCache, x []float32, mask []bool, mm Gemm) {
	T, B, H := c.T, c.B, l.H
	reverseSteps(c.xr, x, T, B, l.I)
	c.mr = nil
	if mask != nil {
		c.mr = c.mrBuf
		reverseSteps(c.mr, mask, T, B, 1)
	}
	l.Fwd.Forward(c.Fwd, x, nil, mask, mm)
	l.Bwd.Forward(c.Bwd, c.xr, nil, c.mr, mm)
	of, ob := c.Fwd.Outputs(), c.Bwd.Outputs()
	for t := range T {
		for b := range B {
			r, rr := t*B+b, (T-1-t)*B+b
			copy(c.out[r*2*H:r*2*H+H], of[r*H:(r+1)*H])
			copy(c.out[r*2*H+H:(r+1)*2*H], ob[rr*H:(rr+1)*H])
		}
	}
}

// Final is the (B, 2H) final state of each direction side by side, the forward one first: the
// forward GRU's after each sequence's last real step, the backward one's after its first. It is
// a copy, written into dst.
func (c *BidirectionalCache) Final(dst []float32) {
	f, b := c.Fwd.Final(), c.Bwd.Final()
	H := c.Fwd.H
	for s := range c.B {
		copy(dst[s*2*H:s*2*H+H], f[s*H:(s+1)*H])
		copy(dst[s*2*H+H:(s+1)*2*H], b[s*H:(s+1)*H])
	}
}

// Backward takes dOut (T·B, 2H) and dFinal (B, 2H; nil is zero), the gradients with respect to
// the outputs and to the final states as Final lays them out; it adds both GRUs' weight
// gradients into P.Grad and, if dx is not nil, writes the input gradient dx (T·B, I). x is the
// input of the Forward that filled c.
func (l *Bidirectional) Backward(dx []float32, c *BidirectionalCache, dOut, dFinal, x []float32, mm Gemm) {
	T, B, H, I := c.T, c.B, l.H, l.I
	for t := range T {
		for b := range B {
			r, rr := t*B+b, (T-1-t)*B+b
			copy(c.dOutF[r*H:(r+1)*H], dOut[r*2*H:r*2*H+H])
			copy(c.dOutBr[rr*H:(rr+1)*H], dOut[r*2*H+H:(r+1)*2*H])
		}
	}
	var dff, dfb []float32
	if dFinal != nil {
		dff, dfb = c.dFinalF, c.dFinalB
		for s := range B {
			copy(dff[s*H:(s+1)*H], dFinal[s*2*H:s*2*H+H])
			copy(dfb[s*H:(s+1)*H], dFinal[s*2*H+H:(s+1)*2*H])
		}
	}
	if dx == nil {
		l.Fwd.Backward(nil, c.Fwd, c.dOutF, dff, x, mm)
		l.Bwd.Backward(nil, c.Bwd, c.dOutBr, dfb, c.xr, mm)
		return
	}
	l.Fwd.Backward(dx, c.Fwd, c.dOutF, dff, x, mm)
	l.Bwd.Backward(c.dxr, c.Bwd, c.dOutBr, dfb, c.xr, mm)
	for t := range T {
		dst, src := dx[t*B*I:(t+1)*B*I], c.dxr[(T-1-t)*B*I:(T-t)*B*I]
		for i, v := range src {
			dst[i] += v
		}
	}
}

// Init fills both GRUs as Keras does, the forward one first.
func (l *Bidirectional) Init(rng *rand.Rand) {
	l.Fwd.Init(rng)
	l.Bwd.Init(rng)
}
