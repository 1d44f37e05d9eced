package nn

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkRecurrent runs forward and backward of each recurrent layer over the book model's
// batch (T 20, B 32, I 100, H 256), so that what each cell costs shows apart from the rest of a
// training step.
func BenchmarkRecurrent(b *testing.B) {
	const T, B, I, H = 20, 32, 100, 256
	rng := rand.New(rand.NewPCG(1, 2))
	x, dh, dx := make([]float32, T*B*I), make([]float32, T*B*H), make([]float32, T*B*I)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	for i := range dh {
		dh[i] = float32(rng.NormFloat64())
	}
	type layer struct {
		name string
		make func(p *Params) func()
	}
	for _, l := range []layer{
		{"lstm", func(p *Params) func() {
			l := NewLSTM(p, "l", I, H)
			p.Alloc()
			l.Init(rng)
			c := NewLSTMCache(T, B, H)
			return func() { l.Forward(c, x, DefaultGemm); l.Backward(dx, c, dh, x, DefaultGemm) }
		}},
		{"gru-reset-before", func(p *Params) func() {
			l := NewGRUWith(p, "l", I, H, false)
			p.Alloc()
			l.Init(rng)
			c := NewGRUCache(T, B, H)
			return func() { l.Forward(c, x, nil, nil, DefaultGemm); l.Backward(dx, c, dh, nil, x, DefaultGemm) }
		}},
		{"gru-reset-after", func(p *Params) func() {
			l := NewGRU(p, "l", I, H)
			p.Alloc()
			l.Init(rng)
			c := NewGRUCache(T, B, H)
			return func() { l.Forward(c, x, nil, nil, DefaultGemm); l.Backward(dx, c, dh, nil, x, DefaultGemm) }
		}},
		{"simple", func(p *Params) func() {
			l := NewSimpleRNN(p, "l", I, H)
			p.Alloc()
			l.Init(rng)
			c := NewSimpleRNNCache(T, B, H)
			return func() { l.Forward(c, x, nil, nil, DefaultGemm); l.Backward(dx, c, dh, nil, x, DefaultGemm) }
		}},
	} {
		b.Run(l.name, func(b *testing.B) {
			var p Params
			step := l.make(&p)
			step()
			for b.Loop() {
				step()
			}
		})
	}
}
