package nn

import "math/rand/v2"

// Dense is Keras' Dense layer without its activation: out = in·W + b. Its tensors are views into P.
type Dense struct {
	P            *Params
	Kernel, Bias Tensor // (In, Out), (Out)
	In, Out      int
}

// NewDense lays out a dense layer from In to Out values in p, under Keras' weight names
// name+"/kernel" and name+"/bias".
func NewDense(p *Params, name string, in, out int) *Dense {
	return &Dense{P: p, Kernel: p.Add(name+"/kernel", in, out), Bias: p.Add(name+"/bias", out), In: in, Out: out}
}

// Init fills the layer as Keras does: a Glorot-uniform kernel and a zero bias.
func (l *Dense) Init(rng *rand.Rand) { GlorotUniform(l.P.W(l.Kernel), l.In, l.Out, rng) }

// Forward: out (R, Out) = in (R, In)·W (In, Out) + b (Out).
func (l *Dense) Forward(out, in []float32, R int, mm Gemm) {
	b, V := l.P.W(l.Bias), l.Out
	for r := range R {
		copy(out[r*V:(r+1)*V], b)
	}
	mm.NN(R, V, l.In, in, l.P.W(l.Kernel), out)
}

// Backward adds dW += inᵀ·dout and db += Σ rows of dout, and writes din (R, In) = dout·Wᵀ.
func (l *Dense) Backward(din, dout, in []float32, R int, mm Gemm) {
	H, V := l.In, l.Out
	mm.TN(H, V, R, in, dout, l.P.G(l.Kernel))
	db := l.P.G(l.Bias)
	for r := range R {
		for j, v := range dout[r*V : (r+1)*V] {
			db[j] += v
		}
	}
	clear(din[:R*H])
	mm.NT(R, H, V, dout, l.P.W(l.Kernel), din)
}
