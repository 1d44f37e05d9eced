package lm_test

import (
	"fmt"
	"os"
	"strings"

	"fabulist/model/lm"
)

// fables is a small corpus of our own: two stories, each ended by the separator.
var fables = strings.Repeat("the fox saw the grapes and said they were sour . | the tortoise won the race because he never stopped . | ", 8)

// trained is a small word-level model trained on fables.
func trained(epochs int) *lm.Run {
	cfg := lm.BookConfig()
	cfg.Cleaning, cfg.Loss, cfg.SeqLen, cfg.Embed, cfg.Units, cfg.Batch, cfg.LR, cfg.Epochs = lm.CleanNone, lm.LossEvery, 5, 8, 16, 8, 0.01, epochs
	r, err := lm.NewRun(fables, cfg, lm.RunOptions{})
	if err != nil {
		panic(err)
	}
	for !r.Trainer.Done() {
		if _, err := r.Step(); err != nil {
			panic(err)
		}
	}
	return r
}

// A Run is a text made ready for training, a network initialised from the settings' seed and a
// Trainer, which runs one batch per Step, so that its caller can pause between any two; the end of
// each epoch reports the validation loss. The figures depend on the kernels, so this prints
// what does not.
func ExampleNewRun() {
	cfg := lm.BookConfig()
	cfg.Cleaning, cfg.SeqLen, cfg.Embed, cfg.Units, cfg.Batch, cfg.LR, cfg.Epochs = lm.CleanNone, 5, 8, 16, 8, 0.01, 6
	r, err := lm.NewRun(fables, cfg, lm.RunOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d ids, %d training windows, %d batches an epoch\n", r.Corpus.Tok.VocabSize(), len(r.Corpus.Data.Train), r.Trainer.Batches())
	var first, last float64
	for !r.Trainer.Done() {
		p, err := r.Step()
		if err != nil {
			fmt.Println(err)
			return
		}
		if p.EpochDone {
			if p.Epoch == 1 {
				first = p.Loss
			}
			last = p.Loss
			fmt.Printf("epoch %d of %d: validated %v\n", p.Epoch, p.Epochs, p.ValLoss != nil)
		}
	}
	fmt.Println("the loss fell by half:", last < first/2)
	// Output:
	// 19 ids, 161 training windows, 21 batches an epoch
	// epoch 1 of 6: validated true
	// epoch 2 of 6: validated true
	// epoch 3 of 6: validated true
	// epoch 4 of 6: validated true
	// epoch 5 of 6: validated true
	// epoch 6 of 6: validated true
	// the loss fell by half: true
}

// A Generator continues a prompt. At temperature 0 it takes the likeliest token each time, which a
// model this well trained on two fables knows; tokens the model does not know are reported and
// left out, and the story ends at the separator.
func ExampleGenerator_Generate() {
	g := trained(30).Gen
	o := lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: 0, TopP: 1}, N: 50, Mode: lm.GenWindow}
	res := g.Generate("the fox saw the zebra", o, nil)
	fmt.Println(lm.Join(lm.Word, "the fox saw the", res.Text))
	fmt.Println("unknown:", res.Unknown, "stopped at the separator:", res.Stopped)
	// Output:
	// the fox saw the grapes and said they were sour .
	// unknown: [zebra] stopped at the separator: true
}

// Decode opens a model file of any version: this one was written before the file's header named
// the kind of model, and before the tokenizer's split was recorded.
func ExampleDecode() {
	b, err := os.ReadFile("testdata/golden/v1.fab")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := lm.Decode(b)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := m.Net.Cfg
	fmt.Printf("%s level, cleaning %s, split %s: %d ids\n", cfg.Level, cfg.Cleaning, m.Tok.Split, m.Net.V)
	fmt.Printf("Embedding(%d) → LSTM(%d) × %d: %d parameters\n", cfg.Embed, cfg.Units, cfg.Layers, len(m.Net.P.Data))
	fmt.Printf("%d epoch trained; resumable with %s: %v\n", len(m.History.Epochs), m.Train.Optimizer, m.Train != nil)
	_, err = lm.Decode(b[:100])
	fmt.Println(err)
	// Output:
	// word level, cleaning none, split space: 7 ids
	// Embedding(3) → LSTM(4) × 1: 184 parameters
	// 1 epoch trained; resumable with adam: true
	// truncated model file
}
