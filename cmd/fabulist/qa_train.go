package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"fabulist/internal/safefile"
	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
)

func cmdQATrain(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("qa train", "-data DIR [-split train] [-val val] [flags] -o qa.fab")
	dir := fs.String("data", "", "a folder laid out as FairytaleQA's: questions/SPLIT/*.csv and section-stories/SPLIT/*.csv")
	split := fs.String("split", "train", "the split to train on")
	valSplit := fs.String("val", "val", "the split to validate on after each epoch (\"\": none)")
	out := fs.String("o", "", "model file to write")
	config := qaConfigFlags(fs)
	maxBatches := fs.Int("max-batches", 0, "stop after this many batches (0: train every epoch)")
	asJSON := fs.Bool("json", false, "one JSON object per report")
	report := fs.Int("report", 20, "batches between reports")
	workers := fs.Int("workers", 1, "workers that share each batch, on this machine's cores: a run is reproducible for a given count (1 to 64)")
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
	if err := intIn("workers", *workers, 1, 64); err != nil {
		return err
	}
	cfg, err := config()
	if err != nil {
		return err
	}
	if err := safefile.CheckWritable(*out); err != nil {
		return err
	}
	run, err := qaRun(cfg, *dir, *split, *valSplit, stderr)
	if err != nil {
		return err
	}
	if err := run.Share(*workers); err != nil {
		return err
	}
	rep := qaReporter{w: stdout, json: *asJSON, start: time.Now()}
	for steps := 1; !run.Done() && (*maxBatches == 0 || steps <= *maxBatches); steps++ {
		epoch := run.Epoch
		l := run.Step()
		if ended := run.Epoch != epoch; ended || steps%*report == 0 {
			if err := rep.report(run, epoch, steps, l, ended); err != nil {
				return err
			}
		}
	}
	if err := run.Err(); err != nil {
		return err
	}
	run.Model.Train = run.State()
	b, err := qa.Encode(run.Model)
	if err != nil {
		return err
	}
	return safefile.Write(*out, b)
}

// qaConfigFlags adds the question model's settings to fs; the function it returns reads them
// into a checked Config.
func qaConfigFlags(fs *flag.FlagSet) func() (qa.Config, error) {
	def := qa.DefaultConfig(5000)
	vocab := fs.Int("vocab", def.V, "the most frequent words kept, the four reserved ids included (5 to 131072)")
	embed := fs.Int("embedding", def.Embed, "embedding size")
	units := fs.Int("units", def.Units, "the tagger's and the encoder's GRU units, each way")
	dec := fs.Int("decoder_units", def.Decoder, "the decoder GRU's units")
	att := fs.Int("attention_units", def.Attention, "attention units")
	lr := fs.Float64("lr", float64(def.LR), "Adam's learning rate")
	batch := fs.Int("batch", def.Batch, "examples per update")
	epochs := fs.Int("epochs", def.Epochs, "passes over the training examples")
	seed := fs.Uint64("seed", def.Seed, "random seed: the same seed and data give the same model")
	return func() (qa.Config, error) {
		cfg := def
		cfg.V, cfg.Embed, cfg.Units, cfg.Decoder, cfg.Attention = *vocab, *embed, *units, *dec, *att
		cfg.LR, cfg.Batch, cfg.Epochs, cfg.Seed = float32(*lr), *batch, *epochs, *seed
		if err := cfg.Validate(); err != nil {
			return cfg, usageError{err.Error()}
		}
		return cfg, nil
	}
}

// qaRun reads the splits of a FairytaleQA-shaped folder and starts a run on them, saying on stderr
// what it will train on.
func qaRun(cfg qa.Config, dir, split, valSplit string, stderr io.Writer) (*qa.Run, error) {
	trainSet, err := dataset.ReadFairytaleQA(dir, split)
	if err != nil {
		return nil, err
	}
	var valSet dataset.Set
	if valSplit != "" {
		if valSet, err = dataset.ReadFairytaleQA(dir, valSplit); err != nil {
			return nil, err
		}
	}
	v, train, val, err := qa.PrepareSet(trainSet, valSet, cfg.V)
	if err != nil {
		return nil, err
	}
	run, err := qa.NewRun(cfg, v, train, val)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "%d training and %d validation examples (answers found in their passages), %d words, %d batches an epoch\n",
		len(train), len(val), len(v.Words), run.Batches())
	return run, nil
}

// qaReporter prints qa train's progress, as text or JSON lines.
type qaReporter struct {
	w     io.Writer
	json  bool
	start time.Time
}

func (q qaReporter) report(run *qa.Run, epoch, steps int, l qa.Losses, ended bool) error {
	p := struct {
		Epoch   int        `json:"epoch"`
		Batch   int        `json:"batch"`
		Loss    qa.Losses  `json:"loss"`
		Val     *qa.Losses `json:"val,omitempty"`
		Seconds float64    `json:"seconds"`
	}{epoch + 1, steps, l, nil, time.Since(q.start).Seconds()}
	if h := run.Model.History.Val; ended && len(h) > 0 {
		p.Val = &h[len(h)-1]
	}
	if q.json {
		return json.NewEncoder(q.w).Encode(p)
	}
	line := fmt.Sprintf("epoch %d batch %d: tagger %.3f, question %.3f nats/token", p.Epoch, p.Batch, l.Tagger, l.Question)
	if p.Val != nil {
		line += fmt.Sprintf("; validation tagger %.3f, question %.3f", p.Val.Tagger, p.Val.Question)
	}
	_, err := fmt.Fprintf(q.w, "%s (%.0f s)\n", line, p.Seconds)
	return err
}
