package lm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"fabulist/model/nn"
)

// LossMode says which positions of a window are trained.
type LossMode string

const (
	// LossLast is the book's: predict only the token after each window.
	LossLast LossMode = "last"
	// LossEvery predicts the next token at every position of the window: T targets per window
	// for one pass through the recurrent layers.
	LossEvery LossMode = "every"
)

// Config is everything that shapes a model and its training. The zero value is not useful; start
// from BookConfig. JSON names are part of the model-file and share-link formats.
type Config struct {
	Level    Level    `json:"level"`
	Cleaning Cleaning `json:"cleaning"`
	SeqLen   int      `json:"seq_length"`
	Step     int      `json:"step"`
	Embed    int      `json:"embedding"`
	Cell     Cell     `json:"cell,omitempty"` // simple, lstm or gru (Keras' SimpleRNN, LSTM, GRU); missing: lstm
	Units    int      `json:"units"`
	Layers   int      `json:"layers"`
	Dropout  float32  `json:"dropout"`
	// InputDropout drops each recurrent layer's inputs (the embedding's output, and the layer
	// below's): Zaremba et al.'s dropout on the non-recurrent connections. 0, left out of JSON,
	// is none, as every file and link from before the setting trained.
	InputDropout float32          `json:"input_dropout,omitempty"`
	Loss         LossMode         `json:"loss"`
	Optimizer    nn.OptimizerName `json:"optimizer"`
	LR           float32          `json:"lr"`
	// Schedule scales LR over the run's batches (Epochs of them); "" is ScheduleConstant, as
	// every file and link from before the setting trained, and is left out of JSON.
	Schedule Schedule `json:"lr_schedule,omitempty"`
	ClipNorm float32  `json:"clip_norm"` // 0: no clipping
	Batch    int      `json:"batch"`
	Epochs   int      `json:"epochs"`
	// StepsPerEpoch caps an epoch at this many training batches, drawn from a fresh shuffle of
	// every training window (Keras' fit(steps_per_epoch=…)), so that a long text's run, and the
	// learning-rate schedule over it, fits a set time while a short text's epochs stay whole
	// passes. 0, left out of JSON, is a whole pass, as every file and link from before the
	// setting trained. An epoch that is less than a whole pass is validated on the CheckWindows a
	// check measures: every held-out window of a long text would cost a good share of it.
	StepsPerEpoch int    `json:"steps_per_epoch,omitempty"`
	Seed          uint64 `json:"seed"`
	// ValChecks is how many times an epoch the validation loss is measured, the last at the
	// epoch's end; the weights of the lowest are kept (Trainer.Best). 0 and 1 both mean once, at
	// the end, as Keras does; missing from files and links made before the setting, which keep
	// that meaning, and left out of JSON when 0 so that their settings read as before.
	ValChecks int `json:"val_checks,omitempty"`
}

// BookConfig returns the book's settings: word level, book cleaning, seq_length 20, step 1,
// Embedding(100) → LSTM(256) → Dropout(0.2) → Dense, RMSprop lr 0.001, batch 32.
func BookConfig() Config {
	return Config{
		Level: Word, Cleaning: CleanBook, SeqLen: 20, Step: 1,
		Embed: 100, Cell: CellLSTM, Units: 256, Layers: 1, Dropout: 0.2,
		Loss: LossLast, Optimizer: nn.RMSpropName, LR: 0.001, Batch: 32, Epochs: 1, Seed: 1,
	}
}

// DefaultConfig is what a new model gets: the book's model, trained on every position of the
// window instead of only the last (LossEvery), with dropout 0.5 after the LSTM and 0.4 on its
// inputs, and RMSprop from 0.005 down a cosine to 0 over one epoch: of the settings measured on
// Aesop with fabulist quality, these reached the lowest validation loss in one epoch, which the
// browser trains in about six minutes, and the every-position loss overfits after it at a
// constant rate. The measurements are in DEVELOPERS.md ("Why the defaults"); change these only
// with new ones.
func DefaultConfig() Config {
	c := BookConfig()
	c.Loss, c.LR, c.Schedule, c.Dropout, c.InputDropout = LossEvery, 0.005, ScheduleCosine, 0.5, 0.4
	c.ValChecks = DefaultValChecks
	return c
}

// DefaultValChecks is DefaultConfig's ValChecks: the every-position loss overfits Aesop within its
// first epoch, and checking five times an epoch finds the lowest validation loss the measurement
// of DEVELOPERS.md ("Keeping the best weights") found, at four fifths of it, for a few per cent of
// an epoch's time.
const DefaultValChecks = 5

// MaxValChecks bounds Config.ValChecks: each check measures CheckWindows held-out windows.
const MaxValChecks = 100

// MaxStepsPerEpoch bounds Config.StepsPerEpoch: a million batches is days of training in a tab.
const MaxStepsPerEpoch = 1_000_000

// Limits keep a model within what a browser tab can hold, and bound what a decoder will accept.
// MaxSeqLen also bounds the separators the book's cleaning writes before each story (two bytes
// each, so at most 1 KB a story; CheckSeparators bounds their total) and the steps the recurrent
// layers unroll per window.
const (
	MaxSeqLen = 512
	MaxEmbed  = 2048
	MaxUnits  = 2048
	MaxLayers = 8
	MaxBatch  = 4096
	MaxVocab  = 1 << 20
	MaxParams = 1 << 27 // 512 MB of float32: beyond any model a tab can train
)

