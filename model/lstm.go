package model

import "math"

// An LSTM layer with Keras' conventions: kernel W (I, 4H), recurrent kernel U (H, 4H), bias (4H),
// gates in the order i, f, c, o:
//
//	z = x·W + h₋·U + b;  i, f, o = σ(z_i, z_f, z_o);  g = tanh(z_c)
//	c = f⊙c₋ + i⊙g;      h = o⊙tanh(c)
//
// Inputs for all time steps go through one GEMM ((T·B, I)·(I, 4H)); only the recurrent product
// (B, H)·(H, 4H) runs per step. Backward gathers the per-step gate gradients and again makes the
// weight gradients with one GEMM each.

// lstmCache keeps what backward needs, all time-major.
type lstmCache struct {
	gates []float32 // (T·B, 4H) activated i, f, g, o: their derivatives come from these
	c     []float32 // ((T+1)·B, H) cell states, c₀ = 0: df needs c₋, backward needs c
	h     []float32 // ((T+1)·B, H) outputs, h₀ = 0: rows [0, T·B) are h₋ for the dU GEMM
	tc    []float32 // (T·B, H) tanh(c), kept to avoid recomputing it in backward
	dz    []float32 // (T·B, 4H) gate pre-activation gradients, for the dW and dU GEMMs
	dh    []float32 // (B, H) gradient flowing from step t to t-1 through h
	dc    []float32 // (B, H) gradient flowing from step t to t-1 through c
}

func newLSTMCache(T, B, H int) lstmCache {
	return lstmCache{
		gates: make([]float32, T*B*4*H),
		c:     make([]float32, (T+1)*B*H),
		h:     make([]float32, (T+1)*B*H),
		tc:    make([]float32, T*B*H),
		dz:    make([]float32, T*B*4*H),
		dh:    make([]float32, B*H),
		dc:    make([]float32, B*H),
	}
}

// lstmFault breaks one part of backward on purpose, so that a test can show that the gradient
// checks catch it. It is always lstmNoFault outside those tests.
type lstmFault int

const (
	lstmNoFault lstmFault = iota
	lstmFaultGateI
	lstmFaultGateF
	lstmFaultGateC
	lstmFaultGateO
	lstmFaultRecurrent
)

// lstmForward runs T steps over x (T·B, I) from zero state, filling cache; the outputs are
// cache.h rows [B, (T+1)·B).
func lstmForward(cache *lstmCache, x, w, u, bias []float32, T, B, I, H int, mm Gemm) {
	G := 4 * H
	z := cache.gates[:T*B*G]
	for r := range T * B {
		copy(z[r*G:(r+1)*G], bias)
	}
	mm.NN(T*B, G, I, x, w, z)
	clear(cache.c[:B*H])
	clear(cache.h[:B*H])
	for t := range T {
		zt := z[t*B*G : (t+1)*B*G]
		mm.NN(B, G, H, cache.h[t*B*H:(t+1)*B*H], u, zt)
		DefaultVector.LSTMCell(zt, cache.c[t*B*H:(t+1)*B*H], cache.c[(t+1)*B*H:(t+2)*B*H],
			cache.h[(t+1)*B*H:(t+2)*B*H], cache.tc[t*B*H:(t+1)*B*H], B, H)
	}
}

// LSTMCellTail activates the gates z (B, 4H) in place and computes c and h (B, H) from cPrev,
// for the units from j0 of each window: all of them in the pure-Go Vector, what is left by a
// kernel that works four units at a time in the SIMD one.
func LSTMCellTail(z, cPrev, c, h, tc []float32, B, H, j0 int) {
	G := 4 * H
	for b := range B {
		zb := z[b*G : (b+1)*G]
		zi, zf, zc, zo := zb[:H], zb[H:2*H], zb[2*H:3*H], zb[3*H:G]
		cp, cb, hb, tb := cPrev[b*H:(b+1)*H], c[b*H:(b+1)*H], h[b*H:(b+1)*H], tc[b*H:(b+1)*H]
		for j := j0; j < H; j++ {
			i, f, g, o := sigmoid(zi[j]), sigmoid(zf[j]), tanh(zc[j]), sigmoid(zo[j])
			zi[j], zf[j], zc[j], zo[j] = i, f, g, o
			cj := f*cp[j] + i*g
			t := tanh(cj)
			cb[j], tb[j], hb[j] = cj, t, o*t
		}
	}
}

