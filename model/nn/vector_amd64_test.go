//go:build !purego

package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestAVXVectorMatchesGo holds AVXVector's lanes to expf and tanhf bit for bit, and its sums to
// the pure-Go ones within rounding, on lengths around every multiple of eight and on arguments
// across both of tanhf's branches, both signs and past its cap.
func TestAVXVectorMatchesGo(t *testing.T) {
	if !hasAVX2 {
		t.Skip("this CPU has no AVX2 and FMA")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	arg := func() float32 {
		switch rng.IntN(4) {
		case 0:
			return float32(rng.NormFloat64() * 0.3) // tanhf's polynomial
		case 1:
			return float32(rng.NormFloat64() * 3)
		case 2:
			return float32(rng.NormFloat64() * 12) // past the cap at 9
		}
		return 0
	}
	for _, n := range []int{1, 7, 8, 9, 15, 16, 17, 31, 64, 100, 4169} {
		t.Run("ExpSub", func(t *testing.T) {
			x := make([]float32, n)
			for i := range x {
				x[i] = arg() * 8
			}
			m := float32(2.5)
			want := make([]float32, n)
			var wantSum float64
			for i, v := range x {
				want[i] = expf(min(max(v-m, -87.33654), 88.37626))
				wantSum += float64(want[i])
			}
			sum := AVXVector.ExpSub(x, m)
			for i := range x {
				if math.Float32bits(x[i]) != math.Float32bits(want[i]) {
					t.Fatalf("n=%d: e^(x[%d] - m) = %g; expf gives %g", n, i, x[i], want[i])
				}
			}
			if math.Abs(sum-wantSum) > 1e-12*wantSum {
				t.Errorf("n=%d: sum %g; want %g", n, sum, wantSum)
			}
		})
		t.Run("TanhDot", func(t *testing.T) {
			const rows, stride = 3, 5 // rows overlap unless stride ≥ A: the kernel must not care
			A := n
			pk := make([]float32, (rows-1)*(A+stride)+A)
			pq := make([]float32, A)
			for i := range pk {
				pk[i] = arg()
			}
			for i := range pq {
				pq[i] = arg()
			}
			// One-hot v picks out one lane's tanh, exactly: 0·tanh adds nothing.
			for _, a := range []int{0, A / 2, A - 1} {
				v := make([]float32, A)
				v[a] = 1
				got, want := make([]float32, rows), make([]float32, rows)
				AVXVector.TanhDot(got, pk, A+stride, pq, v)
				TanhDotTail(want, pk, A+stride, pq, v, 0)
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("A=%d: row %d, lane %d: tanh = %g; tanhf gives %g", A, i, a, got[i], want[i])
					}
				}
			}
			v := make([]float32, A)
			var scale float64
			for i := range v {
				v[i] = float32(rng.NormFloat64())
				scale += math.Abs(float64(v[i]))
			}
			got, want := make([]float32, rows), make([]float32, rows)
			AVXVector.TanhDot(got, pk, A+stride, pq, v)
			TanhDotTail(want, pk, A+stride, pq, v, 0)
			for i := range got {
				if math.Abs(float64(got[i]-want[i])) > 1e-6*scale {
					t.Errorf("A=%d: row %d: %g; pure Go gives %g", A, i, got[i], want[i])
				}
			}
		})
	}
}

// lstmCellF32 is LSTMCellTail with Cephes' float32 sigmoid and tanh: what AVXVector's lanes
// compute, operation for operation.
func lstmCellF32(z, cPrev, c, h, tc []float32, B, H int) {
	G := 4 * H
	for b := range B {
		zb := z[b*G : (b+1)*G]
		for j := range H {
			i, f, g, o := sigmoidf(zb[j]), sigmoidf(zb[H+j]), tanhf(zb[2*H+j]), sigmoidf(zb[3*H+j])
			zb[j], zb[H+j], zb[2*H+j], zb[3*H+j] = i, f, g, o
			k := b*H + j
			cj := f*cPrev[k] + i*g
			t := tanhf(cj)
			c[k], tc[k], h[k] = cj, t, o*t
		}
	}
}

