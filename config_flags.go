package main

import (
	"flag"

	"fabulist/model"
)

// configFlags defines the model and training settings as flags of fs, starting from the defaults
// of new models, and returns a function that reads them into a checked Config after parsing.
func configFlags(fs *flag.FlagSet) func() (model.Config, error) {
	cfg := model.DefaultConfig()
	level := fs.String("level", string(cfg.Level), "token level: word or char")
	clean := fs.String("clean", string(cfg.Cleaning), "cleaning: book or none")
	loss := fs.String("loss", string(cfg.Loss), "loss: every (every position) or last (the book: the token after each window)")
	fs.IntVar(&cfg.SeqLen, "seq", cfg.SeqLen, "seq_length: tokens per window")
	fs.IntVar(&cfg.Step, "step", cfg.Step, "tokens between window starts")
	fs.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "passes over the training windows")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "windows per update")
	fs.IntVar(&cfg.Units, "units", cfg.Units, "LSTM units")
	fs.IntVar(&cfg.Embed, "embed", cfg.Embed, "embedding size")
	fs.IntVar(&cfg.Layers, "layers", cfg.Layers, "stacked LSTM layers")
	dropout := fs.Float64("dropout", float64(cfg.Dropout), "dropout after the LSTM")
	lr := fs.Float64("lr", float64(cfg.LR), "learning rate")
	clip := fs.Float64("clip", 0, "clip gradients to this global norm (0: off)")
	fs.StringVar(&cfg.Optimizer, "optimizer", cfg.Optimizer, "rmsprop or adam")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed: the same seed and settings give the same model")
	return func() (model.Config, error) {
		var err error
		if cfg.Level, err = model.ParseLevel(*level); err != nil {
			return cfg, usageError{err.Error()}
		}
		if cfg.Cleaning, err = model.ParseCleaning(*clean); err != nil {
			return cfg, usageError{err.Error()}
		}
		cfg.Loss = model.LossMode(*loss)
		cfg.Dropout, cfg.LR, cfg.ClipNorm = float32(*dropout), float32(*lr), float32(*clip)
		if err := cfg.Validate(); err != nil {
			return cfg, usageError{err.Error()}
		}
		return cfg, nil
	}
}
