package nn

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// TestSpreadCoversEachValueOnce: the ranges Spread hands out cover [0, n) once each, start at
// multiples of spreadAlign, and there are as many as k asks for where the values allow.
func TestSpreadCoversEachValueOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	for _, c := range []struct{ n, k, ranges int }{
		{0, 2, 1}, {100, 4, 1}, {spreadMin, 2, 1}, {2 * spreadMin, 2, 2},
		{2*spreadMin + 13, 2, 2}, {5*spreadMin + 7, 3, 3}, {1853901, 2, 2}, {1853901, 8, 8},
		{1853901, 1, 1}, {1853901, 0, 1},
	} {
		var mu sync.Mutex
		seen := make([]int, c.n)
		ranges := 0
		Spread(c.n, c.k, func(lo, hi int) {
			mu.Lock()
			defer mu.Unlock()
			ranges++
			if lo%spreadAlign != 0 {
				t.Errorf("n %d, k %d: a range starts at %d", c.n, c.k, lo)
			}
			for i := lo; i < hi; i++ {
				seen[i]++
			}
		})
		// Go's wasm runs one goroutine at a time whatever GOMAXPROCS is asked for: one range there.
		if want := min(c.ranges, runtime.GOMAXPROCS(0)); ranges != want {
			t.Errorf("n %d, k %d: %d ranges; want %d", c.n, c.k, ranges, want)
		}
		for i, s := range seen {
			if s != 1 {
				t.Errorf("n %d, k %d: value %d updated %d times; want once", c.n, c.k, i, s)
				break
			}
		}
	}
}

// TestSpreadStepsAreTheOneStep: an optimizer whose steps run on several goroutines gives the
// same parameters and slots as on one, bit for bit, over steps whose gradients change.
func TestSpreadStepsAreTheOneStep(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	n := 3*spreadMin + 1001
	rng := rand.New(rand.NewPCG(1, 2))
	p0 := make([]float32, n)
	for i := range p0 {
		p0[i] = rng.Float32()*2 - 1
	}
	grads := make([][]float32, 3)
	for s := range grads {
		grads[s] = make([]float32, n)
		for i := range grads[s] {
			grads[s][i] = float32(rng.NormFloat64())
		}
	}
	for _, name := range []OptimizerName{RMSpropName, AdamName} {
		t.Run(string(name), func(t *testing.T) {
			run := func(k int) ([]float32, [][]float32) {
				o, _ := NewOptimizer(name, 0.01, n)
				o.SetWorkers(k)
				p := slices.Clone(p0)
				for _, g := range grads {
					o.Step(p, g)
				}
				slots, _ := o.State()
				return p, slots
			}
			p1, s1 := run(1)
			for _, k := range []int{2, 3, 4} {
				pk, sk := run(k)
				if !slices.Equal(pk, p1) {
					t.Errorf("%d workers: parameters differ from one worker's", k)
				}
				for j := range s1 {
					if !slices.Equal(sk[j], s1[j]) {
						t.Errorf("%d workers: slot %d differs from one worker's", k, j)
					}
				}
			}
			if slices.Equal(p1, p0) {
				t.Error("the steps changed nothing")
			}
		})
	}
}

// BenchmarkRMSpropStep is the optimizer's step over the book model's parameters (1,853,901) on
// one and two goroutines: the serial tail of a native data-parallel step, and what Spread takes
// off it.
func BenchmarkRMSpropStep(b *testing.B) {
	const n = 1853901
	p, g := make([]float32, n), make([]float32, n)
	for i := range g {
		g[i] = float32(i%1000) * 1e-3
	}
	for _, k := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", k), func(b *testing.B) {
			o, _ := NewOptimizer(RMSpropName, 0.001, n)
			o.SetWorkers(k)
			b.SetBytes(5 * 4 * n) // reads p, g and ms, writes p and ms
			for b.Loop() {
				o.Step(p, g)
			}
		})
	}
}
