package lm

import (
	"testing"

	"fabulist/model/nn"
)

// namedGemm is gonum's kernel under another name; fusedGemm marks one as the fused kernel whose
// exact counterpart is exact (as model/nn/simd's simd-fma and simd are).
type namedGemm struct {
	nn.Gemm
	name string
}

func (g namedGemm) Name() string { return g.name }

type fusedGemm struct {
	namedGemm
	exact nn.Gemm
}

func (g fusedGemm) Exact() nn.Gemm { return g.exact }

// TestResumeRunKeepsItsKernel: a run records the fused kernel it trains on, and resumes on it; a
// run that recorded none (the exact kernel, every file from before the fused kernels) resumes on
// the exact kernel where the fused one is the default, so that it goes on as it would have
// uninterrupted; a run whose fused kernel this platform lacks resumes on the exact one and says
// so (Run.LostKernel).
func TestResumeRunKeepsItsKernel(t *testing.T) {
	exact := namedGemm{nn.Reference, "test-exact"}
	fused := fusedGemm{namedGemm{nn.Reference, "test-fma"}, exact}
	old := nn.DefaultGemm
	nn.UseKernel(exact)
	nn.UseKernel(fused)
	t.Cleanup(func() { nn.DefaultGemm = old })

	saved := func(kernel nn.Gemm) *Model {
		r, err := NewRun(fableText, runConfig(), RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r.Net.SetGemm(kernel)
		stepRun(t, r, 2)
		return reread(t, r.Model())
	}
	cases := []struct {
		name       string
		kernel     nn.Gemm
		recorded   string // what the file's train state says, "-" to keep it
		wantState  string
		wantKernel string
		wantLost   string
	}{
		{"fused run", fused, "-", "test-fma", "test-fma", ""},
		{"exact run", exact, "-", "", "test-exact", ""},
		{"run from before", old, "-", "", "test-exact", ""},
		{"fused kernel missing", fused, "other-fma", "other-fma", "test-exact", "other-fma"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := saved(c.kernel)
			if c.recorded != "-" {
				m.Train.Kernel = c.recorded
			}
			if m.Train.Kernel != c.wantState {
				t.Errorf("train state's kernel %q; want %q", m.Train.Kernel, c.wantState)
			}
			r, err := ResumeRun(m, fableText, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Net.Gemm().Name(); got != c.wantKernel || r.LostKernel != c.wantLost {
				t.Errorf("resumed on %q, lost %q; want %q, lost %q", got, r.LostKernel, c.wantKernel, c.wantLost)
			}
		})
	}
}
