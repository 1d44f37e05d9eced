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

// Tokenize is the one way a text becomes tokens for training, and what fabulist vocab shows:
// Normalize, Clean as cfg says, then with tok nil fit a tokenizer (of cfg.Level, and the split
// of cfg.Cleaning) on the whole text, and encode it. With tok non-nil (a model being trained
// further) that vocabulary and its split are used instead, and tokens it lacks are skipped.
func Tokenize(text string, cfg Config, tok *Tokenizer) (*Tokenizer, []int32) {
	cleaned := Clean(Normalize(text), cfg.Cleaning, cfg.SeqLen)
	if tok == nil {
		tok = FitTokenizer(cfg.Level, cfg.Cleaning.Split(), cleaned)
	}
	ids, _ := tok.Encode(cleaned)
	return tok, ids
}

// Prepare tokenizes text as Tokenize does and cuts windows.
func Prepare(text string, cfg Config, tok *Tokenizer) (*Corpus, error) {
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmptyText
	}
	tok, ids := Tokenize(text, cfg, tok)
	if tok.VocabSize() < 2 {
		return nil, ErrEmptyText
	}
	// Book cleaning adds seq_length separators in front: they alone must not pass for a story.
	content, breaks := 0, 0
	for _, id := range ids {
		switch tok.Token(id) {
		case Separator:
		case LineBreak:
			breaks++
			content++
		default:
			content++
		}
	}
	if content <= cfg.SeqLen {
		unit := Plural(content, "character", "characters")
		if cfg.Level == Word {
			unit = Plural(content-breaks, "word", "words")
			if tok.Split == SplitWhite && breaks > 0 {
				unit += " and " + Plural(breaks, "line break", "line breaks")
			}
		}
		return nil, fmt.Errorf("model: the text is too short: %s, and a window of seq_length %d needs more than that (use a longer text or a shorter seq_length)", unit, cfg.SeqLen)
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
