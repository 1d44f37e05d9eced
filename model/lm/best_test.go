package lm

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// overfitText ends in a sentence unlike the fables before it: the validation windows come from
// its end, so that their loss falls at first and then rises as the model learns the fables.
var overfitText = fableText + "a quick brown dog jumps over lazy wolves, zebras and kings; quiet vixens hum. "

// bestConfig checks validation four times an epoch, at a learning rate high enough that the
// validation loss does not only fall.
func bestConfig(mutate func(*Config)) Config {
	cfg := runConfig()
	cfg.ValChecks, cfg.Epochs, cfg.LR = 4, 3, 0.03
	if mutate != nil {
		mutate(&cfg)
	}
	return cfg
}

// trainSnapshots trains r to its end and returns, for each validation check in order, the
// weights the network held when the check was recorded.
func trainSnapshots(t *testing.T, r *Run) [][]float32 {
	t.Helper()
	var snaps [][]float32
	for !r.Trainer.Done() {
		p, err := r.Step()
		if err != nil {
			t.Fatal(err)
		}
		if p.Check != nil {
			snaps = append(snaps, slices.Clone(r.Net.P.Data))
		}
	}
	return snaps
}

// TestBestWeightsSelection: a run with k checks an epoch records k checks each epoch, the last at
// its end and the others after ⌊i·n/k⌋ of its n batches; Trainer.Best holds the weights of the
// first check with the lowest loss, as they were at that check. Both kinds of check are covered:
// validation sets of fewer windows than CheckWindows (every window) and of more (CheckWindows).
func TestBestWeightsSelection(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		cfg  Config
	}{
		{"every window", overfitText, bestConfig(nil)},
		{"CheckWindows of them", strings.Repeat(fableText, 30), bestConfig(func(c *Config) {
			c.Units, c.Embed, c.Batch, c.Epochs = 4, 4, 300, 2 // 300 does not divide CheckWindows
		})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewRun(tc.text, tc.cfg, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if big := len(r.Corpus.Data.Val) > CheckWindows; big != (tc.name != "every window") {
				t.Fatalf("%d validation windows: the case does not test what it says", len(r.Corpus.Data.Val))
			}
			snaps := trainSnapshots(t, r)
			h, k, n := r.Trainer.History, tc.cfg.ValChecks, r.Trainer.Batches()
			var want []int
			for e := range tc.cfg.Epochs {
				for i := 1; i <= k; i++ {
					want = append(want, e*n+i*n/k)
				}
			}
			var got []int
			for _, c := range h.Checks {
				got = append(got, c.Batch)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("checks after batches %v; want %v", got, want)
			}
			best := 0
			for i, c := range h.Checks {
				if c.ValLoss < h.Checks[best].ValLoss {
					best = i
				}
			}
			if best == len(h.Checks)-1 {
				t.Logf("losses %v: the best is the last check, so best and latest agree", h.Checks)
			}
			b := r.Trainer.Best
			if b == nil {
				t.Fatal("no best weights after training")
			}
			if b.Check != h.Checks[best] {
				t.Errorf("best check %+v; want %+v", b.Check, h.Checks[best])
			}
			if !slices.Equal(b.Weights, snaps[best]) {
				t.Error("the best weights are not the weights of the best check")
			}
			if got, want := h.Epochs[len(h.Epochs)-1].ValLoss, h.Checks[len(h.Checks)-1].ValLoss; (got == want) != (tc.name == "every window") {
				t.Errorf("epoch's validation %v, its last check %v: a check of every window is the epoch's own", got, want)
			}
			// The epoch's last check, made on the way through its validation, is what a check's
			// own pass over the same windows gives (Evaluate spreads its windows as checkSet does).
			if got, want := h.Checks[len(h.Checks)-1].ValLoss, r.Trainer.Evaluate(CheckWindows); got != want {
				t.Errorf("the epoch's last check %v; a pass over its windows gives %v", got, want)
			}
		})
	}
}

