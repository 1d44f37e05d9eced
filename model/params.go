package model

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Tensor is a named view into Params.Data (and, at the same offset, Params.Grad).
type Tensor struct {
	Name  string // Keras' weight name, e.g. "lstm/lstm_cell/kernel"
	Shape []int
	Off   int
}

// Size is the number of elements.
func (t Tensor) Size() int {
	n := 1
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Params holds every parameter in one flat slice and every gradient in another of the same
// length, so that the optimizer, clipping, checkpoints and gradient checks are each one loop.
type Params struct {
	Data    []float32
	Grad    []float32
	Tensors []Tensor
}

func (p *Params) add(name string, shape ...int) Tensor {
	t := Tensor{Name: name, Shape: shape}
	if len(p.Tensors) > 0 {
		last := p.Tensors[len(p.Tensors)-1]
		t.Off = last.Off + last.Size()
	}
	p.Tensors = append(p.Tensors, t)
	return t
}

func (p *Params) alloc() {
	last := p.Tensors[len(p.Tensors)-1]
	n := last.Off + last.Size()
	p.Data = make([]float32, n)
	p.Grad = make([]float32, n)
}

// W returns the weights of t.
func (p *Params) W(t Tensor) []float32 { return p.Data[t.Off : t.Off+t.Size()] }

// G returns the gradient of t.
func (p *Params) G(t Tensor) []float32 { return p.Grad[t.Off : t.Off+t.Size()] }

// ZeroGrad clears every gradient.
func (p *Params) ZeroGrad() { clear(p.Grad) }

// GradNorm is the global L2 norm of the gradient, accumulated in float64.
func (p *Params) GradNorm() float64 { return math.Sqrt(DefaultVector.SumSquares(p.Grad)) }

// glorotUniform fills w, a (fanIn, fanOut) kernel, from U(±sqrt(6/(fanIn+fanOut))).
func glorotUniform(w []float32, fanIn, fanOut int, rng *rand.Rand) {
	uniform(w, float32(math.Sqrt(6/float64(fanIn+fanOut))), rng)
}

func uniform(w []float32, limit float32, rng *rand.Rand) {
	for i := range w {
		w[i] = (2*rng.Float32() - 1) * limit
	}
}

// orthogonal fills w, a (rows, cols) matrix, as Keras' Orthogonal initializer does for rows ≤ cols:
// the rows are orthonormal. The random matrix is drawn with only additions and multiplications
// (an Irwin–Hall approximation of a normal), so the same seed gives the same bits on every
// platform; math.Log and friends have assembly on some and not others.
func orthogonal(w []float32, rows, cols int, rng *rand.Rand) {
	if rows > cols {
		panic(fmt.Sprintf("model: orthogonal init wants rows ≤ cols, got %d×%d", rows, cols))
	}
	q := make([]float64, rows*cols)
	for i := range q {
		var s float64
		for range 12 {
			s += rng.Float64()
		}
		q[i] = s - 6
	}
	// Modified Gram–Schmidt on the rows.
	for i := range rows {
		ri := q[i*cols : (i+1)*cols]
		for j := range i {
			rj := q[j*cols : (j+1)*cols]
			var d float64
			for k := range cols {
				d += ri[k] * rj[k]
			}
			for k := range cols {
				ri[k] -= d * rj[k]
			}
		}
		var n float64
		for _, v := range ri {
			n += v * v
		}
		n = math.Sqrt(n)
		for k := range ri {
			ri[k] /= n
		}
	}
	for i, v := range q {
		w[i] = float32(v)
	}
}
