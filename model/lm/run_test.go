package lm

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"fabulist/model/nn"
)

func runConfig() Config {
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch, cfg.Epochs = 16, 8, 10, 32, 2
	return cfg
}

// stepRun steps r until it has trained batches batches in all (0: to its end), and returns the
// samples it wrote after each epoch.
func stepRun(t *testing.T, r *Run, batches int) [][]EpochSample {
	t.Helper()
	var samples [][]EpochSample
	for !r.Trainer.Done() && (batches == 0 || len(r.Trainer.History.BatchLoss) < batches) {
		p, err := r.Step()
		if err != nil {
			t.Fatal(err)
		}
		if p.EpochDone {
			samples = append(samples, r.EpochSamples(40))
		}
	}
	return samples
}

// A run saved in the middle of its first epoch and resumed from its file trains the same weights
// and writes the same samples as the run that went on, on one worker and on two, and with a
// learning-rate schedule, which the file must carry for the rate to go on where it was, and with
// epochs capped by steps_per_epoch. Each run is saved within its first epoch: the samples'
// random source starts again at a resumption (Run.Sampler), so only the samples of epochs that
// end after it compare.
func TestResumeRunContinuesExactly(t *testing.T) {
	type variant struct {
		schedule Schedule
		steps    int // steps_per_epoch (0: whole passes)
		save     int // batches trained before the save
	}
	for _, workers := range []int{1, 2} {
		for _, v := range []variant{{"", 0, 5}, {ScheduleCosine, 0, 5}, {ScheduleCosine, 3, 2}} {
			t.Run(fmt.Sprint(workers, " workers ", v.schedule, " steps_per_epoch ", v.steps), func(t *testing.T) {
				start := func() *Run {
					cfg := runConfig()
					cfg.Schedule, cfg.StepsPerEpoch = v.schedule, v.steps
					r, err := NewRun(fableText, cfg, RunOptions{})
					if err != nil {
						t.Fatal(err)
					}
					if err := r.Share(workers); err != nil {
						t.Fatal(err)
					}
					return r
				}
				straight := start()
				want := stepRun(t, straight, 0)

				part := start()
				stepRun(t, part, v.save)
				b, err := Encode(part.Model())
				if err != nil {
					t.Fatal(err)
				}
				m, err := Decode(b)
				if err != nil {
					t.Fatal(err)
				}
				resumed, err := ResumeRun(m, fableText, RunOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if resumed.Trainer.Workers != max(workers, 1) {
					t.Errorf("resumed on %d workers; want %d", resumed.Trainer.Workers, workers)
				}
				got := stepRun(t, resumed, 0)
				if !slices.Equal(resumed.Net.P.Data, straight.Net.P.Data) {
					t.Error("the resumed run's weights differ from the straight run's")
				}
				if !slices.Equal(resumed.Trainer.History.BatchLoss, straight.Trainer.History.BatchLoss) {
					t.Error("the resumed run's batch losses differ from the straight run's")
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("the resumed run's samples differ: got %v; want %v", got, want)
				}
			})
		}
	}
}

func TestResumeRunRefusesWhatItCannotContinue(t *testing.T) {
	r, err := NewRun(fableText, runConfig(), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	stepRun(t, r, 3)
	b, err := Encode(r.Model())
	if err != nil {
		t.Fatal(err)
	}
	decode := func() *Model {
		m, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	noState := decode()
	noState.Train = nil
	otherOrder := decode()
	otherOrder.Train.Order = otherOrder.Train.Order[1:]
	for _, c := range []struct {
		name string
		m    *Model
		text string
		want error
	}{
		{"another text", decode(), fableText + "!", ErrOtherText},
		{"no training state", noState, fableText, ErrNoTrainState},
		{"a window order of another text", otherOrder, fableText, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			epochs := c.m.Net.Cfg.Epochs
			_, err := ResumeRun(c.m, c.text, RunOptions{Epochs: epochs + 3})
			if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
				t.Errorf("got %v; want %v", err, c.want)
			}
			if c.m.Net.Cfg.Epochs != epochs {
				t.Errorf("the refused model's epochs became %d; want %d as it was", c.m.Net.Cfg.Epochs, epochs)
			}
		})
	}

	m := decode()
	more, err := ResumeRun(m, fableText, RunOptions{Epochs: 5})
	if err != nil {
		t.Fatal(err)
	}
	if more.Net.Cfg.Epochs != 5 || m.Net.Cfg.Epochs != 5 {
		t.Errorf("Epochs 5: the run trains %d epochs; want 5", more.Net.Cfg.Epochs)
	}
	if fewer, err := ResumeRun(decode(), fableText, RunOptions{Epochs: 1}); err != nil || fewer.Net.Cfg.Epochs != 2 {
		t.Errorf("Epochs 1: the run trains %d epochs (%v); want the file's 2", fewer.Net.Cfg.Epochs, err)
	}
	if err := more.Share(2); err == nil || more.Trainer.Workers != 0 {
		t.Errorf("Share(2) after 3 batches on one worker: %v, workers %d; want a refusal and no change", err, more.Trainer.Workers)
	}
}

// A run whose helpers cannot start says why: before its first batch it stays on one worker;
// after, it keeps its count, and Step refuses to train without them.
func TestRunWithoutHelpers(t *testing.T) {
	none := errors.New("no helpers here")
	fail := true
	o := RunOptions{Helpers: func(k int, r *Run) (nn.Helpers, error) {
		if fail {
			return nil, none
		}
		return NewLocalHelpers(k, r.Net, r.Corpus.Data)
	}}
	r, err := NewRun(fableText, runConfig(), o)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Share(2); !errors.Is(err, none) || r.Trainer.Workers != 1 {
		t.Errorf("Share(2) before training: %v, workers %d; want the helpers' error and one worker", err, r.Trainer.Workers)
	}
	fail = false
	if err := r.Share(2); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Step(); err != nil {
		t.Fatal(err)
	}
	fail, r.Trainer.Helpers = true, nil // as a two-worker run opened again
	if err := r.Share(2); !errors.Is(err, none) || r.Trainer.Workers != 2 {
		t.Errorf("Share(2) after a batch: %v, workers %d; want the helpers' error and still two", err, r.Trainer.Workers)
	}
	if _, err := r.Step(); !errors.Is(err, none) || len(r.Trainer.History.BatchLoss) != 1 {
		t.Errorf("Step: %v after %d batches; want the helpers' error and no batch more than 1", err, len(r.Trainer.History.BatchLoss))
	}
}

// A timing run trains as a run does, on the corpus it was given, from weights in U(±0.05).
func TestNewTimingRun(t *testing.T) {
	cfg := runConfig()
	corpus, err := Prepare(fableText, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewTimingRun(corpus, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := NewRun(fableText, cfg, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Corpus != corpus || len(r.Net.P.Data) != len(ref.Net.P.Data) || r.Trainer.Batches() != ref.Trainer.Batches() {
		t.Fatalf("timing run: corpus given %v, %d parameters, %d batches; want the given corpus, %d and %d",
			r.Corpus == corpus, len(r.Net.P.Data), r.Trainer.Batches(), len(ref.Net.P.Data), ref.Trainer.Batches())
	}
	for i, w := range r.Net.P.Data {
		if w < -0.05 || w > 0.05 {
			t.Fatalf("parameter %d is %v; want U(±0.05)", i, w)
		}
	}
	p, err := r.Step()
	if err != nil || !(p.Loss > 0) {
		t.Errorf("a step of the timing run: loss %v, %v", p.Loss, err)
	}
	bad := cfg
	bad.Units = 0
	if _, err := NewTimingRun(corpus, bad); err == nil {
		t.Error("settings out of range made a timing run")
	}
}
