package lm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"fabulist/model/nn"
)

// The engine's benchmarks: natively, in wasm under Node with the pure-Go kernels, and with the
// browser's SIMD kernels when built with -tags simd (simd_test.go; make bench-wasm).

// benchTrain measures training of the book configuration on Aesop in samples (windows) per second.
func benchTrain(b *testing.B, loss LossMode, mm nn.Gemm) { benchTrainOn(b, loss, mm, 1) }

// BenchmarkTrainParallel trains the book model on one and on two workers (goroutines here, Web
// Workers in the browser) with the single-threaded pure-Go kernel, so that the ratio shows what
// sharing a batch gains on this machine's cores.
func BenchmarkTrainParallel(b *testing.B) {
	for _, k := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", k), func(b *testing.B) { benchTrainOn(b, LossLast, nn.GoKernel, k) })
	}
}

// BenchmarkTrainWorkers trains the book's model on Aesop natively on one and two workers with
// the default kernel, on each objective: the native side of #16's comparison with the page
// (make bench-browser runs it beside the page's figures, on the objective it measured).
func BenchmarkTrainWorkers(b *testing.B) {
	for _, loss := range []LossMode{LossLast, LossEvery} {
		for _, k := range []int{1, 2} {
			b.Run(fmt.Sprintf("loss=%s/workers=%d", loss, k), func(b *testing.B) { benchTrainOn(b, loss, nn.DefaultGemm, k) })
		}
	}
}

// BenchmarkTrainCell trains the book's model with each cell on one worker, on the book's loss
// (where the recurrent layer is most of a step) and on every position (the default, where the
// dense layer and softmax over 20 times the rows are), so that the ratios show what the LSTM's
// gates cost against the GRU's and none.
func BenchmarkTrainCell(b *testing.B) {
	for _, loss := range []LossMode{LossLast, LossEvery} {
		for _, cell := range cells {
			b.Run(fmt.Sprintf("%s/%s", loss, cell), func(b *testing.B) {
				cfg := DefaultConfig()
				cfg.Cell, cfg.Loss = cell, loss
				benchTrainConfig(b, cfg, nn.DefaultGemm, 1)
			})
		}
	}
}

// BenchmarkTrainQuick trains the Quick preset and the variants issue #16's character-level study
// weighed (more units, the GRU, longer windows in half the batch) on tinyshakespeare, one worker,
// so that each variant's cost per sample relative to the preset's gives the samples it trains in
// the same time; built with -tags simd and run under Node it gives the browser's ratios.
func BenchmarkTrainQuick(b *testing.B) {
	for _, v := range []struct {
		name string
		set  func(*Config)
	}{
		{"preset", func(*Config) {}},
		{"units=192", func(c *Config) { c.Units = 192 }},
		{"units=256", func(c *Config) { c.Units = 256 }},
		{"cell=gru", func(c *Config) { c.Cell = CellGRU }},
		{"seq=80,batch=16", func(c *Config) { c.SeqLen, c.Batch = 80, 16 }},
	} {
		b.Run(v.name, func(b *testing.B) {
			cfg := QuickConfig()
			v.set(&cfg)
			benchTrainConfigOn(b, cfg, nn.DefaultGemm, 1, "tinyshakespeare.txt")
		})
	}
}

func benchTrainOn(b *testing.B, loss LossMode, mm nn.Gemm, workers int) {
	cfg := BookConfig()
	cfg.Loss = loss
	benchTrainConfig(b, cfg, mm, workers)
}

func benchTrainConfig(b *testing.B, cfg Config, mm nn.Gemm, workers int) {
	benchTrainConfigOn(b, cfg, mm, workers, "aesop.txt")
}

func benchTrainConfigOn(b *testing.B, cfg Config, mm nn.Gemm, workers int, corpus string) {
	loss := cfg.Loss
	r, err := NewRun(sharedCorpus(b, corpus), cfg, RunOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r.Net.SetGemm(mm) // before Share: the helpers' replicas take the coordinator's kernel
	if err := r.Share(workers); err != nil {
		b.Fatal(err)
	}
	r.Step() // first-touch of buffers
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*cfg.Batch)/b.Elapsed().Seconds(), "samples/s")
	if loss == LossEvery {
		b.ReportMetric(float64(b.N*cfg.Batch*cfg.SeqLen)/b.Elapsed().Seconds(), "targets/s")
	}
}

