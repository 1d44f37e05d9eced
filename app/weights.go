package app

import (
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
