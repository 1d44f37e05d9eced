package model

import "math/rand/v2"

// dropoutForward is Keras' inverted dropout: each element is kept with probability 1-p and scaled
// by 1/(1-p), so that nothing changes at inference. mask (R, H) keeps the factor for backward.
func dropoutForward(out, mask, in []float32, p float32, rng *rand.Rand) {
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

// dropoutBackward: din = dout ⊙ mask.
func dropoutBackward(din, dout, mask []float32) {
	for i := range dout {
		din[i] = dout[i] * mask[i]
	}
}
