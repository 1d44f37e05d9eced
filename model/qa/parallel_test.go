package qa

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"fabulist/model/nn"
)

// copyRun starts a small run on copyTask, with an odd batch so that shares are uneven and
// passages of unlike lengths so that each share pads to its own.
func copyRun(t *testing.T) *Run {
	t.Helper()
	words := append(slices.Clone(reserved), "who", "is", "?")
	for i := range 12 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	v := NewVocab(words)
	var names []string
	for i := range 20 {
		names = append(names, fmt.Sprintf("name%d", i))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	cfg := DefaultConfig(len(words))
	cfg.Shape = Shape{Embed: 6, Units: 5, Decoder: 7, Attention: 4, Answer: 3, AnswerPool: true}
	cfg.Batch, cfg.LR = 7, 0.01
	r, err := NewRun(cfg, v, copyTask(rng, v, 60, names), copyTask(rng, v, 10, names))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// archRuns are small runs of each architecture, for the data-parallel tests.
var archRuns = []struct {
	name string
	run  func(*testing.T) *Run
}{{"default", copyRun}, {"book", bookRun}}

// parallelWeights trains a copyRun on k workers for the given batches and returns its weights.
func parallelWeights(t *testing.T, k, batches int) []float32 {
	t.Helper()
	return archWeights(t, copyRun, k, batches)
}

// archWeights trains the run that newRun starts on k workers for the given batches and returns
// its weights.
func archWeights(t *testing.T, newRun func(*testing.T) *Run, k, batches int) []float32 {
	t.Helper()
	r := newRun(t)
	if err := r.Share(k); err != nil {
		t.Fatal(err)
	}
	for range batches {
		r.Step()
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return slices.Clone(r.Model.Net.Params().Data)
}

func TestDataParallelIsDeterministicPerWorkerCount(t *testing.T) {
	for _, a := range archRuns {
		for _, k := range []int{2, 3} {
			t.Run(fmt.Sprint(a.name, " ", k, " workers"), func(t *testing.T) {
				if x, y := archWeights(t, a.run, k, 12), archWeights(t, a.run, k, 12); !slices.Equal(x, y) {
					t.Error("two runs differ")
				}
			})
		}
	}
}

// The shares' gradients sum to the batch's: a run on two or three workers follows the
// single-worker run up to rounding, over more than an epoch.
func TestDataParallelFollowsOneWorker(t *testing.T) {
	for _, a := range archRuns {
		one := archWeights(t, a.run, 1, 12)
		for _, k := range []int{2, 3} {
			t.Run(fmt.Sprint(a.name, " ", k, " workers"), func(t *testing.T) {
				got := archWeights(t, a.run, k, 12)
				if slices.Equal(got, one) {
					t.Fatal("the same weights as one worker's, bit for bit: the batch was not shared")
				}
				if rel := relDiff(got, one); rel > 1e-4 {
					t.Errorf("weights differ from one worker's by %.2g (relative); want ≤ 1e-4", rel)
				} else {
					t.Logf("weights differ from one worker's by %.2g (relative)", rel)
				}
			})
		}
	}
}

func TestDataParallelGradientIsTheBatchGradient(t *testing.T) {
	for _, a := range archRuns {
		t.Run(a.name, func(t *testing.T) {
			r := a.run(t)
			n := r.Model.Net
			p := n.Params()
			idx := []int32{3, 17, 4, 40, 8, 22, 9}
			exs := make([]Example, len(idx))
			for i, k := range idx {
				exs[i] = r.train[k]
			}
			tokens, targets := batchCounts(exs)
			want, _ := newSharer(n).gradient(exs, tokens, targets)
			whole := slices.Clone(p.Grad)
			h, err := NewLocalHelpers(3, n, r.train)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parallelGradient(p, newSharer(n), h, r.train, idx)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(got.Question-want.Question) > 1e-5*want.Question {
				t.Errorf("question loss %v on 3 workers, %v on one", got.Question, want.Question)
			}
			if rel := relDiff(p.Grad, whole); rel > 1e-5 {
				t.Errorf("the summed shares' gradient differs from the batch's by %.2g (relative)", rel)
			}
		})
	}
}

// relDiff is ‖a − b‖ / ‖b‖.
func relDiff(a, b []float32) float64 {
	var diff, norm float64
	for i := range b {
		d := float64(a[i] - b[i])
		diff += d * d
		norm += float64(b[i]) * float64(b[i])
	}
	return math.Sqrt(diff / norm)
}

type failingHelpers struct{ *nn.LocalHelpers }

func (failingHelpers) Receive(int) ([]float32, float64, error) {
	return nil, 0, fmt.Errorf("worker crashed")
}

func TestAFailedHelperStopsTheRunAndKeepsTheWeights(t *testing.T) {
	r := copyRun(t)
	if err := r.Share(2); err != nil {
		t.Fatal(err)
	}
	r.Step()
	if err := r.Share(3); err == nil {
		t.Error("a run changed its workers after training")
	}
	before := slices.Clone(r.Model.Net.Params().Data)
	tr := r.tr.(*Trainer)
	tr.Helpers = failingHelpers{tr.Helpers.(*nn.LocalHelpers)}
	r.Step()
	if r.Err() == nil || !r.Done() {
		t.Fatalf("a failed helper went unnoticed: err %v, done %v", r.Err(), r.Done())
	}
	if !slices.Equal(before, r.Model.Net.Params().Data) {
		t.Error("a failed step changed the weights")
	}
}

func TestReplicaRefusesMalformedShares(t *testing.T) {
	r := copyRun(t)
	rep := NewReplica(r.Model.Net.(*Net), r.train)
	for _, items := range [][]int32{nil, {5, 5}, {0, 5, 1}, {5, 5, -1}, {5, 5, int32(len(r.train))}} {
		if _, _, err := rep.Gradient(items, 0, 7); err == nil {
			t.Errorf("items %v: no error", items)
		}
	}
}

// The run's batches cover every example once an epoch, and pad less than shuffled batches.
func TestShuffleBucketsByLength(t *testing.T) {
	r := copyRun(t)
	got := slices.Sorted(slices.Values(r.order))
	for i, k := range got {
		if k != i {
			t.Fatalf("an epoch's order is not a permutation: %v", got)
		}
	}
	b := r.Model.Config.Batch
	padded := func(order []int) int {
		sum := 0
		for lo := 0; lo < len(order); lo += b {
			S := 0
			for _, k := range order[lo:min(lo+b, len(order))] {
				S = max(S, len(r.train[k].Passage))
			}
			sum += S * (min(lo+b, len(order)) - lo)
		}
		return sum
	}
	if got, plain := padded(r.order), padded(rand.New(rand.NewPCG(1, 1)).Perm(len(r.train))); got >= plain {
		t.Errorf("bucketed batches pad to %d tokens, shuffled ones to %d", got, plain)
	}
}

// TestUseHelpers checks that helpers handed to a run train it as Share's own do, that a run
// takes new helpers of the same count between batches (a page lends its workers to another run
// and back), and that it refuses another count once it has trained.
func TestUseHelpers(t *testing.T) {
	want := parallelWeights(t, 2, 6)
	r := copyRun(t)
	local := func() nn.Helpers {
		h, err := NewLocalHelpers(2, r.Model.Net.(*Net), r.Examples())
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	if err := r.UseHelpers(local()); err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		if i == 3 {
			if err := r.UseHelpers(local()); err != nil {
				t.Fatalf("new helpers of the same count: %v", err)
			}
		}
		r.Step()
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := r.Model.Net.Params().Data; !slices.Equal(got, want) {
		t.Errorf("a run on helpers it was handed differs from one that made its own (rel. diff %g)", relDiff(got, want))
	}
	if err := r.UseHelpers(nil); err == nil {
		t.Error("a run that trained on 2 workers took 1")
	}
}