// MaxTextBytes is the largest training text, in bytes of UTF-8, that the studio and the command
// line take: beyond it, copying and tokenizing in a tab gets slow, and an epoch of the book model
// would run for hours.
const MaxTextBytes = 5 << 20

// Validate explains every setting that is out of range, in words a user can act on.
func (c Config) Validate() error {
	fe := c.FieldErrors()
	var errs []error
	for _, s := range Settings {
		if msg, ok := fe[s.Name]; ok {
			errs = append(errs, errors.New(msg))
		}
	}
	return errors.Join(errs...)
}

// FieldErrors maps each setting that is out of range (by its JSON name) to what is wrong with it,
// so that a form can show the message next to the field.
func (c Config) FieldErrors() map[string]string {
	errs := map[string]string{}
	check := func(field string, ok bool, format string, args ...any) {
		if !ok {
			errs[field] = fmt.Sprintf(format, args...)
		}
	}
	_, err := ParseLevel(string(c.Level))
	check("level", err == nil, "level must be word or char")
	_, err = ParseCleaning(string(c.Cleaning))
	check("cleaning", err == nil, "cleaning must be book or none")
	check("seq_length", c.SeqLen >= 1 && c.SeqLen <= MaxSeqLen, "seq_length must be between 1 and %d", MaxSeqLen)
	check("step", c.Step >= 1 && c.Step <= 1000, "step must be between 1 and 1000")
	check("embedding", c.Embed >= 1 && c.Embed <= MaxEmbed, "embedding must be between 1 and %d", MaxEmbed)
	check("cell", c.Cell.Valid(), "cell must be simple, lstm or gru")
	check("units", c.Units >= 1 && c.Units <= MaxUnits, "units must be between 1 and %d", MaxUnits)
	check("layers", c.Layers >= 1 && c.Layers <= MaxLayers, "layers must be between 1 and %d", MaxLayers)
	check("dropout", c.Dropout >= 0 && c.Dropout < 1, "dropout must be at least 0 and below 1")
	check("input_dropout", c.InputDropout >= 0 && c.InputDropout < 1, "input dropout must be at least 0 and below 1")
	check("loss", c.Loss == LossLast || c.Loss == LossEvery, "loss must be last or every")
	check("optimizer", c.Optimizer.Valid(), "optimizer must be rmsprop or adam")
	check("lr_schedule", c.Schedule.Valid(), "learning-rate schedule must be constant, linear or cosine")
	check("lr", c.LR > 0 && c.LR <= 1, "learning rate must be above 0 and at most 1")
	check("clip_norm", c.ClipNorm >= 0 && !math.IsInf(float64(c.ClipNorm), 1), "clip norm must be 0 (off) or a positive number")
	check("batch", c.Batch >= 1 && c.Batch <= MaxBatch, "batch must be between 1 and %d", MaxBatch)
	check("epochs", c.Epochs >= 1 && c.Epochs <= 10000, "epochs must be between 1 and 10000")
	check("steps_per_epoch", c.StepsPerEpoch >= 0 && c.StepsPerEpoch <= MaxStepsPerEpoch,
		"batches per epoch must be between 0 (a whole pass) and %d", MaxStepsPerEpoch)
	check("val_checks", c.ValChecks >= 0 && c.ValChecks <= MaxValChecks, "validation checks must be between 0 and %d an epoch", MaxValChecks)
	return errs
}

// UnmarshalJSON reads a Config as encoding/json does, but for two things. A missing "cell" is
// CellLSTM, the only cell before the setting existed, so that older model files, share links and
// saved workspaces keep their meaning. And a field Config does not have is an error: every field
// shapes the model, so settings with one this version does not know describe a model it cannot
// build (a link or file from a newer Fabulist), and are refused rather than half applied.
func (c *Config) UnmarshalJSON(b []byte) error {
	type config Config // Config's fields, without this method
	v := config(*c)
	v.Cell = CellLSTM
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	*c = Config(v)
	return nil
}

// dropsOut reports whether training draws dropout masks.
func (c Config) dropsOut() bool { return c.Dropout > 0 || c.InputDropout > 0 }

// ParamCount is the number of parameters a model of c with V ids has.
func (c Config) ParamCount(V int) int { return paramCount(c, V) }

// QuickConfig is a small character-level model that learns a short text in minutes in a browser:
// 40-character windows, Embedding(32) → LSTM(128) → Dense (no dropout), every-position loss,
// and Adam from 0.006 down a cosine to 0 over five epochs of at most QuickStepsPerEpoch batches.
// A text of up to some 54,000 characters trains five whole passes, as before the cap; a longer
// one five epochs of 54,400 windows drawn afresh, about eight minutes in the browser on a 2-core
// machine, so that its schedule ends within ten (issue #16: tinyshakespeare at most 1.50
// nats/char in ten minutes). The measurements are in DEVELOPERS.md ("The character level").
func QuickConfig() Config {
	c := BookConfig()
	c.Level, c.Cleaning, c.SeqLen, c.Embed, c.Units, c.Loss, c.Epochs, c.Optimizer, c.LR =
		Char, CleanNone, 40, 32, 128, LossEvery, 5, nn.AdamName, 0.006
	c.Dropout, c.Schedule, c.StepsPerEpoch = 0, ScheduleCosine, QuickStepsPerEpoch
	return c
}

// QuickStepsPerEpoch is QuickConfig's StepsPerEpoch: five epochs of it are 272,000 windows of 32,
// which the page trained in 7.6 minutes on this 2-core machine's two workers (597 samples/s), and
// would in 8.3 at the 546 of a busier run, so that the schedule ends within ten minutes.
const QuickStepsPerEpoch = 1700
