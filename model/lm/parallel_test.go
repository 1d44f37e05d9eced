package lm

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"fabulist/model/nn"
)

func testStory() string { return strings.Repeat(fableText, 3) }

func parallelRun(t *testing.T, workers, batches int) (*Trainer, []float32) {
	t.Helper()
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Epochs = 24, 8, 12, 17, 3 // an odd batch: uneven shares
	r, err := NewRun(testStory(), cfg, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Share(workers); err != nil {
		t.Fatal(err)
	}
	for len(r.Trainer.History.BatchLoss) < batches {
		if _, err := r.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return r.Trainer, slices.Clone(r.Net.P.Data)
}

func TestDataParallelIsDeterministicPerWorkerCount(t *testing.T) {
	for _, k := range []int{2, 3} {
		t.Run(fmt.Sprint(k, " workers"), func(t *testing.T) {
			_, a := parallelRun(t, k, 25)
			_, b := parallelRun(t, k, 25)
			if !slices.Equal(a, b) {
				t.Error("two runs differ")
			}
		})
	}
}

// Without dropout the shares' gradients sum to the batch's: a run on three workers follows the
// single-worker run up to rounding.
func TestDataParallelGradientIsTheBatchGradient(t *testing.T) {
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Dropout = 24, 8, 12, 17, 0
	corpus, err := Prepare(testStory(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	net, _ := NewNet(cfg, corpus.Tok.VocabSize())
	tr, _ := NewTrainer(net, corpus.Data)
	starts := slices.Clone(corpus.Data.Train[:cfg.Batch])
	w := tr.work(len(starts), cfg.Loss)
	corpus.Data.Fill(w.x, w.y, starts, cfg.Loss)
	net.P.ZeroGrad()
	want := net.trainStep(w, nil, w.B)
	whole := slices.Clone(net.P.Grad)

	tr.Helpers, tr.Workers = nil, 3
	if _, err := tr.Step(); err == nil {
		t.Error("a three-worker run stepped without its helpers")
	}
	tr.Helpers, _ = NewLocalHelpers(3, net, corpus.Data)
	got, err := tr.parallelGradient(starts)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got-want) > 1e-5*math.Abs(want) {
		t.Errorf("loss %v on 3 workers, %v on one", got, want)
	}
	var diff, norm float64
	for i := range whole {
		d := float64(net.P.Grad[i] - whole[i])
		diff += d * d
		norm += float64(whole[i]) * float64(whole[i])
	}
	if rel := math.Sqrt(diff / norm); rel > 1e-5 {
		t.Errorf("the summed shares' gradient differs from the batch's by %.2g (relative)", rel)
	}
}

type failingHelpers struct{ *nn.LocalHelpers }

func (failingHelpers) Receive(int) ([]float32, float64, error) { return nil, 0, errTest }

var errTest = errorString("worker crashed")

type errorString string

func (e errorString) Error() string { return string(e) }

func TestAFailedHelperStopsTheStepAndKeepsTheWeights(t *testing.T) {
	tr, _ := parallelRun(t, 2, 3)
	before := slices.Clone(tr.Net.P.Data)
	lh := tr.Helpers.(*nn.LocalHelpers)
	tr.Helpers = failingHelpers{lh}
	if _, err := tr.Step(); err == nil {
		t.Fatal("a failed helper went unnoticed")
	}
	if !slices.Equal(before, tr.Net.P.Data) {
		t.Error("a failed step changed the weights")
	}
}

// countingReplica counts the batches a helper's replica measures.
type countingReplica struct {
	*Replica
	n *atomic.Int64
}

func (c countingReplica) LossSum(starts []int32) (float64, error) {
	c.n.Add(1)
	return c.Replica.LossSum(starts)
}

// TestValidationIsSharedAndTheSameOnAnyWorkerCount trains a run on one worker and measures its
// validation checks and its epoch's validation on one, two and three: the helpers measure
// batches of them, in fewer Steps, and every loss is the one worker's, bit for bit.
func TestValidationIsSharedAndTheSameOnAnyWorkerCount(t *testing.T) {
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Epochs, cfg.ValChecks, cfg.Seed = 24, 8, 12, 3, 1, 3, 7
	corpus, err := Prepare(testStory(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(corpus.Data.Val); n < 4*cfg.Batch {
		t.Fatalf("%d validation windows: too few to share", n)
	}
	type result struct {
		hist      History
		valSteps  int
		helperBat int64
	}
	measure := func(k int) result {
		corpus, err := Prepare(testStory(), cfg, nil) // its own: a trainer shuffles the windows in place
		if err != nil {
			t.Fatal(err)
		}
		net, err := NewNet(cfg, corpus.Tok.VocabSize())
		if err != nil {
			t.Fatal(err)
		}
		tr, err := NewTrainer(net, corpus.Data)
		if err != nil {
			t.Fatal(err)
		}
		var measured atomic.Int64
		var reps []nn.Replica
		for range k - 1 {
			rn, err := NewNet(cfg, corpus.Tok.VocabSize())
			if err != nil {
				t.Fatal(err)
			}
			rn.mm = net.mm
			reps = append(reps, countingReplica{NewReplica(rn, corpus.Data), &measured})
		}
		helpers := nn.NewLocalHelpers(reps...)
		var r result
		for !tr.Done() {
			// Training on one worker, so that the weights are the same for every k; validation on k.
			tr.Workers, tr.Helpers = 1, nil
			if tr.checking || tr.validating {
				tr.Workers, tr.Helpers = k, helpers
				r.valSteps++
			}
			if _, err := tr.Step(); err != nil {
				t.Fatal(err)
			}
		}
		r.hist, r.helperBat = tr.History, measured.Load()
		return r
	}
	one := measure(1)
	if len(one.hist.Checks) != cfg.ValChecks || len(one.hist.Epochs) != 1 {
		t.Fatalf("got %d checks and %d epochs; want %d and 1", len(one.hist.Checks), len(one.hist.Epochs), cfg.ValChecks)
	}
	for _, k := range []int{2, 3} {
		t.Run(fmt.Sprint(k, " workers"), func(t *testing.T) {
			r := measure(k)
			if !slices.Equal(r.hist.BatchLoss, one.hist.BatchLoss) {
				t.Fatal("the training differs: the test compares nothing")
			}
			if !slices.Equal(r.hist.Checks, one.hist.Checks) {
				t.Errorf("checks: got %v; want %v (one worker)", r.hist.Checks, one.hist.Checks)
			}
			if g, w := r.hist.Epochs[0].ValLoss, one.hist.Epochs[0].ValLoss; g != w {
				t.Errorf("the epoch's validation loss: got %v; want %v (one worker)", g, w)
			}
			if r.helperBat == 0 || r.valSteps >= one.valSteps {
				t.Errorf("the helpers measured %d batches, in %d validation steps; want some, in fewer than one worker's %d",
					r.helperBat, r.valSteps, one.valSteps)
			}
		})
	}
}

// TestValidationInPiecesIsOnePass: a worker that trains on shares measures a validation batch in
// pieces of its share's size (so that it makes no buffers for the whole batch beside its share's),
// and the loss is one pass's over the batch, bit for bit, on every kernel here.
func TestValidationInPiecesIsOnePass(t *testing.T) {
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Loss = 24, 8, 12, 8, LossLast
	corpus, err := Prepare(testStory(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	const share, n = 3, 11 // pieces of 3, 3, 3 and 2
	if len(corpus.Data.Val) < n {
		t.Fatalf("%d validation windows; the test wants %d", len(corpus.Data.Val), n)
	}
	starts := corpus.Data.Val[:n]
	for _, k := range nn.Kernels() {
		t.Run(k.Name(), func(t *testing.T) {
			net, err := NewNet(cfg, corpus.Tok.VocabSize())
			if err != nil {
				t.Fatal(err)
			}
			net.SetGemm(k)
			whole, pieced := NewReplica(net, corpus.Data), NewReplica(net, corpus.Data)
			if _, _, err := pieced.Gradient(corpus.Data.Train[:share], 1, cfg.Batch); err != nil {
				t.Fatal(err)
			}
			want, err := whole.LossSum(starts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := pieced.LossSum(starts)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("in pieces of %d: loss sum %v; want %v (one pass), bit for bit", share, got, want)
			}
			if pieced.works.byKey[workKey{n, LossLast}] != nil {
				t.Errorf("the worker that trains on shares of %d made buffers for all %d windows", share, n)
			}
			if whole.works.byKey[workKey{n, LossLast}] == nil {
				t.Errorf("a worker that never trained measured %d windows without buffers for them: the test compares pieces with pieces", n)
			}
		})
	}
}