// The best weights are not the latest when the validation loss rose after its lowest check: the
// model file keeps both, and Writer chooses.
func TestBestIsNotLatestWhenValidationRises(t *testing.T) {
	r, err := NewRun(overfitText, bestConfig(nil), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	trainSnapshots(t, r)
	h := r.Trainer.History
	if last := h.Checks[len(h.Checks)-1]; r.Trainer.Best.Check == last {
		t.Fatalf("checks %v: the validation loss did not rise, so the test shows nothing", h.Checks)
	}
	m := reread(t, r.Model())
	if m.Best == nil || m.Best.Check != r.Trainer.Best.Check || !slices.Equal(m.Best.Weights, r.Trainer.Best.Weights) {
		t.Fatal("the best weights changed in the file's round trip")
	}
	if !slices.Equal(m.Net.P.Data, r.Net.P.Data) {
		t.Fatal("the latest weights changed in the file's round trip")
	}
	if slices.Equal(m.Best.Weights, m.Net.P.Data) {
		t.Fatal("best and latest weights are the same")
	}
	if w := m.Writer(WeightsBest); !slices.Equal(w.P.Data, m.Best.Weights) {
		t.Error("Writer(best) does not hold the best weights")
	}
	if w := m.Writer(WeightsLatest); w != m.Net {
		t.Error("Writer(latest) is not the model's network")
	}
	// The best weights write what the network wrote at that check, which the latest do not.
	best, latest := NewGenerator(m.Writer(WeightsBest), m.Tok), NewGenerator(m.Net, m.Tok)
	_, pb, _ := best.Predict("the fox", 1)
	_, pl, _ := latest.Predict("the fox", 1)
	if pb[0].P == pl[0].P {
		t.Errorf("best and latest predict alike (%v, %v)", pb[0], pl[0])
	}
}

// A run saved anywhere (between checks, in the middle of a check, just after one) and resumed
// from its file ends with the checks and best weights of the run that went on.
func TestResumeKeepsTheBest(t *testing.T) {
	straight, err := NewRun(overfitText, bestConfig(nil), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	trainSnapshots(t, straight)
	for _, stop := range []string{"between checks", "in a check", "after a check"} {
		t.Run(stop, func(t *testing.T) {
			r, err := NewRun(overfitText, bestConfig(nil), RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for checks := 0; ; {
				p, err := r.Step()
				if err != nil {
					t.Fatal(err)
				}
				if p.Check != nil {
					checks++
				}
				if checks < 3 {
					continue
				}
				if stop == "after a check" && p.Check != nil ||
					stop == "in a check" && p.Validating && !p.EpochDone && r.Trainer.Batch() < r.Trainer.Batches() ||
					stop == "between checks" && !p.Validating && p.Check == nil {
					break
				}
			}
			b, err := Encode(r.Model())
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			resumed, err := ResumeRun(m, overfitText, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			trainSnapshots(t, resumed)
			if got, want := fmt.Sprint(resumed.Trainer.History.Checks), fmt.Sprint(straight.Trainer.History.Checks); got != want {
				t.Errorf("checks %s; want %s", got, want)
			}
			gb, wb := resumed.Trainer.Best, straight.Trainer.Best
			if gb == nil || gb.Check != wb.Check || !slices.Equal(gb.Weights, wb.Weights) {
				t.Error("the resumed run's best weights differ from the straight run's")
			}
		})
	}
}

// A file's best weights are checked as its weights are: their count, and NaN.
func TestDecodeRefusesBadBestWeights(t *testing.T) {
	r, err := NewRun(overfitText, bestConfig(func(c *Config) { c.Epochs = 1 }), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	trainSnapshots(t, r)
	m := r.Model()
	good := m.Best
	for _, tc := range []struct {
		name string
		best *BestWeights
	}{
		{"NaN weight", &BestWeights{Check: good.Check, Weights: append([]float32{float32(math.NaN())}, good.Weights[1:]...)}},
		{"epoch 0", &BestWeights{Check: Check{Batch: 3, ValLoss: 1}, Weights: good.Weights}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m.Best = tc.best
			b, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Decode(b); err == nil {
				t.Error("decoded; want an error")
			}
		})
	}
	m.Best = &BestWeights{Check: good.Check, Weights: good.Weights[1:]}
	if _, err := Encode(m); err == nil {
		t.Error("encoded best weights of the wrong count; want an error")
	}
}
