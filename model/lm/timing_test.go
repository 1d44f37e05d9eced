package lm

import (
	"testing"

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
