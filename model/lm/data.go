package lm

import (
	"fmt"
	"math/rand/v2"
)

// Dataset holds the windows of a token stream: each window is SeqLen ids starting at a position
// of the stream, and its target is the id after it (or, in LossEvery mode, the ids after each).
// Windows are positions, never copies, and targets are ids, never one-hot rows.
type Dataset struct {
	Tokens []int32 // the whole token stream
	SeqLen int
	Train  []int32 // start positions of training windows, shuffled each epoch
	Val    []int32 // start positions of validation windows
}

// ValFraction is the share of the token stream, taken from its end, that is held out. A random
// split would leak: overlapping windows would put the same text on both sides.
const ValFraction = 0.1

// NewDataset cuts tokens into windows of seqLen ids every step positions; the last ValFraction of
// the stream gives the validation windows, which never overlap a training target.
func NewDataset(tokens []int32, seqLen, step int) (*Dataset, error) {
	if seqLen < 1 || step < 1 {
		return nil, fmt.Errorf("seq_length and step must be at least 1 (got %d and %d)", seqLen, step)
	}
	n := len(tokens)
	split := n - int(float64(n)*ValFraction)
	d := &Dataset{Tokens: tokens, SeqLen: seqLen}
	// A training window [s, s+seqLen] ends with its target inside [0, split).
	for s := 0; s+seqLen < split; s += step {
		d.Train = append(d.Train, int32(s))
	}
	for s := split; s+seqLen < n; s += step {
		d.Val = append(d.Val, int32(s))
	}
	if len(d.Train) == 0 {
		need := seqLen + 1
		for need-int(float64(need)*ValFraction) <= seqLen {
			need++
		}
		return nil, fmt.Errorf("the text is too short: it has %s, and one training window of %s and its target needs at least %d (use a longer text or a shorter seq_length)",
			Plural(n, "token", "tokens"), Plural(seqLen, "token", "tokens"), need)
	}
	return d, nil
}

// Shuffle reorders the training windows with rng (Fisher–Yates), so that the same seed gives the
// same order on every platform.
func (d *Dataset) Shuffle(rng *rand.Rand) {
	rng.Shuffle(len(d.Train), func(i, j int) { d.Train[i], d.Train[j] = d.Train[j], d.Train[i] })
}

// Fill writes the windows starting at starts into x (T, B) time-major, and their targets into y:
// (B) for LossLast, (T, B) for LossEvery. B is len(starts).
func (d *Dataset) Fill(x, y []int32, starts []int32, loss LossMode) {
	B, T := len(starts), d.SeqLen
	for b, s := range starts {
		for t := range T {
			x[t*B+b] = d.Tokens[int(s)+t]
		}
		if loss == LossEvery {
			for t := range T {
				y[t*B+b] = d.Tokens[int(s)+t+1]
			}
		} else {
			y[b] = d.Tokens[int(s)+T]
		}
	}
}
