package lm

import (
	"slices"
	"strings"
	"testing"

	"fabulist/model/nn"

	"fabulist/samples"
)

// BenchmarkEstimateRun is what the studio's epoch-time estimate spends making its run of the
// book's model on the 550-word sample fables, the text already prepared by the analysis: a run
// as training makes it (NewRun: Prepare again and Keras' initialisers, the orthogonal recurrent
// kernel most of it), and the timing run the estimate makes (NewTimingRun).
func BenchmarkEstimateRun(b *testing.B) {
	text, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig()
	corpus, err := Prepare(string(text), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("NewRun", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewRun(string(text), cfg, RunOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("NewTimingRun", func(b *testing.B) {
		for b.Loop() {
			if _, err := NewTimingRun(corpus, cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// timingHeld is a network of cfg over a corpus of testStory, the run NewTimingNet borrows from.
func timingHeld(t *testing.T) (Config, *Net) {
	t.Helper()
	cfg := QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Batch = 24, 8, 12, 16
	corpus, err := Prepare(testStory(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	held, err := NewNet(cfg, corpus.Tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	return cfg, held
}

// TestATimingNetComputesWithTheHeldWeights: a timing network of other settings over the same
// layout reads the held network's weights where they lie and computes, under its own settings
// (another loss, dropout, sequence length and batch), the gradient a network of those settings
// holding a copy of them computes, bit for bit, into a gradient of its own; the held network's
// weights and gradient stay as they were.
func TestATimingNetComputesWithTheHeldWeights(t *testing.T) {
	held, heldNet := timingHeld(t)
	cfg := held
	cfg.Loss, cfg.Dropout, cfg.InputDropout, cfg.SeqLen, cfg.Batch, cfg.Optimizer = LossLast, 0.3, 0.2, 7, 5, nn.RMSpropName
	corpus, err := Prepare(testStory(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	net, err := NewTimingNet(heldNet, cfg, corpus.Tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	if &net.P.Data[0] != &heldNet.P.Data[0] || len(net.P.Data) != len(heldNet.P.Data) {
		t.Fatal("the timing network does not read the held network's weights where they lie")
	}
	if net.Cfg != cfg {
		t.Errorf("the timing network's settings are %+v; want %+v", net.Cfg, cfg)
	}
	copied, err := NewNet(cfg, corpus.Tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	copy(copied.P.Data, heldNet.P.Data)
	weights, heldGrad := slices.Clone(heldNet.P.Data), slices.Clone(heldNet.P.Grad)
	starts := corpus.Data.Train[:cfg.Batch]
	got, gotLoss, err := NewReplica(net, corpus.Data).Gradient(starts, 9, len(starts))
	if err != nil {
		t.Fatal(err)
	}
	want, wantLoss, _ := NewReplica(copied, corpus.Data).Gradient(starts, 9, len(starts))
	if !slices.Equal(got, want) || gotLoss != wantLoss {
		t.Errorf("the timing network's gradient (loss %v) differs from a copy's under the same settings (loss %v)", gotLoss, wantLoss)
	}
	if &got[0] == &heldNet.P.Grad[0] {
		t.Error("the timing network wrote its gradient into the held network's")
	}
	if !slices.Equal(heldNet.P.Data, weights) || !slices.Equal(heldNet.P.Grad, heldGrad) {
		t.Error("the timing network changed the held network's weights or gradient")
	}
}

// TestATimingNetRefusesAnotherLayout: settings that lay the parameters out otherwise (another
// vocabulary, width, depth or cell) are refused, whatever the count of parameters.
func TestATimingNetRefusesAnotherLayout(t *testing.T) {
	held, heldNet := timingHeld(t)
	V := heldNet.V
	for _, tc := range []struct {
		name string
		edit func(*Config, *int)
	}{
		{"vocabulary", func(_ *Config, v *int) { *v++ }},
		{"units", func(c *Config, _ *int) { c.Units++ }},
		{"embedding", func(c *Config, _ *int) { c.Embed++ }},
		{"layers", func(c *Config, _ *int) { c.Layers++ }},
		{"cell", func(c *Config, _ *int) { c.Cell = CellGRU }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, v := held, V
			tc.edit(&cfg, &v)
			if net, err := NewTimingNet(heldNet, cfg, v); err == nil {
				t.Errorf("got a timing network of %d parameters over the held network's %d; want a refusal", len(net.P.Data), len(heldNet.P.Data))
			}
		})
	}
	bad := held
	bad.Batch = 0
	if _, err := NewTimingNet(heldNet, bad, V); err == nil {
		t.Error("settings Validate refuses were taken")
	}
}

// TestEpochWorkIsTheTrainers: what the estimate multiplies a batch's time by is what a trainer
// trains and measures in an epoch, counted as it runs one: its batches, and the held-out windows
// of every validation pass, the checks within the epoch among them (the estimate counted the
// epoch's last pass alone, so five checks an epoch over a short text's every window were four
// passes it left out), for whole and partial epochs, any number of checks, and checks over
// fewer windows than the whole validation set.
func TestEpochWorkIsTheTrainers(t *testing.T) {
	held, _ := timingHeld(t)
	for _, tc := range []struct {
		name string
		text string
		edit func(*Config)
	}{
		{"as set", testStory(), func(*Config) {}},
		{"whole epochs, five checks", testStory(), func(c *Config) { c.StepsPerEpoch, c.ValChecks = 0, 5 }},
		{"whole epochs, one check", testStory(), func(c *Config) { c.StepsPerEpoch, c.ValChecks = 0, 1 }},
		{"more checks than batches", testStory(), func(c *Config) { c.StepsPerEpoch, c.ValChecks, c.Batch = 0, 9, 512 }},
		{"partial epochs", testStory(), func(c *Config) { c.StepsPerEpoch, c.Batch = 3, 4 }},
		{"partial epochs, five checks", testStory(), func(c *Config) { c.StepsPerEpoch, c.Batch, c.ValChecks = 7, 4, 5 }},
		{"a batch larger than the text", testStory(), func(c *Config) { c.StepsPerEpoch, c.Batch = 0, 4096 }},
		// More held-out windows than a check measures (CheckWindows).
		{"a long text, five checks", strings.Repeat(fableText, 40), func(c *Config) { c.StepsPerEpoch, c.Batch, c.ValChecks = 10, 256, 5 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := held
			tc.edit(&cfg)
			corpus, err := Prepare(tc.text, cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			net, _ := NewNet(cfg, corpus.Tok.VocabSize())
			tr, err := NewTrainer(net, corpus.Data)
			if err != nil {
				t.Fatal(err)
			}
			// One epoch, counting the windows each check within it measures (chkN starts at 0
			// with each check); valN is then the epoch's own pass.
			checked := 0
			for tr.Epoch() == 0 {
				checking, before := tr.checking, tr.chkN
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
				if checking {
					checked += tr.chkN - before
				}
			}
			b, v := EpochWork(cfg, corpus.Data)
			if b != len(tr.History.BatchLoss) || v != checked+tr.valN {
				t.Errorf("got %d batches and %d validation windows; want the trainer's %d and %d (%d in checks within the epoch, %d at its end)",
					b, v, len(tr.History.BatchLoss), checked+tr.valN, checked, tr.valN)
			}
			t.Logf("%d batches, %d windows measured (%d in checks within the epoch)", b, v, checked)
		})
	}
}
