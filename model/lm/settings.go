package lm

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// A Setting is one field of Config as people set it: in the studio's form, or as a flag of the
// command line. Its Name is the field's JSON name, which is also the flag's name and the form
// field's id, so that a setting is spelled the same everywhere; Config.Set reads it from text,
// Config.Get writes it back, and Config.FieldErrors checks it.
type Setting struct {
	Name    string      // JSON name: of the model file, the share link, the flag and the form
	Label   string      // the form's label
	Usage   string      // the flag's line of help
	Choices [][2]string // value and label, for a setting that takes one of a few values
	Step    string      // the form's step between numbers
	Alias   string      // an older flag name, still accepted ("" for none)
	field   func(*Config) any
}

// Settings are Config's settings in the order a form shows them.
var Settings = []Setting{
	{Name: "level", Label: "Tokens", Usage: "token level: word or char",
		Choices: [][2]string{{"word", "words"}, {"char", "characters"}}, field: func(c *Config) any { return &c.Level }},
	{Name: "cleaning", Label: "Cleaning", Usage: "cleaning: book (the book's) or none", Alias: "clean",
		Choices: [][2]string{{"book", "the book's"}, {"none", "none"}}, field: func(c *Config) any { return &c.Cleaning }},
	{Name: "seq_length", Label: "Window (seq_length)", Usage: fmt.Sprintf("tokens per window (1 to %d)", MaxSeqLen), Step: "1", Alias: "seq",
		field: func(c *Config) any { return &c.SeqLen }},
	{Name: "step", Label: "Step", Usage: "tokens between window starts", Step: "1", field: func(c *Config) any { return &c.Step }},
	{Name: "embedding", Label: "Embedding", Usage: "embedding size", Step: "1", Alias: "embed",
		field: func(c *Config) any { return &c.Embed }},
	{Name: "cell", Label: "Cell", Usage: "recurrent cell: lstm (the book's), gru or simple (tanh RNN: the chapter's start, which forgets)",
		Choices: [][2]string{{"lstm", "LSTM (the book)"}, {"gru", "GRU"}, {"simple", "simple RNN (tanh)"}}, field: func(c *Config) any { return &c.Cell }},
	{Name: "units", Label: "Units", Usage: "units of each recurrent layer", Step: "1", field: func(c *Config) any { return &c.Units }},
	{Name: "layers", Label: "Layers", Usage: "stacked recurrent layers", Step: "1", field: func(c *Config) any { return &c.Layers }},
	{Name: "dropout", Label: "Dropout", Usage: "dropout after the last recurrent layer", Step: "0.05", field: func(c *Config) any { return &c.Dropout }},
	{Name: "input_dropout", Label: "Input dropout", Usage: "dropout of each recurrent layer's inputs (0: none)", Step: "0.05",
		field: func(c *Config) any { return &c.InputDropout }},
	{Name: "loss", Label: "Loss", Usage: "loss: every (every position) or last (the book: the token after each window)",
		Choices: [][2]string{{"last", "last token (the book)"}, {"every", "every position"}}, field: func(c *Config) any { return &c.Loss }},
	{Name: "optimizer", Label: "Optimizer", Usage: "rmsprop or adam",
		Choices: [][2]string{{"rmsprop", "RMSprop"}, {"adam", "Adam"}}, field: func(c *Config) any { return &c.Optimizer }},
	{Name: "lr", Label: "Learning rate", Usage: "learning rate", Step: "0.0001", field: func(c *Config) any { return &c.LR }},
	{Name: "lr_schedule", Label: "Learning-rate schedule", Usage: "how the learning rate changes over the run's epochs: constant, linear (to 0) or cosine (to 0)",
		Choices: [][2]string{{"", "constant (the book)"}, {"linear", "linear decay"}, {"cosine", "cosine decay"}}, field: func(c *Config) any { return &c.Schedule }},
	{Name: "batch", Label: "Batch", Usage: "windows per update", Step: "1", field: func(c *Config) any { return &c.Batch }},
	{Name: "epochs", Label: "Epochs", Usage: "passes over the training windows", Step: "1", field: func(c *Config) any { return &c.Epochs }},
	{Name: "steps_per_epoch", Label: "Batches per epoch (at most; 0: all)", Usage: "training batches an epoch at most, drawn afresh from all windows (0, or more than a pass holds: a whole pass)", Step: "1",
		field: func(c *Config) any { return &c.StepsPerEpoch }},
	{Name: "val_checks", Label: "Validation checks per epoch", Usage: "validation checks per epoch, the last at its end; the weights of the best are kept (0 or 1: once)", Step: "1",
		field: func(c *Config) any { return &c.ValChecks }},
	{Name: "clip_norm", Label: "Clip norm (0: off)", Usage: "clip gradients to this global norm (0: off)", Step: "0.5", Alias: "clip",
		field: func(c *Config) any { return &c.ClipNorm }},
	{Name: "seed", Label: "Random seed", Usage: "random seed: the same seed and settings give the same model", Step: "1",
		field: func(c *Config) any { return &c.Seed }},
}

// Kind names what the setting takes: "int", "float", "uint" or, for one of a few words, "string".
func (s Setting) Kind() string {
	switch s.field(&Config{}).(type) {
	case *int:
		return "int"
	case *float32:
		return "float"
	case *uint64:
		return "uint"
	}
	return "string"
}

// SettingByName finds a setting by its JSON name.
func SettingByName(name string) (Setting, bool) {
	for _, s := range Settings {
		if s.Name == name {
			return s, true
		}
	}
	return Setting{}, false
}

// Set reads the setting name from text as a person typed it (surrounding space ignored). It
// returns an error only for text that is not a value of the setting's type (a word where a
// number goes) or for a name that is no setting; whether a value is in range is FieldErrors'
// to say, so that a form can keep a value being typed and explain it.
func (c *Config) Set(name, value string) error {
	s, ok := SettingByName(name)
	if !ok {
		return fmt.Errorf("unknown setting %q", name)
	}
	value = strings.TrimSpace(value)
	switch p := s.field(c).(type) {
	case *int:
		n, err := strconv.Atoi(value)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", value)
		}
		*p = n
	case *float32:
		f, err := strconv.ParseFloat(value, 32)
		if err != nil {
			return fmt.Errorf("%q is not a number", value)
		}
		*p = float32(f)
	case *uint64:
		n, err := strconv.ParseUint(value, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number of at least 0", value)
		}
		*p = n
	default: // Level, Cleaning, Cell, LossMode, nn.OptimizerName: named strings, checked by FieldErrors
		reflect.ValueOf(p).Elem().SetString(value)
	}
	return nil
}

// Get writes the setting name as Set reads it ("" for a name that is no setting).
func (c Config) Get(name string) string {
	s, ok := SettingByName(name)
	if !ok {
		return ""
	}
	switch p := s.field(&c).(type) {
	case *int:
		return strconv.Itoa(*p)
	case *float32:
		return strconv.FormatFloat(float64(*p), 'g', -1, 32)
	case *uint64:
		return strconv.FormatUint(*p, 10)
	default:
		return reflect.ValueOf(p).Elem().String()
	}
}
