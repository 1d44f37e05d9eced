package lm

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
)

// ErrEmptyText is returned for a text with nothing but white space in it.
var ErrEmptyText = errors.New("the text is empty (or only white space): paste or upload a story")

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
	if err := CheckSeparators(text, cfg.Cleaning, cfg.SeqLen); err != nil {
		return nil, err
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
		return nil, fmt.Errorf("the text is too short: %s, and a window of seq_length %d needs more than that (use a longer text or a shorter seq_length)", unit, cfg.SeqLen)
	}
	data, err := NewDataset(ids, cfg.SeqLen, cfg.Step)
	if err != nil {
		return nil, err
	}
	return &Corpus{Tok: tok, IDs: ids, Data: data, Hash: HashText(text)}, nil
}

// MaxSeparatorBytes bounds the story separators that book cleaning may add to a text: 20 MB,
// four times the largest text. Each story break ("\n\n\n\n\n", 5 bytes) becomes seq_length
// separators of 2 bytes, so a text of nothing but breaks would grow 200-fold at seq_length 512: a
// 5 MB text became gigabytes and ran for minutes. Real texts stay far below it (a 5 MB text of
// 300 stories at seq_length 512 adds 300 KB).
const MaxSeparatorBytes = 4 * MaxTextBytes

// CheckSeparators refuses a text whose story breaks, cleaned with c and seqLen, would add more
// than MaxSeparatorBytes of separators, before Clean spends the time and memory to write them.
// seqLen must be valid (Config.Validate).
func CheckSeparators(text string, c Cleaning, seqLen int) error {
	if c != CleanBook {
		return nil
	}
	// An upper bound: Clean may cut the text to the book's stories first.
	breaks := strings.Count(Normalize(text), "\n\n\n\n\n")
	if added := (breaks + 1) * len(StoryStart(1)) * min(max(seqLen, 0), MaxSeqLen); added > MaxSeparatorBytes {
		return fmt.Errorf("the text has %d story breaks (5 line breaks in a row), and book cleaning writes seq_length %d separators for each: %d MB of them, more than the %d MB allowed (use a shorter seq_length, or fewer empty lines)",
			breaks, seqLen, added>>20, MaxSeparatorBytes>>20)
	}
	return nil
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
