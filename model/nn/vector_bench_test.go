package nn

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bookParams is the book's model's parameter count on Aesop (Embedding 4169×100, LSTM of 256
// units, Dense to 4169 words): the length of each pass over all parameters in a training step.
const bookParams = 4169*100 + 4*256*(100+256+1) + 256*4169 + 4169

// BenchmarkVector times the passes over every parameter that a data-parallel step makes on the
// coordinator alone, after the workers' shares: adding a helper's gradient, the gradient's norm
// and RMSprop, in ms per pass, with each Vector this build has. They are the serial part of a
// step that more workers do not shorten.
func BenchmarkVector(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	p, g, ms := make([]float32, bookParams), make([]float32, bookParams), make([]float32, bookParams)
	for i := range p {
		p[i], g[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*1e-3)
	}
	vecs := []Vector{GoVector}
	if DefaultVector != GoVector {
		vecs = append(vecs, DefaultVector)
	}
	for _, v := range vecs {
		for _, pass := range []struct {
			name string
			run  func()
		}{
			{"Add", func() { v.Add(p, g) }},
			{"SumSquares", func() { v.SumSquares(g) }},
			{"RMSprop", func() { v.RMSprop(p, g, ms, 1e-3, 0.9, 1e-7) }},
		} {
			b.Run(fmt.Sprintf("%s/%s", v.Name(), pass.name), func(b *testing.B) {
				for b.Loop() {
					pass.run()
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/pass")
			})
		}
	}
}