func BenchmarkTrainBookLast(b *testing.B)  { benchTrain(b, LossLast, nn.DefaultGemm) }
func BenchmarkTrainBookEvery(b *testing.B) { benchTrain(b, LossEvery, nn.DefaultGemm) }

// bookGenerator writes with an untrained book model: speed does not depend on the weights.
func bookGenerator(b *testing.B) *Generator {
	cfg := BookConfig()
	tok, _ := bookData(b, cfg)
	net, err := NewNet(cfg, tok.VocabSize())
	if err != nil {
		b.Fatal(err)
	}
	return NewGenerator(net, tok)
}

// benchGenerate measures writing with the book model (untrained weights: speed does not depend
// on them) in ms per token.
func benchGenerate(b *testing.B, mode GenMode) {
	g := bookGenerator(b)
	rng := rand.New(rand.NewPCG(1, 1))
	// No separator stop: temperature sampling over 4,169 ids rarely picks it, but count tokens
	// actually written.
	tokens := 0
	for b.Loop() {
		res := g.Generate("the fox", GenOptions{SampleOptions: SampleOptions{Temperature: 1, TopP: 1}, N: 20, Mode: mode}, rng)
		tokens += len(res.IDs) + 1
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(tokens), "ms/token")
}

func BenchmarkGenerateWindow(b *testing.B)   { benchGenerate(b, GenWindow) }
func BenchmarkGenerateStateful(b *testing.B) { benchGenerate(b, GenStateful) }

// BenchmarkEpochSamples compares the four samples after an epoch written one after another with
// the same four written as one batch (what training does), in ms per token written.
func BenchmarkEpochSamples(b *testing.B) {
	g := bookGenerator(b)
	opts := make([]GenOptions, len(SampleTemperatures))
	for i, temp := range SampleTemperatures {
		opts[i] = GenOptions{SampleOptions: SampleOptions{Temperature: temp, TopP: 1}, N: 20, Mode: GenWindow, IgnoreSeparator: true}
	}
	b.Run("one-by-one", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 1))
		tokens := 0
		for b.Loop() {
			for _, o := range opts {
				tokens += len(g.Generate("", o, rng).IDs)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(tokens), "ms/token")
	})
	b.Run("batched", func(b *testing.B) {
		rng := rand.New(rand.NewPCG(1, 1))
		tokens := 0
		for b.Loop() {
			for _, r := range g.GenerateBatch("", opts, rng) {
				tokens += len(r.IDs)
			}
		}
		b.ReportMetric(b.Elapsed().Seconds()*1000/float64(tokens), "ms/token")
	})
}

// BenchmarkValidate measures validation of the default model on Aesop, the book's way: "all" is
// the epoch's own pass over every held-out window (Trainer.Evaluate(0)); "check" is a check
// within an epoch (Config.ValChecks), over CheckWindows of them.
func BenchmarkValidate(b *testing.B) {
	r, err := NewRun(sharedCorpus(b, "aesop.txt"), DefaultConfig(), RunOptions{})
	if err != nil {
		b.Fatal(err)
	}
	r.Trainer.Evaluate(64) // first-touch of buffers
	for _, bc := range []struct {
		name  string
		limit int
	}{{"all", 0}, {"check", CheckWindows}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				r.Trainer.Evaluate(bc.limit)
			}
			windows := len(r.Corpus.Data.Val)
			if bc.limit > 0 {
				windows = min(windows, bc.limit)
			}
			b.ReportMetric(float64(windows), "windows/check")
		})
	}
}

// BenchmarkTrainShare trains the book's model on one worker at its batch of 32 and at 16, the
// share each of two workers computes: twice the half batch's samples/s is what two workers could
// reach with nothing serial, on cores that do not slow each other down.
func BenchmarkTrainShare(b *testing.B) {
	for _, batch := range []int{32, 16} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			cfg := BookConfig()
			cfg.Loss, cfg.Batch = LossLast, batch
			benchTrainConfig(b, cfg, nn.DefaultGemm, 1)
		})
	}
}
