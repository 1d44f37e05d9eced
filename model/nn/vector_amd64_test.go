//go:build !purego

package nn

import (
	"math"
	"math/rand/v2"
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
