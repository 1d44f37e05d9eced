package lm

import (
	"fmt"
	"math"
	"slices"
	"strings"
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
