package main

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"fabulist/internal/safefile"
	"fabulist/model/fab"
	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
)

func cmdQATrain(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	def := qa.DefaultConfig(5000)
	fs := newFlags("qa train", "-data DIR [-split train] [-val val] [flags] -o qa.fab")
	dir := fs.String("data", "", "a folder laid out as FairytaleQA's: questions/SPLIT/*.csv and section-stories/SPLIT/*.csv")
	split := fs.String("split", "train", "the split to train on")
	valSplit := fs.String("val", "val", "the split to validate on after each epoch (\"\": none)")
	out := fs.String("o", "", "model file to write")
	vocab := fs.Int("vocab", def.V, "the most frequent words kept, the four reserved ids included (5 to 131072)")
	embed := fs.Int("embedding", def.Embed, "embedding size")
	units := fs.Int("units", def.Units, "the tagger's and the encoder's GRU units, each way")
	dec := fs.Int("decoder_units", def.Decoder, "the decoder GRU's units")
	att := fs.Int("attention_units", def.Attention, "attention units")
	lr := fs.Float64("lr", float64(def.LR), "Adam's learning rate")
	batch := fs.Int("batch", def.Batch, "examples per update")
	epochs := fs.Int("epochs", def.Epochs, "passes over the training examples")
	seed := fs.Uint64("seed", def.Seed, "random seed: the same seed and data give the same model")
	maxBatches := fs.Int("max-batches", 0, "stop after this many batches (0: train every epoch)")
	asJSON := fs.Bool("json", false, "one JSON object per report")
	report := fs.Int("report", 20, "batches between reports")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" || *out == "" {
		return usageError{"-data and -o are required"}
	}
	if err := intIn("report", *report, 1, 1<<30); err != nil {
		return err
	}
	if err := intIn("max-batches", *maxBatches, 0, 1<<30); err != nil {
		return err
	}
	cfg := def
	cfg.V, cfg.Embed, cfg.Units, cfg.Decoder, cfg.Attention = *vocab, *embed, *units, *dec, *att
	cfg.LR, cfg.Batch, cfg.Epochs, cfg.Seed = float32(*lr), *batch, *epochs, *seed
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	if err := safefile.CheckWritable(*out); err != nil {
		return err
	}
	trainSet, err := dataset.ReadFairytaleQA(*dir, *split)
	if err != nil {
		return err
	}
	var valSet dataset.Set
	if *valSplit != "" {
		if valSet, err = dataset.ReadFairytaleQA(*dir, *valSplit); err != nil {
			return err
		}
	}
	v, train, val, err := qa.PrepareSet(trainSet, valSet, cfg.V)
	if err != nil {
		return err
	}
	run, err := qa.NewRun(cfg, v, train, val)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d training and %d validation examples (answers found in their passages), %d words, %d batches an epoch\n",
		len(train), len(val), len(v.Words), run.Batches())
	enc := json.NewEncoder(stdout)
	start, steps := time.Now(), 0
	for !run.Done() && (*maxBatches == 0 || steps < *maxBatches) {
		epoch := run.Epoch
		l := run.Step()
		steps++
		ended := run.Epoch != epoch
		if steps%*report != 0 && !ended {
			continue
		}
		p := struct {
			Epoch   int        `json:"epoch"`
			Batch   int        `json:"batch"`
			Loss    qa.Losses  `json:"loss"`
			Val     *qa.Losses `json:"val,omitempty"`
			Seconds float64    `json:"seconds"`
		}{epoch + 1, steps, l, nil, time.Since(start).Seconds()}
		if h := run.Model.History.Val; ended && len(h) > 0 {
			p.Val = &h[len(h)-1]
		}
		if *asJSON {
			if err := enc.Encode(p); err != nil {
				return err
			}
			continue
		}
		line := fmt.Sprintf("epoch %d batch %d: tagger %.3f, question %.3f nats/token", p.Epoch, p.Batch, l.Tagger, l.Question)
		if p.Val != nil {
			line += fmt.Sprintf("; validation tagger %.3f, question %.3f", p.Val.Tagger, p.Val.Question)
		}
		fmt.Fprintf(stdout, "%s (%.0f s)\n", line, p.Seconds)
	}
	run.Model.Train = run.State()
	b, err := qa.Encode(run.Model)
	if err != nil {
		return err
	}
	return safefile.Write(*out, b)
}

// readQAModel reads a question model file.
func readQAModel(path string) (*qa.Model, error) {
	b, err := readLimited(path, 1<<30, []byte(fab.Magic), "question model files up to 1 GB")
	if err != nil {
		return nil, err
	}
	m, err := qa.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
