package lm

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"fabulist/model/nn"
)

func TestScheduleRate(t *testing.T) {
	for _, c := range []struct {
		name        string
		s           Schedule
		step, total int
		want        float64
	}{
		{"none at the start", "", 0, 100, 0.002},
		{"none at the end", "", 99, 100, 0.002},
		{"constant half way", ScheduleConstant, 50, 100, 0.002},
		{"linear at the start", ScheduleLinear, 0, 100, 0.002},
		{"linear a quarter in", ScheduleLinear, 25, 100, 0.0015},
		{"linear at the last batch", ScheduleLinear, 99, 100, 0.00002},
		{"cosine at the start", ScheduleCosine, 0, 100, 0.002},
		{"cosine a quarter in", ScheduleCosine, 25, 100, 0.002 * (1 + math.Sqrt2/2) / 2},
		{"cosine half way", ScheduleCosine, 50, 100, 0.001},
		{"cosine three quarters in", ScheduleCosine, 75, 100, 0.002 * (1 - math.Sqrt2/2) / 2},
		{"cosine past the end", ScheduleCosine, 150, 100, 0},
		{"cosine of no batches", ScheduleCosine, 0, 0, 0.002},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.s.Rate(0.002, c.step, c.total); math.Abs(float64(got)-c.want) > 1e-9 {
				t.Errorf("got %g; want %g", got, c.want)
			}
		})
	}
}

// TestTrainerFollowsTheSchedule: each training batch's update uses the schedule's rate for the
// batches trained before it, counted over all epochs, and validation steps change nothing.
func TestTrainerFollowsTheSchedule(t *testing.T) {
	for _, s := range []Schedule{"", ScheduleLinear, ScheduleCosine} {
		t.Run("schedule "+string(s), func(t *testing.T) {
			cfg := runConfig()
			cfg.Schedule = s
			r, err := NewRun(fableText, cfg, RunOptions{})
			if err != nil {
				t.Fatal(err)
			}
			total := cfg.Epochs * r.Trainer.Batches()
			trained := 0
			for !r.Trainer.Done() {
				if _, err := r.Step(); err != nil {
					t.Fatal(err)
				}
				if len(r.Trainer.History.BatchLoss) == trained { // a validation step
					continue
				}
				if got, want := r.Trainer.Opt.(*nn.Adam).LR, s.Rate(cfg.LR, trained, total); got != want {
					t.Fatalf("batch %d of %d: learning rate %g; want %g", trained+1, total, got, want)
				}
				trained++
			}
			if trained != total {
				t.Errorf("trained %d batches; want %d", trained, total)
			}
		})
	}
}

// TestConfigScheduleJSON: settings from before the schedule and input dropout (files, links,
// workspaces) read as a constant rate without input dropout, and those write no field, so that
// they read as before; a schedule and input dropout are kept, and a schedule this version does
// not know is explained.
func TestConfigScheduleJSON(t *testing.T) {
	b, err := json.Marshal(BookConfig())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "lr_schedule") || strings.Contains(string(b), "input_dropout") {
		t.Errorf("a constant rate without input dropout writes %s; want no lr_schedule and no input_dropout", b)
	}
	var old Config
	if err := json.Unmarshal(b, &old); err != nil || old != BookConfig() {
		t.Errorf("got %+v (%v); want the book's settings", old, err)
	}
	cfg := BookConfig()
	cfg.Schedule = ScheduleCosine
	b, _ = json.Marshal(cfg)
	var back Config
	if err := json.Unmarshal(b, &back); err != nil || back != cfg {
		t.Errorf("%s read as %+v (%v)", b, back, err)
	}
	cfg.InputDropout = 0.25
	b, _ = json.Marshal(cfg)
	back = Config{}
	if err := json.Unmarshal(b, &back); err != nil || back != cfg {
		t.Errorf("%s read as %+v (%v)", b, back, err)
	}
	cfg.Schedule = "exponential"
	if err := cfg.Validate(); err == nil || err.Error() != "learning-rate schedule must be constant, linear or cosine" {
		t.Errorf("got %v; want learning-rate schedule must be constant, linear or cosine", err)
	}
}
