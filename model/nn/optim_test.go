package nn

import (
	"math"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestRMSpropOneStep(t *testing.T) {
	o, _ := NewOptimizer(RMSpropName, 0.001, 2)
	p, g := []float32{1, -2}, []float32{0.5, -4}
	o.Step(p, g)
	// ms = 0.1·g²; p -= 0.001·g/(√ms + 1e-7): |Δ| = 0.001/√0.1 = 0.0031622…
	want := []float64{1 - 0.001*0.5/(math.Sqrt(0.1*0.25)+1e-7), -2 + 0.001*4/(math.Sqrt(0.1*16)+1e-7)}
	for i := range p {
		if !near(float64(p[i]), want[i], 1e-6) {
			t.Errorf("p[%d] = %.7f; want %.7f", i, p[i], want[i])
		}
	}
}

func TestAdamTwoSteps(t *testing.T) {
	o, _ := NewOptimizer(AdamName, 0.01, 1)
	p := []float32{1}
	o.Step(p, []float32{2})
	// step 1: m = 0.2, v = 0.004, lr_t = 0.01·√0.001/0.1 → Δ = lr_t·0.2/(√0.004+ε) = 0.01
	if !near(float64(p[0]), 0.99, 1e-6) {
		t.Fatalf("after step 1 p = %.7f; want 0.99", p[0])
	}
	o.Step(p, []float32{-1})
	m := 0.9*0.2 + 0.1*-1
	v := 0.999*0.004 + 0.001*1
	lrT := 0.01 * math.Sqrt(1-0.999*0.999) / (1 - 0.9*0.9)
	want := 0.99 - lrT*m/(math.Sqrt(v)+1e-7)
	if !near(float64(p[0]), want, 1e-6) {
		t.Errorf("after step 2 p = %.7f; want %.7f", p[0], want)
	}
}

// TestRestoreContinuesExactly: an optimizer restored from another's State takes the same next
// step, bit for bit (Adam's step count sets its learning rate), and refuses slots that do not fit
// without changing.
func TestRestoreContinuesExactly(t *testing.T) {
	for _, name := range []OptimizerName{RMSpropName, AdamName} {
		t.Run(string(name), func(t *testing.T) {
			a, _ := NewOptimizer(name, 0.01, 3)
			p := []float32{1, -2, 0.5}
			for _, g := range [][]float32{{0.3, -1, 2}, {-0.5, 0.25, 1}} {
				a.Step(p, g)
			}
			b, _ := NewOptimizer(name, 0.01, 3)
			slots, step := a.State()
			if len(slots) != name.Slots() {
				t.Fatalf("%d slots; Slots() says %d", len(slots), name.Slots())
			}
			if err := b.Restore(slots, step); err != nil {
				t.Fatal(err)
			}
			pa, pb, g := slices.Clone(p), slices.Clone(p), []float32{0.7, 0.1, -3}
			a.Step(pa, g)
			b.Step(pb, g)
			if !slices.Equal(pa, pb) {
				t.Errorf("restored step gives %v; the original %v", pb, pa)
			}
			c, _ := NewOptimizer(name, 0.01, 3)
			short := [][]float32{{1, 2}, {1, 2}}[:name.Slots()]
			if err := c.Restore(short, 5); err == nil {
				t.Error("took slots of 2 values for 3 parameters")
			}
			if err := c.Restore(append(slices.Clone(slots), slots[0]), 5); err == nil {
				t.Error("took one slot too many")
			}
			if got, _ := c.State(); got[0][0] != 0 {
				t.Errorf("a refused restore changed the slots: %v", got)
			}
		})
	}
}

func TestOptimizerNames(t *testing.T) {
	for _, c := range []struct {
		name  OptimizerName
		slots int
	}{{"rmsprop", 1}, {"adam", 2}, {"sgd", 0}, {"Adam", 0}, {"", 0}} {
		t.Run(string(c.name), func(t *testing.T) {
			if c.name.Slots() != c.slots || c.name.Valid() != (c.slots > 0) {
				t.Errorf("got %d slots, valid %v; want %d", c.name.Slots(), c.name.Valid(), c.slots)
			}
			if _, err := NewOptimizer(c.name, 0.01, 3); (err == nil) != (c.slots > 0) {
				t.Errorf("NewOptimizer: %v", err)
			}
		})
	}
}

func TestClipByGlobalNorm(t *testing.T) {
	g := []float32{3, 4}
	if !ClipByGlobalNorm(g, 5, 1) || !near(float64(g[0]), 0.6, 1e-6) || !near(float64(g[1]), 0.8, 1e-6) {
		t.Errorf("clipped to %v; want [0.6 0.8]", g)
	}
	if ClipByGlobalNorm(g, 1, 2) {
		t.Error("clipped a gradient already under the limit")
	}
}