// lstmBackward takes dhOut (T·B, H), the gradient of the loss with respect to each output h_t
// (rows of steps that feed nothing are zero), adds the weight gradients into dw, du, dbias and,
// if dx is not nil, writes the input gradient dx (T·B, I).
func lstmBackward(dx, dw, du, dbias []float32, cache *lstmCache, dhOut, x, w, u []float32,
	T, B, I, H int, mm Gemm, fault lstmFault) {
	G := 4 * H
	clear(cache.dh)
	clear(cache.dc)
	for t := T - 1; t >= 0; t-- {
		gates := cache.gates[t*B*G : (t+1)*B*G]
		dz := cache.dz[t*B*G : (t+1)*B*G]
		cPrev := cache.c[t*B*H : (t+1)*B*H]
		tc := cache.tc[t*B*H : (t+1)*B*H]
		dho := dhOut[t*B*H : (t+1)*B*H]
		for b := range B {
			gb, db := gates[b*G:(b+1)*G], dz[b*G:(b+1)*G]
			for j := range H {
				k := b*H + j
				i, f, g, o := gb[j], gb[H+j], gb[2*H+j], gb[3*H+j]
				dh := dho[k] + cache.dh[k]
				if fault == lstmFaultRecurrent {
					dh = dho[k]
				}
				tcj := tc[k]
				do := dh * tcj
				dc := cache.dc[k] + dh*o*(1-tcj*tcj)
				di, df, dg := dc*g, dc*cPrev[k], dc*i
				cache.dc[k] = dc * f
				db[j] = di * i * (1 - i)
				db[H+j] = df * f * (1 - f)
				db[2*H+j] = dg * (1 - g*g)
				db[3*H+j] = do * o * (1 - o)
				switch fault {
				case lstmFaultGateI:
					db[j] = di * (1 - i)
				case lstmFaultGateF:
					db[H+j] = df * f
				case lstmFaultGateC:
					db[2*H+j] = dg
				case lstmFaultGateO:
					db[3*H+j] = do * o
				}
			}
		}
		// dh₋ = dz·Uᵀ: (B, 4H)·(4H, H)
		clear(cache.dh)
		mm.NT(B, H, G, dz, u, cache.dh)
	}
	dz := cache.dz[:T*B*G]
	for r := range T * B {
		for j, v := range dz[r*G : (r+1)*G] {
			dbias[j] += v
		}
	}
	mm.TN(H, G, T*B, cache.h[:T*B*H], dz, du) // dU += h₋ᵀ·dz
	mm.TN(I, G, T*B, x, dz, dw)               // dW += xᵀ·dz
	if dx != nil {
		clear(dx[:T*B*I])
		mm.NT(T*B, I, G, dz, w, dx) // dx = dz·Wᵀ
	}
}

// lstmStep advances a state (h, c) (B, H) by one input x (B, I), for generation; z is scratch
// (B, 4H) and tc scratch (B, H).
func lstmStep(h, c, z, tc, x, w, u, bias []float32, B, I, H int, mm Gemm) {
	G := 4 * H
	for b := range B {
		copy(z[b*G:(b+1)*G], bias)
	}
	mm.NN(B, G, I, x, w, z)
	mm.NN(B, G, H, h, u, z)
	DefaultVector.LSTMCell(z, c, c, h, tc, B, H)
}

func sigmoid(x float32) float32 { return float32(1 / (1 + math.Exp(-float64(x)))) }
func tanh(x float32) float32    { return float32(math.Tanh(float64(x))) }
