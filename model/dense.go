package model

// denseForward: out (R, V) = in (R, H)·W (H, V) + b (V).
func denseForward(out, in, w, b []float32, R, H, V int, mm Gemm) {
	for r := range R {
		copy(out[r*V:(r+1)*V], b)
	}
	mm.NN(R, V, H, in, w, out)
}

// denseBackward adds dW += inᵀ·dout and db += Σ rows of dout, and writes din = dout·Wᵀ.
func denseBackward(din, dw, db, dout, in, w []float32, R, H, V int, mm Gemm) {
	mm.TN(H, V, R, in, dout, dw)
	for r := range R {
		for j, v := range dout[r*V : (r+1)*V] {
			db[j] += v
		}
	}
	clear(din[:R*H])
	mm.NT(R, H, V, dout, w, din)
}
