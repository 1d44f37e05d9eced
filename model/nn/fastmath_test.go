package nn

import (
	"math"
	"testing"
)

// TestFastMath compares the float32 functions with math's float64 ones over their working range,
// in ulps of the exact result (absolute near 0, where tanh's ulps shrink without bound).
func TestFastMath(t *testing.T) {
	for _, c := range []struct {
		name  string
		f     func(float32) float32
		exact func(float64) float64
		lo    float32
		hi    float32
	}{
		{"expf", expf, math.Exp, -87, 88},
		{"tanhf", tanhf, math.Tanh, -20, 20},
		{"sigmoidf", sigmoidf, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -80, 80},
	} {
		t.Run(c.name, func(t *testing.T) {
			worst, at := 0.0, float32(0)
			for x := c.lo; x <= c.hi; x += (c.hi - c.lo) / 2e5 {
				want := c.exact(float64(x))
				ulp := math.Max(math.Abs(want), 1e-6) * 0x1p-23
				if e := math.Abs(float64(c.f(x))-want) / ulp; e > worst {
					worst, at = e, x
				}
			}
			if worst > 4 {
				t.Errorf("%.1f ulps off at %g; want ≤ 4", worst, at)
			} else {
				t.Logf("worst %.2f ulps at %g", worst, at)
			}
		})
	}
	if got := tanhf(-0.3); got >= 0 || math.Abs(float64(got)-math.Tanh(-0.3)) > 1e-7 {
		t.Errorf("tanhf(-0.3) = %g; want %g", got, math.Tanh(-0.3))
	}
}
