package main

import (
	"fmt"
	"io"
	"time"

	"fabulist/model"
)

// cmdQuality is the time-to-quality study: it trains with the given settings for a time budget
// and prints the validation loss at fixed points of training time (evaluation is not counted),
// so that loss modes and settings compare by what they reach in the same time.
func cmdQuality(args []string, stdout io.Writer) error {
	fs := newFlags("quality", "-text FILE [flags]")
	cfg := model.DefaultConfig()
	textPath := fs.String("text", "", "the corpus")
	level := fs.String("level", string(cfg.Level), "word or char")
	clean := fs.String("clean", string(cfg.Cleaning), "book or none")
	loss := fs.String("loss", string(cfg.Loss), "last or every")
	fs.IntVar(&cfg.SeqLen, "seq", cfg.SeqLen, "seq_length")
	fs.IntVar(&cfg.Step, "step", cfg.Step, "tokens between window starts")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "windows per update")
	fs.IntVar(&cfg.Units, "units", cfg.Units, "LSTM units")
	fs.IntVar(&cfg.Embed, "embed", cfg.Embed, "embedding size")
	fs.StringVar(&cfg.Optimizer, "optimizer", cfg.Optimizer, "rmsprop or adam")
	lr := fs.Float64("lr", float64(cfg.LR), "learning rate")
	budget := fs.Duration("time", 10*time.Minute, "training time")
	every := fs.Duration("eval", time.Minute, "training time between evaluations")
	maxVal := fs.Int("val", 4000, "validation windows per evaluation, spread over the held-out tail (0: all)")
	if err := parse(fs, args); err != nil {
		return err
	}
	var err error
	if cfg.Level, err = model.ParseLevel(*level); err != nil {
		return usageError{err.Error()}
	}
	if cfg.Cleaning, err = model.ParseCleaning(*clean); err != nil {
		return usageError{err.Error()}
	}
	cfg.Loss, cfg.LR, cfg.Epochs = model.LossMode(*loss), float32(*lr), 1000
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	text, err := readText(*textPath)
	if err != nil {
		return err
	}
	corpus, err := model.Prepare(text, cfg, nil)
	if err != nil {
		return err
	}
	net, err := model.NewNet(cfg, corpus.Tok.VocabSize())
	if err != nil {
		return err
	}
	tr, err := model.NewTrainer(net, corpus.Data)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "# %s level, loss %s, step %d, %d training windows, kernel %s\n",
		cfg.Level, cfg.Loss, cfg.Step, len(corpus.Data.Train), model.DefaultGemm.Name())
	fmt.Fprintln(stdout, "minutes\tsamples\tval_loss")
	var trained time.Duration
	next, samples := *every, 0
	for trained < *budget {
		began := time.Now()
		p, err := tr.Step()
		if err != nil {
			return err
		}
		if !p.Validating && !p.EpochDone {
			trained += time.Since(began)
			samples += cfg.Batch
		}
		if trained >= next || trained >= *budget {
			fmt.Fprintf(stdout, "%.1f\t%d\t%.4f\n", trained.Minutes(), samples, tr.Evaluate(*maxVal))
			next += *every
		}
	}
	return nil
}
