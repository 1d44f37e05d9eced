package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
)

// ErrEmptyText is returned for a text with nothing but white space in it.
var ErrEmptyText = errors.New("model: the text is empty (or only white space): paste or upload a story")

// Corpus is a text made ready for training: cleaned, tokenized and cut into windows.
type Corpus struct {
	Tok  *Tokenizer
	IDs  []int32
	Data *Dataset
	Hash [32]byte // of the text as given
}

// Prepare cleans text as cfg says, fits a tokenizer on it and cuts windows. With tok non-nil (a
// model being trained further) that vocabulary is used instead, and tokens it lacks are skipped.
func Prepare(text string, cfg Config, tok *Tokenizer) (*Corpus, error) {
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmptyText
	}
	cleaned := Clean(Normalize(text), cfg.Cleaning, cfg.SeqLen)
	if tok == nil {
		tok = FitTokenizer(cfg.Level, cleaned)
	}
	ids, _ := tok.Encode(cleaned)
	if tok.VocabSize() < 2 {
		return nil, ErrEmptyText
	}
	// Book cleaning adds seq_length separators in front: they alone must not pass for a story.
	content := 0
	for _, id := range ids {
		if tok.Token(id) != Separator {
			content++
		}
	}
	if content <= cfg.SeqLen {
		unit := "words"
		if cfg.Level == Char {
			unit = "characters"
		}
		return nil, fmt.Errorf("model: the text is too short: %d %s, and a window of seq_length %d needs more than that (use a longer text or a shorter seq_length)", content, unit, cfg.SeqLen)
	}
	data, err := NewDataset(ids, cfg.SeqLen, cfg.Step)
	if err != nil {
		return nil, err
	}
	return &Corpus{Tok: tok, IDs: ids, Data: data, Hash: HashText(text)}, nil
}

// SampleTemperatures are the book's temperatures for the samples written after each epoch.
var SampleTemperatures = []float64{0.2, 0.33, 0.5, 1.0}

// EpochSample is one of the samples written after an epoch.
type EpochSample struct {
	Temperature float64 `json:"temperature"`
	Text        string  `json:"text"`
}

// EpochSamples writes one continuation of prompt per temperature, as the book does after each epoch.
func EpochSamples(g *Generator, prompt string, n int, rng *rand.Rand) []EpochSample {
	opts := make([]GenOptions, len(SampleTemperatures))
	for i, temp := range SampleTemperatures {
		opts[i] = GenOptions{SampleOptions: SampleOptions{Temperature: temp, TopP: 1}, N: n, Mode: GenWindow}
	}
	var out []EpochSample
	for i, res := range g.GenerateBatch(prompt, opts, rng) {
		out = append(out, EpochSample{Temperature: SampleTemperatures[i], Text: res.Text})
	}
	return out
}
