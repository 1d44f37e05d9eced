package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"fabulist/model/lm"
	"fabulist/model/nn"
)

// cmdQuality is the time-to-quality study: it trains with the given settings for a time budget
// and prints the validation loss at fixed points of training time (evaluation is not counted),
// so that loss modes and settings compare by what they reach in the same time.
func cmdQuality(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("quality", "-text FILE [flags]")
	textPath := fs.String("text", "", "the corpus")
	settings := configFlags(fs)
	budget := fs.Duration("time", 10*time.Minute, "training time")
	every := fs.Duration("eval", time.Minute, "training time between evaluations")
	maxVal := fs.Int("val", 4000, "validation windows per evaluation, spread over the held-out tail (0: all)")
	budgetSamples := fs.Int("samples", 0, "train on this many samples instead of for -time, evaluating every tenth of them; "+
		"unlike time, a sample count does not depend on what else the machine runs")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *textPath == "" {
		return usageError{"-text is required"}
	}
	cfg, err := settings()
	if err != nil {
		return err
	}
	switch {
	case *budget <= 0:
		return usageError{fmt.Sprintf("-time must be above 0 (got %v)", *budget)}
	case *every <= 0:
		return usageError{fmt.Sprintf("-eval must be above 0 (got %v)", *every)}
	}
	if err := intIn("val", *maxVal, 0, -1); err != nil {
		return err
	}
	if err := intIn("samples", *budgetSamples, 0, -1); err != nil {
		return err
	}
	// The budget ends the run, unless -epochs ends it first: a learning-rate schedule runs over
	// the epochs, so a study of one names them.
	epochsSet := false
	fs.Visit(func(f *flag.Flag) { epochsSet = epochsSet || f.Name == "epochs" })
	if !epochsSet {
		cfg.Epochs = 1000
	}
	text, err := readText(*textPath)
	if err != nil {
		return err
	}
	run, err := lm.NewRun(text, cfg, lm.RunOptions{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "# %s level, loss %s, step %d, %d training windows, kernel %s\n",
		cfg.Level, cfg.Loss, cfg.Step, len(run.Corpus.Data.Train), nn.DefaultGemm.Name())
	fmt.Fprintln(stdout, "minutes\tsamples\tval_loss")
	var trained time.Duration
	samples := 0
	// Progress is counted in one unit: training seconds, or samples under -samples.
	at, end, step := func() float64 { return trained.Seconds() }, budget.Seconds(), every.Seconds()
	if *budgetSamples > 0 {
		at, end, step = func() float64 { return float64(samples) }, float64(*budgetSamples), max(float64(*budgetSamples)/10, 1)
	}
	for next := step; at() < end && !run.Trainer.Done(); {
		began, batches := time.Now(), len(run.Trainer.History.BatchLoss)
		if _, err := run.Step(); err != nil {
			return err
		}
		// A step trained a batch if it added its loss: the last step of a validation check
		// reports neither Validating nor EpochDone, and trains nothing.
		if len(run.Trainer.History.BatchLoss) > batches {
			trained += time.Since(began)
			samples += cfg.Batch
		}
		if at() >= next || at() >= end || run.Trainer.Done() {
			fmt.Fprintf(stdout, "%.1f\t%d\t%.4f\n", trained.Minutes(), samples, run.Trainer.Evaluate(*maxVal))
			next += step
		}
	}
	return nil
}
