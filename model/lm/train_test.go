package lm

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// fableText is a small corpus of our own, long enough for a few batches of windows.
var fableText = strings.Repeat("the fox saw the grapes and said they were sour . | the tortoise won the race because he never stopped . | ", 8)

func smallSetup(t testing.TB, mutate func(*Config)) (*Net, *Dataset, *Tokenizer) {
	t.Helper()
	cfg := BookConfig()
	cfg.Embed, cfg.Units, cfg.SeqLen, cfg.Batch, cfg.Epochs, cfg.Cleaning = 8, 16, 5, 8, 2, CleanNone
	if mutate != nil {
		mutate(&cfg)
	}
	tok := FitTokenizer(cfg.Level, cfg.Cleaning.Split(), fableText)
	ids, _ := tok.Encode(fableText)
	net, err := NewNet(cfg, tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewDataset(ids, cfg.SeqLen, cfg.Step)
	if err != nil {
		t.Fatal(err)
	}
	return net, data, tok
}

func trainAll(t testing.TB, tr *Trainer) []Progress {
	t.Helper()
	var ps []Progress
	for !tr.Done() {
		p, err := tr.Step()
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

func TestTrainingIsReproducible(t *testing.T) {
	for _, loss := range []LossMode{LossLast, LossEvery} {
		t.Run(string(loss), func(t *testing.T) {
			run := func() []float32 {
				net, data, _ := smallSetup(t, func(c *Config) { c.Loss = loss; c.Optimizer = "adam" })
				tr, err := NewTrainer(net, data)
				if err != nil {
					t.Fatal(err)
				}
				trainAll(t, tr)
				return net.P.Data
			}
			a, b := run(), run()
			if !slices.Equal(a, b) {
				t.Error("two runs with the same seed differ")
			}
			net, _, _ := smallSetup(t, nil)
			if slices.Equal(a[:len(net.P.Data)], net.P.Data) {
				t.Error("training changed nothing")
			}
		})
	}
}

func TestTrainingLowersLossAndReports(t *testing.T) {
	net, data, _ := smallSetup(t, func(c *Config) { c.Epochs = 12; c.LR = 0.01 })
	tr, _ := NewTrainer(net, data)
	ps := trainAll(t, tr)
	var ends []Progress
	for _, p := range ps {
		if p.EpochDone {
			ends = append(ends, p)
		}
	}
	if len(ends) != 12 || !ends[len(ends)-1].Done {
		t.Fatalf("got %d epoch ends (last done=%v); want 12, the last done", len(ends), ends[len(ends)-1].Done)
	}
	first, last := ends[0], ends[len(ends)-1]
	if last.ValLoss == nil || first.ValLoss == nil {
		t.Fatal("no validation loss at the end of an epoch")
	}
	if !(last.Loss < first.Loss/2) {
		t.Errorf("training loss went from %.3f to %.3f; want it at least halved", first.Loss, last.Loss)
	}
	if len(tr.History.Epochs) != 12 || len(tr.History.BatchLoss) != 12*tr.Batches() {
		t.Errorf("history has %d epochs and %d batch losses", len(tr.History.Epochs), len(tr.History.BatchLoss))
	}
}

func TestResumeContinuesExactly(t *testing.T) {
	straight, data, _ := smallSetup(t, nil)
	tr, _ := NewTrainer(straight, data)
	trainAll(t, tr)

	tr3 := reloadedAfter(t, 1, 2) // stopped in the middle of the second epoch (after validation)
	trainAll(t, tr3)
	if !slices.Equal(straight.P.Data, tr3.Net.P.Data) {
		t.Error("a run saved, reloaded and resumed differs from one that never stopped")
	}
}

func TestDivergenceKeepsLastGoodWeights(t *testing.T) {
	net, data, _ := smallSetup(t, nil)
	tr, _ := NewTrainer(net, data)
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	good := append([]float32(nil), net.P.Data...)
	net.P.W(net.dense.Bias)[3] = float32(math.Inf(1)) // poison: the next loss is NaN
	good[net.dense.Bias.Off+3] = float32(math.Inf(1))
	_, err := tr.Step()
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("got %v; want ErrDiverged", err)
	}
	if !slices.Equal(good, net.P.Data) {
		t.Error("the step that diverged changed the weights")
	}
}

func TestDatasetWindows(t *testing.T) {
	tokens := make([]int32, 100)
	for i := range tokens {
		tokens[i] = int32(i)
	}
	d, err := NewDataset(tokens, 5, 2)
	if err != nil {
		t.Fatal(err)
	}
	// split at 90: training windows [s, s+5] with s+5 < 90, every 2
	if d.Train[0] != 0 || d.Train[1] != 2 || d.Train[len(d.Train)-1] != 84 {
		t.Errorf("train starts %v…%v", d.Train[:2], d.Train[len(d.Train)-1])
	}
	if d.Val[0] != 90 || d.Val[len(d.Val)-1] != 94 {
		t.Errorf("val starts %v", d.Val)
	}
	x, y := make([]int32, 5*2), make([]int32, 2)
	d.Fill(x, y, []int32{10, 30}, LossLast)
	if !slices.Equal(x, []int32{10, 30, 11, 31, 12, 32, 13, 33, 14, 34}) || !slices.Equal(y, []int32{15, 35}) {
		t.Errorf("Fill last: x=%v y=%v", x, y)
	}
	ye := make([]int32, 10)
	d.Fill(x, ye, []int32{10, 30}, LossEvery)
	if !slices.Equal(ye, []int32{11, 31, 12, 32, 13, 33, 14, 34, 15, 35}) {
		t.Errorf("Fill every: y=%v", ye)
	}
	if _, err := NewDataset(tokens[:5], 5, 1); err == nil {
		t.Error("5 tokens gave windows of 5 plus a target")
	}
}

// TestReleaseWorkKeepsTheRun: a run whose working memory and gradient are let go of between any
// two steps (as the studio does at pause and stop) trains to the same weights, bit for bit, on
// one worker and on two.
func TestReleaseWorkKeepsTheRun(t *testing.T) {
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d workers", workers), func(t *testing.T) {
			train := func(release bool) []float32 {
				net, data, _ := smallSetup(t, func(c *Config) { c.Dropout = 0.2 })
				tr, err := NewTrainer(net, data)
				if err != nil {
					t.Fatal(err)
				}
				if workers > 1 {
					if tr.Helpers, err = NewLocalHelpers(workers, net, data); err != nil {
						t.Fatal(err)
					}
					tr.Workers = workers
				}
				for !tr.Done() {
					if release {
						tr.ReleaseWork()
						if tr.Net.P.Grad != nil {
							t.Fatal("ReleaseWork kept the gradient")
						}
					}
					if _, err := tr.Step(); err != nil {
						t.Fatal(err)
					}
				}
				return net.P.Data
			}
			if a, b := train(false), train(true); !slices.Equal(a, b) {
				t.Error("releasing the work between steps changed the trained weights")
			}
		})
	}
}

