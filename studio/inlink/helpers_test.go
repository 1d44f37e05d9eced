package inlink

import (
	"testing"

	"fabulist/model/lm"
	"fabulist/samples"
)

// tinyConfig is a character model small enough to train a little in a test.
func tinyConfig(units int) lm.Config {
	c := lm.QuickConfig()
	c.SeqLen, c.Embed, c.Units, c.Batch, c.Epochs = 20, 16, units, 16, 1
	return c
}

// sampleText is the studio's English sample fables.
func sampleText(t testing.TB) string {
	b, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// trained trains cfg on text for steps batches and returns the run.
func trained(t testing.TB, text string, cfg lm.Config, steps int) *lm.Run {
	t.Helper()
	r, err := lm.NewRun(text, cfg, lm.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for range steps {
		if _, err := r.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// samplesKo is the studio's Korean sample fables.
func samplesKo() (string, error) {
	b, err := samples.FS.ReadFile("fables-ko.txt")
	return string(b), err
}
