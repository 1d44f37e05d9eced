package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Keras' initialisers. Each draws from rng in index order, so that the same seed gives the same
// weights on every platform.

// GlorotUniform fills w, a (fanIn, fanOut) kernel, from U(±sqrt(6/(fanIn+fanOut))): Keras'
// GlorotUniform, the default kernel initialiser of its Dense and LSTM layers.
func GlorotUniform(w []float32, fanIn, fanOut int, rng *rand.Rand) {
	Uniform(w, float32(math.Sqrt(6/float64(fanIn+fanOut))), rng)
}

// Uniform fills w from U(±limit) (Keras' RandomUniform; its Embedding takes limit 0.05).
func Uniform(w []float32, limit float32, rng *rand.Rand) {
	for i := range w {
		w[i] = (2*rng.Float32() - 1) * limit
	}
}

// Orthogonal fills w, a (rows, cols) matrix, as Keras' Orthogonal initializer does for
// rows ≤ cols: the rows are orthonormal. The random matrix is drawn with only additions and
// multiplications (an Irwin–Hall approximation of a normal), so the same seed gives the same bits
// on every platform; math.Log and friends have assembly on some and not others. It panics when
// rows > cols.
func Orthogonal(w []float32, rows, cols int, rng *rand.Rand) {
	if rows > cols {
		panic(fmt.Sprintf("nn: orthogonal init wants rows ≤ cols, got %d×%d", rows, cols))
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
