package nn

import "math"

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
// A model lays out its tensors with Add, in a fixed order (a model file's weights follow it), then
// calls Alloc once.
type Params struct {
	Data    []float32
	Grad    []float32
	Tensors []Tensor
}

// Add appends a tensor of the given shape after the last one and returns its view. It allocates
// nothing: Alloc does, once every tensor is laid out.
func (p *Params) Add(name string, shape ...int) Tensor {
	t := Tensor{Name: name, Shape: shape}
	if len(p.Tensors) > 0 {
		last := p.Tensors[len(p.Tensors)-1]
		t.Off = last.Off + last.Size()
	}
	p.Tensors = append(p.Tensors, t)
	return t
}

// Alloc makes Data and Grad, zero, for the tensors laid out so far.
func (p *Params) Alloc() {
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