// TestResumedSpeedCountsOnlyItsOwnBatches: a run restored mid-epoch measures its speed over the
// batches it has trained since, not over the epoch's batches trained before the save too (the
// trial's "2012 samples/s · about 18 s left" after a reload, at 140 samples/s).
func TestResumedSpeedCountsOnlyItsOwnBatches(t *testing.T) {
	tr2 := reloadedAfter(t, 0, 3)
	if got := tr2.samplesPerS(); got != 0 {
		t.Errorf("a restored run with no batch trained says %v samples/s; want 0 (not measured yet)", got)
	}
	p, err := tr2.Step()
	if err != nil {
		t.Fatal(err)
	}
	want := float64(tr2.Net.Cfg.Batch) / max(tr2.elapsed.Seconds(), 1e-9) // as the trainer divides
	if p.Batch != 4 || math.Abs(p.SamplesPerS-want) > 1e-9*want {
		t.Errorf("batch %d: got %v samples/s; want %v, one batch over the time it took", p.Batch, p.SamplesPerS, want)
	}
}

// reloadedAfter trains smallSetup's run for epochs whole epochs and batches more, saves it to a
// file, and returns a trainer restored from that file.
func reloadedAfter(t *testing.T, epochs, batches int) *Trainer {
	t.Helper()
	net, data, tok := smallSetup(t, nil)
	tr, _ := NewTrainer(net, data)
	for range epochs*tr.Batches() + batches {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Encode(&Model{Net: net, Tok: tok, History: tr.History, Train: tr.State()})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	_, data2, _ := smallSetup(t, nil)
	tr2, _ := NewTrainer(m.Net, data2)
	if err := tr2.Restore(m.Train, m.History); err != nil {
		t.Fatal(err)
	}
	return tr2
}
