package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// OverfitChecks is how many validation checks in a row must see the held-out loss rise, while
// the training loss falls, before the chart says the model is overfitting: one rise is often
// noise.
const OverfitChecks = 2

// overfitting reports whether, at each of the last OverfitChecks validation checks, the
// validation loss rose from the check before while the training loss (the mean of the batches
// since the check before) fell. val holds one loss per check, made every batchesPerCheck batches
// of losses.
func overfitting(losses []float32, val []float64, batchesPerCheck int) bool {
	if batchesPerCheck < 1 || len(val) < OverfitChecks+1 || len(losses) < len(val)*batchesPerCheck {
		return false
	}
	train := func(check int) float64 { // the mean training loss of the batches before check
		var s float64
		for _, l := range losses[check*batchesPerCheck : (check+1)*batchesPerCheck] {
			s += float64(l)
		}
		return s / float64(batchesPerCheck)
	}
	for c := len(val) - OverfitChecks; c < len(val); c++ {
		if val[c] <= val[c-1] || train(c) >= train(c-1) {
			return false
		}
	}
	return true
}

// overfitNote says, in a newcomer's words, what overfitting is and what to do about it.
func overfitNote() app.UI {
	return app.P().ID("overfit").Class("overfit").Body(
		app.Strong().Text("The model has started to learn this text by heart. "),
		app.Text(fmt.Sprintf("For the last %d checks its loss on the held-out part of the text (the dots) went up while its loss on the rest kept going down: "+
			"it is getting better at repeating what it has read and worse at writing anything new. More training will make it copy more "+
			"(the meter under the output shows how much). Stop here, or train on a longer text.", OverfitChecks)),
	)
}
