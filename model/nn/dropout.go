package nn

import "math/rand/v2"

// DropoutForward is Keras' inverted dropout at rate p: each element is kept with probability 1-p
// and scaled by 1/(1-p), so that nothing changes at inference. mask (like in) keeps each factor
// for backward. It draws one number from rng per element, in order.
func DropoutForward(out, mask, in []float32, p float32, rng *rand.Rand) {
	scale := 1 / (1 - p)
	for i := range in {
		m := scale
		if rng.Float32() < p {
			m = 0
		}
		mask[i] = m
		out[i] = in[i] * m
	}
}

// DropoutBackward: din = dout ⊙ mask.
func DropoutBackward(din, dout, mask []float32) {
	for i := range dout {
		din[i] = dout[i] * mask[i]
	}
}
