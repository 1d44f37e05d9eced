package main

import (
	"flag"
	"fmt"
	"strings"

	"fabulist/model/lm"
)

// configFlagNames maps the flags of configFlags to the JSON names of the settings they set, in the
// order the flags are defined: lm.Config.FieldErrors, which checks the studio's form, checks
// them, and its messages are shown after the flag's name.
var configFlagNames = []flagField{
	{"level", "level"}, {"clean", "cleaning"}, {"loss", "loss"}, {"seq", "seq_length"}, {"step", "step"},
	{"epochs", "epochs"}, {"batch", "batch"}, {"units", "units"}, {"embed", "embedding"}, {"layers", "layers"},
	{"dropout", "dropout"}, {"lr", "lr"}, {"clip", "clip_norm"}, {"optimizer", "optimizer"},
}

// configFlags defines the model and training settings as flags of fs, starting from the defaults
// of new models, and returns a function that reads them into a checked Config after parsing.
func configFlags(fs *flag.FlagSet) func() (lm.Config, error) {
	cfg := lm.DefaultConfig()
	level := fs.String("level", string(cfg.Level), "token level: word or char")
	clean := fs.String("clean", string(cfg.Cleaning), "cleaning: book or none")
	loss := fs.String("loss", string(cfg.Loss), "loss: every (every position) or last (the book: the token after each window)")
	fs.IntVar(&cfg.SeqLen, "seq", cfg.SeqLen, fmt.Sprintf("seq_length: tokens per window (1 to %d)", lm.MaxSeqLen))
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
	return func() (lm.Config, error) {
		cfg.Level, cfg.Cleaning, cfg.Loss = lm.Level(*level), lm.Cleaning(*clean), lm.LossMode(*loss)
		cfg.Dropout, cfg.LR, cfg.ClipNorm = float32(*dropout), float32(*lr), float32(*clip)
		return cfg, checkFields(cfg.FieldErrors(), configFlagNames)
	}
}

// flagField names the flag that sets a field (by its JSON name) of a checked value.
type flagField struct{ flag, field string }

// checkFields explains, as one usage error, each message of fe (a FieldErrors map, by JSON name)
// for a field that one of flags sets, naming the flag.
func checkFields(fe map[string]string, flags []flagField) error {
	var msgs []string
	for _, f := range flags {
		if msg, ok := fe[f.field]; ok {
			msgs = append(msgs, fmt.Sprintf("-%s: %s", f.flag, msg))
		}
	}
	if len(msgs) > 0 {
		return usageError{strings.Join(msgs, "; ")}
	}
	return nil
}
