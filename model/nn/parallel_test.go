package nn

import (
	"errors"
	"runtime"
	"slices"
	"testing"
)

// sliceHelpers answer each share with a fixed gradient and loss, as Receive does.
type sliceHelpers struct {
	grads [][]float32 // index 0 unused
}

func (h sliceHelpers) Count() int                                { return len(h.grads) }
func (h sliceHelpers) Send(int, []float32, []int32, uint64, int) {}
func (h sliceHelpers) Receive(i int) ([]float32, float64, error) { return h.grads[i], float64(i), nil }

// addingHelpers add their gradients themselves (GradAdder), and fail if asked to Receive.
type addingHelpers struct{ sliceHelpers }

func (h addingHelpers) Receive(int) ([]float32, float64, error) {
	return nil, 0, errors.New("Receive called")
}
func (h addingHelpers) Send(int, []float32, []int32, uint64, int) {}
func (h addingHelpers) Count() int                                { return len(h.grads) }
func (h addingHelpers) AddGradient(i int, g []float32) (float64, error) {
	DefaultVector.Add(g, h.grads[i])
	return float64(i), nil
}

// TestParallelGradientLetsHelpersAddTheirGradients: helpers that are GradAdders add their own
// gradients, and the batch's gradient and loss are those of helpers that hand theirs back.
func TestParallelGradientLetsHelpersAddTheirGradients(t *testing.T) {
	grads := [][]float32{nil, {0.5, -1, 3e-8}, {0.25, 2, -1e-7}}
	items := []int32{0, 1, 2, 3, 4, 5}
	run := func(h Helpers) ([]float32, float64) {
		grad := make([]float32, 3)
		loss, err := ParallelGradient(h, make([]float32, 3), grad, items, 1, 0,
			func(share []int32, seed uint64, total int) float64 {
				copy(grad, []float32{1, 1, 1})
				return 10
			})
		if err != nil {
			t.Fatal(err)
		}
		return grad, loss
	}
	wantGrad, wantLoss := run(sliceHelpers{grads})
	gotGrad, gotLoss := run(addingHelpers{sliceHelpers{grads}})
	if !slices.Equal(gotGrad, wantGrad) || gotLoss != wantLoss {
		t.Errorf("got %v, loss %v; want %v, loss %v", gotGrad, gotLoss, wantGrad, wantLoss)
	}
}

// sumReplica answers with the sum of the weights it computes with, and keeps where they lay.
type sumReplica struct {
	own, seen []float32
}

func (r *sumReplica) Weights() []float32 { return r.own }
func (r *sumReplica) Gradient(_ []int32, _ uint64, _ int) ([]float32, float64, error) {
	w := r.own
	if r.seen != nil {
		w = r.seen
	}
	var s float64
	for _, v := range w {
		s += float64(v)
	}
	return make([]float32, len(w)), s, nil
}

// viewReplica is a sumReplica that views the request's weights.
type viewReplica struct{ sumReplica }

func (r *viewReplica) ViewWeights(w []float32) { r.seen = w }

// TestLocalHelpersLetViewersReadTheWeightsInPlace: a WeightViewer computes with the coordinator's
// weights themselves, a plain replica with its own copy of them, and both see the same values.
func TestLocalHelpersLetViewersReadTheWeightsInPlace(t *testing.T) {
	weights := []float32{1, 2, 3.5}
	plain := &sumReplica{own: make([]float32, 3)}
	viewer := &viewReplica{sumReplica{own: make([]float32, 3)}}
	h := NewLocalHelpers(plain, viewer)
	for i := 1; i <= 2; i++ {
		h.Send(i, weights, []int32{0}, 1, 2)
	}
	for i := 1; i <= 2; i++ {
		if _, l, err := h.Receive(i); err != nil || l != 6.5 {
			t.Errorf("helper %d: got loss %v, %v; want 6.5", i, l, err)
		}
	}
	if !slices.Equal(plain.own, weights) {
		t.Errorf("the plain replica's weights are %v; want a copy of %v", plain.own, weights)
	}
	if len(viewer.seen) == 0 || &viewer.seen[0] != &weights[0] {
		t.Error("the viewer was not given the coordinator's weights themselves")
	}
	if !slices.Equal(viewer.own, make([]float32, 3)) {
		t.Errorf("the viewer's own weights were written: %v", viewer.own)
	}
}

// TestParallelGradientAddsLargeGradientsOnSeveralCores: a model's worth of gradient, added on
// the workers' goroutines, is the sum in index order, bit for bit.
func TestParallelGradientAddsLargeGradientsOnSeveralCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	n := 3*spreadMin + 77
	grads := [][]float32{nil, make([]float32, n), make([]float32, n)}
	local := make([]float32, n)
	for i := range n {
		local[i], grads[1][i], grads[2][i] = float32(i%97)*0.1, float32(i%89)*-0.3, 1/float32(i+1)
	}
	want := make([]float32, n)
	for i := range want {
		want[i] = local[i] + grads[1][i] + grads[2][i]
	}
	grad := make([]float32, n)
	if _, err := ParallelGradient(sliceHelpers{grads}, make([]float32, n), grad, []int32{0, 1, 2}, 1, 0,
		func([]int32, uint64, int) float64 { copy(grad, local); return 0 }); err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if grad[i] != want[i] {
			t.Fatalf("grad[%d] = %v; want %v", i, grad[i], want[i])
		}
	}
}
