package lm

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"fabulist/model/nn"
)

// TestStepsPerEpochCapsAnEpoch: with Config.StepsPerEpoch below a whole pass, each epoch trains
// that many batches of distinct windows from a fresh shuffle, the schedule runs over those
// batches of every epoch, and the epoch's validation measures a check's CheckWindows windows, not
// every held-out window; at or above a whole pass nothing changes.
func TestStepsPerEpochCapsAnEpoch(t *testing.T) {
	text := strings.Repeat(fableText, 30) // more held-out windows than CheckWindows
	cfg := runConfig()
	cfg.Units, cfg.Embed, cfg.Epochs, cfg.StepsPerEpoch, cfg.Schedule = 4, 4, 2, 5, ScheduleCosine
	r, err := NewRun(text, cfg, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tr := r.Trainer
	whole := (len(tr.Data.Train) + cfg.Batch - 1) / cfg.Batch
	if len(tr.Data.Val) <= CheckWindows || whole <= cfg.StepsPerEpoch {
		t.Fatalf("%d held-out windows, %d batches a pass: the case does not test what it says", len(tr.Data.Val), whole)
	}
	if got := tr.Batches(); got != cfg.StepsPerEpoch {
		t.Fatalf("got %d batches an epoch; want %d", got, cfg.StepsPerEpoch)
	}
	total := cfg.Epochs * cfg.StepsPerEpoch
	var drawn [][]int32 // each epoch's windows
	trained, valSteps := 0, make([]int, cfg.Epochs)
	for !tr.Done() {
		epoch := tr.Epoch()
		p, err := r.Step()
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.History.BatchLoss) == trained { // a validation step
			valSteps[epoch]++
			continue
		}
		if got, want := tr.Opt.(*nn.Adam).LR, cfg.Schedule.Rate(cfg.LR, trained, total); got != want {
			t.Fatalf("batch %d of %d: learning rate %g; want %g", trained+1, total, got, want)
		}
		if p.Batch == 1 {
			drawn = append(drawn, slices.Clone(tr.Data.Train[:cfg.StepsPerEpoch*cfg.Batch]))
		}
		trained++
	}
	if trained != total {
		t.Errorf("trained %d batches; want %d", trained, total)
	}
	want := (CheckWindows + cfg.Batch - 1) / cfg.Batch
	for e, n := range valSteps {
		if n != want {
			t.Errorf("epoch %d validated in %d steps; want %d (CheckWindows in batches of %d)", e+1, n, want, cfg.Batch)
		}
	}
	for e, ws := range drawn {
		if s := slices.Sorted(slices.Values(ws)); len(slices.Compact(s)) != len(ws) {
			t.Errorf("epoch %d trained a window twice", e+1)
		}
	}
	if len(drawn) == 2 && slices.Equal(drawn[0], drawn[1]) {
		t.Error("both epochs trained the same windows: no fresh shuffle")
	}

	cfg.StepsPerEpoch = whole
	r, err = NewRun(text, cfg, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, vw := r.Trainer.Batches(), r.Trainer.ValWindows(); got != whole || vw != len(r.Trainer.Data.Val) {
		t.Errorf("a cap of a whole pass: %d batches, %d validation windows; want %d and %d", got, vw, whole, len(r.Trainer.Data.Val))
	}
}

// TestConfigStepsPerEpochJSON: settings without a cap (files, links and workspaces from before it)
// write no field and read back the same; a cap is kept, and one out of range is explained.
func TestConfigStepsPerEpochJSON(t *testing.T) {
	b, err := json.Marshal(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "steps_per_epoch") {
		t.Errorf("no cap writes %s; want no steps_per_epoch", b)
	}
	cfg := DefaultConfig()
	cfg.StepsPerEpoch = 1250
	b, _ = json.Marshal(cfg)
	var back Config
	if err := json.Unmarshal(b, &back); err != nil || back != cfg {
		t.Errorf("%s read as %+v (%v)", b, back, err)
	}
	for _, n := range []int{-1, MaxStepsPerEpoch + 1} {
		cfg.StepsPerEpoch = n
		if err := cfg.Validate(); err == nil || err.Error() != "batches per epoch must be between 0 (a whole pass) and 1000000" {
			t.Errorf("%d: got %v; want batches per epoch must be between 0 (a whole pass) and 1000000", n, err)
		}
	}
}
