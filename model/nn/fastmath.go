package nn

import "math"

// Float32 exp, tanh and sigmoid for the GRU and attention, whose float64 math.Tanh and math.Exp
// were a tenth of the question model's training and most of its beam search's non-GEMM time.
// They follow Cephes' expf and tanhf (S. Moshier): a polynomial on a reduced range, within a few
// float32 ulps of the exact value (TestFastMath). The LSTM keeps math's, so that the text
// generator's golden outputs stay bit for bit.

// expf is e^x for x in float32's range; it is 0 below −87.3 and +Inf above 88.7.
func expf(x float32) float32 {
	switch {
	case x > 88.72283:
		return float32(math.Inf(1))
	case x < -87.33654:
		return 0
	}
	n := float32(math.Floor(float64(x*1.44269504088896341 + 0.5))) // x·log2(e), rounded
	x -= n * 0.693359375                                           // ln 2 in two parts, so that the
	x -= n * -2.12194440e-4                                        // reduction loses no bits
	z := x * x
	y := ((((((1.9875691500e-4*x+1.3981999507e-3)*x+8.3334519073e-3)*x+4.1665795894e-2)*x+
		1.6666665459e-1)*x+5.0000001201e-1)*z + x + 1)
	e := int32(n) + 127
	if e <= 0 { // a subnormal result: scale in two steps
		return y * math.Float32frombits(uint32(e+64)<<23) * 0x1p-64
	}
	return y * math.Float32frombits(uint32(e)<<23)
}

// tanhf is tanh(x): an odd polynomial below 0.625, 1 − 2/(e^{2|x|} + 1) above.
func tanhf(x float32) float32 {
	a := x
	if a < 0 {
		a = -a
	}
	switch {
	case a > 9: // 1 − tanh(9) is below half a float32 ulp of 1
		a = 1
	case a >= 0.625:
		a = 1 - 2/(expf(2*a)+1)
	default:
		z := x * x
		return ((((-5.70498872745e-3*z+2.06390887954e-2)*z-5.37397155531e-2)*z+
			1.33314422036e-1)*z-3.33332819422e-1)*z*x + x
	}
	if x < 0 {
		return -a
	}
	return a
}

// sigmoidf is 1/(1 + e^−x).
func sigmoidf(x float32) float32 { return 1 / (1 + expf(-x)) }
