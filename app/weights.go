package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// The weights the model writes with: the best validation check's (lm.WeightsBest, the default,
// as Keras' restore_best_weights keeps them) or the latest. The worker keeps both; the page says
// which to use with every Generate, Predict and TF.js export (View.Weights), and the loss chart
// marks the best check (View.Checks).

// actWeights is the weights' select (string: "best" or "latest").
const actWeights = "weights-choice"

// onWeights: the user chose which weights write (string: "best" or "latest"); the candidates
// are asked for again with them.
func (s *store) onWeights(ctx app.Context, a app.Action) {
	v, _ := a.Value.(string)
	w, err := lm.ParseWeights(v)
	if err != nil {
		return
	}
	s.v.Weights = w
	s.keepWriting() // the writing comes back after a reload with the weights that wrote it
	s.predict()
}

// bestCheck returns the index of the first check with the lowest validation loss, as the trainer
// chooses it (lm.Trainer.Best), or -1 when there is none.
func bestCheck(checks []lm.Check) int {
	best := -1
	for i, c := range checks {
		if best < 0 || c.ValLoss < checks[best].ValLoss {
			best = i
		}
	}
	return best
}

// bestBeforeLast is the index of the best check when its weights write (w is not the latest) and
// checks came after it, which is when the two notes below may explain poor writing; else -1.
func bestBeforeLast(w lm.Weights, checks []lm.Check) int {
	if i := bestCheck(checks); w != lm.WeightsLatest && i >= 0 && i < len(checks)-1 {
		return i
	}
	return -1
}

// earlyBestNote says, beside the weights' choice, why the best validation check's weights may
// write gibberish, and "" when they are not likely to: they write (the choice is not the
// latest), and the check is early in the run so far (in its first quarter of batches, with checks
// after it), and training has since gone well below the loss it had (the latest batches' mean at
// most 4/5 of it). On a short text the validation loss is often lowest after a few hundred
// batches, when the model writes little but noise, and a trial saw that noise with nothing to say
// why. losses are the run's batch losses in order.
func earlyBestNote(w lm.Weights, checks []lm.Check, losses []float32) string {
	i := bestBeforeLast(w, checks)
	if i < 0 || len(losses) == 0 {
		return ""
	}
	c, trained := checks[i], trainedSoFar(checks, losses)
	if c.Batch*4 > trained {
		return ""
	}
	const recent = 50 // batches: a mean steadier than the last batch's loss
	var sum float64
	tail := losses[max(len(losses)-recent, 0):]
	for _, l := range tail {
		sum += float64(l)
	}
	now := sum / float64(len(tail))
	if now > 0.8*c.ValLoss {
		return ""
	}
	return fmt.Sprintf("The best validation check so far is at batch %d of %d (epoch %d), loss %.2f: early in the run, "+
		"and training has gone down to %.2f since. Its weights may write gibberish; “latest” may write better.",
		c.Batch, trained, c.Epoch, c.ValLoss, now)
}

// trainedSoFar is the batches the run has trained so far, the N of both notes' "batch B of N":
// the batch losses it posted, or its last check's batch if that is later. It is not the last
// check's batch alone: training goes on after a check, and the two notes, side by side on one run,
// said "of 610" and "of 601".
func trainedSoFar(checks []lm.Check, losses []float32) int {
	n := len(losses)
	if len(checks) > 0 {
		n = max(n, checks[len(checks)-1].Batch)
	}
	return n
}

// earlyEndWithBest says why a story that Generate ended after a few tokens (up to ten words or
// forty characters) may have ended so soon (and "" when that is not the likely reason): it was
// written with the best check's weights, taken early in a run that went on training. On a short
// text the validation loss is often lowest after a few batches, when the model has learned little
// more than where stories end. losses are the run's batch losses in order, as earlyBestNote's.
func earlyEndWithBest(g *lm.GenResult, w lm.Weights, checks []lm.Check, losses []float32, level lm.Level) string {
	// A story this short is what early weights write: a trial's "The fox the a." (five words
	// after the prompt) got no word of why where "The." got this note.
	few := 10
	if level == lm.Char {
		few = 40
	}
	i := bestBeforeLast(w, checks)
	if g == nil || !g.Stopped || len(g.Tokens) > few || i < 0 {
		return ""
	}
	return fmt.Sprintf("It ended after %d %s: these are the weights of the best validation check (batch %d of %d), from early in the run. "+
		"Choose “latest” in Weights for what the model learned after it.",
		len(g.Tokens), plural(len(g.Tokens), tokenNoun(level), tokenNoun(level)+"s"), checks[i].Batch, trainedSoFar(checks, losses))
}