// TestAVXLSTMCellMatchesGo holds AVXVector's LSTM cell to Cephes' float32 functions bit for bit
// in its lanes and to GoVector's float64 ones within a few ulp, with c₋ apart from c and the same
// slice (as generation passes it), on widths around multiples of eight, where the last H mod 8
// units of each row are GoVector's.
func TestAVXLSTMCellMatchesGo(t *testing.T) {
	if !hasAVX2 {
		t.Skip("this CPU has no AVX2 and FMA")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for _, H := range []int{1, 7, 8, 9, 16, 23, 64, 256} {
		for _, alias := range []bool{false, true} {
			const B = 3
			G := 4 * H
			z := make([]float32, B*G)
			for i := range z {
				z[i] = float32(rng.NormFloat64() * 4) // both of tanhf's branches, past its cap
			}
			cp := make([]float32, B*H)
			for i := range cp {
				cp[i] = float32(rng.NormFloat64() * 2)
			}
			type state struct{ z, cp, c, h, tc []float32 }
			fresh := func() state {
				s := state{slices.Clone(z), slices.Clone(cp), make([]float32, B*H), make([]float32, B*H), make([]float32, B*H)}
				if alias {
					s.c = s.cp
				}
				return s
			}
			got, lanes, exact := fresh(), fresh(), fresh()
			AVXVector.LSTMCell(got.z, got.cp, got.c, got.h, got.tc, B, H)
			lstmCellF32(lanes.z, lanes.cp, lanes.c, lanes.h, lanes.tc, B, H)
			GoVector.LSTMCell(exact.z, exact.cp, exact.c, exact.h, exact.tc, B, H)
			for _, part := range []struct {
				name              string
				got, lanes, exact []float32
				width             int
			}{{"gates", got.z, lanes.z, exact.z, G}, {"c", got.c, lanes.c, exact.c, H}, {"h", got.h, lanes.h, exact.h, H}, {"tanh c", got.tc, lanes.tc, exact.tc, H}} {
				for i, v := range part.got {
					want := part.lanes[i]
					if i%H >= H&^7 { // past the lanes: GoVector's own tail
						want = part.exact[i]
					}
					if math.Float32bits(v) != math.Float32bits(want) {
						t.Fatalf("H=%d alias=%v: %s[%d] = %g; want %g", H, alias, part.name, i, v, want)
					}
					if d := math.Abs(float64(v - part.exact[i])); d > 4e-7*max(1, math.Abs(float64(part.exact[i]))) {
						t.Errorf("H=%d alias=%v: %s[%d] = %g; GoVector gives %g", H, alias, part.name, i, v, part.exact[i])
					}
				}
			}
		}
	}
}

// TestAVXOptimizerPassesMatchGo holds AVXVector's RMSprop and Add to GoVector's bit for bit, as
// the Vector contract asks, and its SumSquares to GoVector's within rounding, on lengths around
// multiples of eight.
func TestAVXOptimizerPassesMatchGo(t *testing.T) {
	if !hasAVX2 {
		t.Skip("this CPU has no AVX2 and FMA")
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for _, n := range []int{1, 7, 8, 9, 17, 100, 4169} {
		p, g, ms := make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range p {
			p[i], g[i], ms[i] = float32(rng.NormFloat64()), float32(rng.NormFloat64()*1e-2), float32(rng.Float64()*1e-3)
		}
		gp, gms := slices.Clone(p), slices.Clone(ms)
		for range 3 {
			AVXVector.RMSprop(p, g, ms, 0.001, 0.9, 1e-7)
			GoVector.RMSprop(gp, g, gms, 0.001, 0.9, 1e-7)
		}
		for i := range p {
			if math.Float32bits(p[i]) != math.Float32bits(gp[i]) || math.Float32bits(ms[i]) != math.Float32bits(gms[i]) {
				t.Fatalf("n=%d: RMSprop gives p[%d] = %g, ms = %g; GoVector gives %g, %g", n, i, p[i], ms[i], gp[i], gms[i])
			}
		}
		sum, gsum := slices.Clone(p), slices.Clone(p)
		AVXVector.Add(sum, g)
		GoVector.Add(gsum, g)
		for i := range sum {
			if math.Float32bits(sum[i]) != math.Float32bits(gsum[i]) {
				t.Fatalf("n=%d: Add gives %g at %d; GoVector gives %g", n, sum[i], i, gsum[i])
			}
		}
		got, want := AVXVector.SumSquares(g), GoVector.SumSquares(g)
		if math.Abs(got-want) > 1e-12*want {
			t.Errorf("n=%d: SumSquares %g; GoVector gives %g", n, got, want)
		}
	}
}
