package qa

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa/dataset"
)

// BenchmarkQATrain trains the default question model (DefaultConfig, a 5,000-word vocabulary) on
// FairytaleQA's training spans and reports examples (passage, answer, question) per second, on
// one worker and natively on two sharing each batch (-workers 2), and the book's architecture
// (BookConfig) beside it likewise; make bench runs it natively and in wasm, where one thread makes
// a second worker pointless.
func BenchmarkQATrain(b *testing.B) {
	set, err := dataset.ReadFairytaleQA(need.DataPath(b, "fairytaleqa"), "train")
	if err != nil {
		b.Fatal(err)
	}
	v, train, _, err := PrepareSet(set, nil, 5000)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		cfg     Config
		workers int
	}{{DefaultConfig(len(v.Words)), 1}, {DefaultConfig(len(v.Words)), 2}, {BookConfig(len(v.Words)), 1},
		{BookConfig(len(v.Words)), 2}} {
		b.Run(fmt.Sprintf("arch=%s/workers=%d", c.cfg.Arch, c.workers), func(b *testing.B) {
			if c.workers > 1 && runtime.GOARCH == "wasm" {
				b.Skip("one thread in wasm")
			}
			r, err := NewRun(c.cfg, v, train, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := r.Share(c.workers); err != nil {
				b.Fatal(err)
			}
			r.Step() // first-touch of buffers
			b.ResetTimer()
			for b.Loop() {
				r.Step()
			}
			b.ReportMetric(float64(b.N*r.Model.Config.Batch)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}

// BenchmarkQAAsk20 asks 20 questions about a 500-word fable with a model of the default sizes
// (untrained weights: the work is the same) and a beam of 5, and reports ms per 20 questions,
// the figure for the page: together (AskAll, as Pairs decodes them) and one at a time
// (Ask).
func BenchmarkQAAsk20(b *testing.B) {
	fable := strings.Repeat("The Fox saw some fine bunches of Grapes hanging from a vine that was trained along a high trellis, and did his best to reach them by jumping as high as he could into the air. ", 15)
	words, toks := Words(fable)
	vocab := slices.Clone(words)
	for i := len(vocab); i < 5000; i++ { // a vocabulary of the default size, as training makes
		vocab = append(vocab, fmt.Sprintf("w%d", i))
	}
	v, err := BuildVocab([][]string{vocab}, 5000)
	if err != nil {
		b.Fatal(err)
	}
	cfg := DefaultConfig(len(v.Words))
	n, err := NewNet(cfg.Shape, 1)
	if err != nil {
		b.Fatal(err)
	}
	g, err := NewTrained(&Model{Config: cfg, Net: n, Vocab: v}, 5)
	if err != nil {
		b.Fatal(err)
	}
	g.MaxLen = 15 // FairytaleQA's questions: a median of 10 words
	var spans [][2]int
	for k := range 20 {
		t := toks[k*len(toks)/20]
		spans = append(spans, [2]int{t.Start, t.End})
	}
	b.Run("together", func(b *testing.B) {
		for b.Loop() {
			if _, err := g.AskAll(fable, spans); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/20-questions")
		b.ReportMetric(float64(len(words)), "passage-tokens")
	})
	b.Run("one-at-a-time", func(b *testing.B) {
		for b.Loop() {
			for _, sp := range spans {
				if _, err := g.Ask(fable, sp[0], sp[1]); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/20-questions")
		b.ReportMetric(float64(len(words)), "passage-tokens")
	})
}
