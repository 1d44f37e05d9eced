package lm

import (
	"fmt"
	"math/rand/v2"

	"fabulist/model/nn"
)

// Cell names the recurrent cell of every layer of the text generator.
type Cell string

const (
	// CellSimple is Keras' SimpleRNN, h = tanh(x·W + h₋·U + b): the chapter's starting point,
	// whose gradient through time vanishes over long windows.
	CellSimple Cell = "simple"
	// CellLSTM is Keras' LSTM, the book's cell, and the only one before the setting existed.
	CellLSTM Cell = "lstm"
	// CellGRU is Keras' GRU with reset_after=False, the original paper's form: the only one
	// TF.js implements, so that the export computes what the engine does. (Keras' default,
	// reset_after=True, which the question model uses, differs in where the reset gate acts.)
	CellGRU Cell = "gru"
)

// Valid reports whether c is one of the cells.
func (c Cell) Valid() bool { return c == CellSimple || c == CellLSTM || c == CellGRU }

// keras is the cell's Keras (and TF.js) layer class and the name Keras gives its first layer.
func (c Cell) keras() (class, name string) {
	switch c {
	case CellSimple:
		return "SimpleRNN", "simple_rnn"
	case CellGRU:
		return "GRU", "gru"
	}
	return "LSTM", "lstm"
}

// layerName is Keras' automatic name of recurrent layer l (from 0): lstm, lstm_1, lstm_2, …
func (c Cell) layerName(l int) string {
	_, name := c.keras()
	if l > 0 {
		name = fmt.Sprintf("%s_%d", name, l)
	}
	return name
}

// gates is the width of a layer's input projection for H units: 4H, 3H or H.
func (c Cell) gates(H int) int {
	switch c {
	case CellSimple:
		return H
	case CellGRU:
		return 3 * H
	}
	return 4 * H
}

// paramCount is the parameters of one layer of the cell from I inputs to H units.
func (c Cell) paramCount(I, H int) int {
	G := c.gates(H)
	return I*G + H*G + G
}

// recurrent is one recurrent layer of a Net, whichever its cell.
type recurrent interface {
	init(rng *rand.Rand)
	// input is the input's kernel (I, G) and bias (G): a generator keeps x·W + b per token.
	input() (w, b []float32)
	newCache(T, B int) layerCache
	// forward runs T steps over x (T·B, I) from zero state.
	forward(c layerCache, x []float32, mm nn.Gemm)
	// backward adds the weight gradients of dh (T·B, H) and writes dx (T·B, I).
	backward(dx []float32, c layerCache, dh, x []float32, mm nn.Gemm)
	newState(B int) *cellState
	// advance moves s by one step given the input's projection z (B, G), which it overwrites.
	advance(s *cellState, z []float32, B int, mm nn.Gemm)
}

// layerCache is a layer's record of one forward pass; Outputs are its (T·B, H) outputs.
type layerCache interface{ Outputs() []float32 }

// cellState is the state of B sequences between steps: h (B, H), the LSTM's c and tanh c (B, H),
// and the GRU's scratch s (B, 3H).
type cellState struct{ h, c, tc, s []float32 }

func (s *cellState) reset() {
	clear(s.h)
	clear(s.c)
}

// newRecurrent lays out a layer of cell from I inputs to H units in p under name.
func newRecurrent(cell Cell, p *nn.Params, name string, I, H int) recurrent {
	switch cell {
	case CellSimple:
		return simpleLayer{nn.NewSimpleRNN(p, name, I, H)}
	case CellGRU:
		return gruLayer{nn.NewGRUWith(p, name, I, H, false)}
	}
	return lstmLayer{nn.NewLSTM(p, name, I, H)}
}

type lstmLayer struct{ *nn.LSTM }

func (l lstmLayer) init(rng *rand.Rand)          { l.Init(rng) }
func (l lstmLayer) input() (w, b []float32)      { return l.P.W(l.Kernel), l.P.W(l.Bias) }
func (l lstmLayer) newCache(T, B int) layerCache { return nn.NewLSTMCache(T, B, l.H) }
func (l lstmLayer) forward(c layerCache, x []float32, mm nn.Gemm) {
	l.Forward(c.(*nn.LSTMCache), x, mm)
}
func (l lstmLayer) backward(dx []float32, c layerCache, dh, x []float32, mm nn.Gemm) {
	l.Backward(dx, c.(*nn.LSTMCache), dh, x, mm)
}
func (l lstmLayer) newState(B int) *cellState {
	return &cellState{h: make([]float32, B*l.H), c: make([]float32, B*l.H), tc: make([]float32, B*l.H)}
}
func (l lstmLayer) advance(s *cellState, z []float32, B int, mm nn.Gemm) {
	l.Advance(s.h, s.c, z, s.tc, B, mm)
}

type gruLayer struct{ *nn.GRU }

func (l gruLayer) init(rng *rand.Rand)          { l.Init(rng) }
func (l gruLayer) input() (w, b []float32)      { return l.P.W(l.Kernel), l.P.W(l.Bias)[:3*l.H] }
func (l gruLayer) newCache(T, B int) layerCache { return nn.NewGRUCache(T, B, l.H) }
func (l gruLayer) forward(c layerCache, x []float32, mm nn.Gemm) {
	l.Forward(c.(*nn.GRUCache), x, nil, nil, mm)
}
func (l gruLayer) backward(dx []float32, c layerCache, dh, x []float32, mm nn.Gemm) {
	l.Backward(dx, c.(*nn.GRUCache), dh, nil, x, mm)
}
func (l gruLayer) newState(B int) *cellState {
	return &cellState{h: make([]float32, B*l.H), s: make([]float32, B*3*l.H)}
}
func (l gruLayer) advance(s *cellState, z []float32, B int, mm nn.Gemm) {
	l.Advance(s.h, z, s.s, B, mm)
}

type simpleLayer struct{ *nn.SimpleRNN }

func (l simpleLayer) init(rng *rand.Rand)          { l.Init(rng) }
func (l simpleLayer) input() (w, b []float32)      { return l.P.W(l.Kernel), l.P.W(l.Bias) }
func (l simpleLayer) newCache(T, B int) layerCache { return nn.NewSimpleRNNCache(T, B, l.H) }
func (l simpleLayer) forward(c layerCache, x []float32, mm nn.Gemm) {
	l.Forward(c.(*nn.SimpleRNNCache), x, nil, nil, mm)
}
func (l simpleLayer) backward(dx []float32, c layerCache, dh, x []float32, mm nn.Gemm) {
	l.Backward(dx, c.(*nn.SimpleRNNCache), dh, nil, x, mm)
}
func (l simpleLayer) newState(B int) *cellState { return &cellState{h: make([]float32, B*l.H)} }
func (l simpleLayer) advance(s *cellState, z []float32, B int, mm nn.Gemm) {
	l.Advance(s.h, z, B, mm)
}
