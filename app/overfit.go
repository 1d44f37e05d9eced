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
	train := func(check int) float64 { return meanBefore(losses, batchesPerCheck, check) }
	for c := len(val) - OverfitChecks; c < len(val); c++ {
		if val[c] <= val[c-1] || train(c) >= train(c-1) {
			return false
		}
	}
	return true
}

// meanBefore is the mean training loss of the batchesPerCheck batches before check (0 first):
// the training loss that overfitting and pastBest set beside a check's validation loss.
func meanBefore(losses []float32, batchesPerCheck, check int) float64 {
	var s float64
	for _, l := range losses[check*batchesPerCheck : (check+1)*batchesPerCheck] {
		s += float64(l)
	}
	return s / float64(batchesPerCheck)
}

// pastBestMargin is how far above its lowest the latest validation loss must stand, relative to
// it, for the chart to go on saying the model overfits once the loss has stopped rising: 5 %,
// where the trial's run (7.76 against 4.70) stood 65 % over.
const pastBestMargin = 0.05

// pastBest reports, when the latest validation loss stands more than pastBestMargin above the
// lowest of the checks before it while the training loss (as overfitting means it) fell between
// the two, the lowest and the latest. A trial found the note gone at the end of a run whose
// held-out loss had risen from 4.70 to 7.76 and then levelled off, where overfitting, which asks
// for a rise at each of the last checks, no longer held.
func pastBest(losses []float32, val []float64, batchesPerCheck int) (best, latest float64, ok bool) {
	n := len(val)
	if batchesPerCheck < 1 || n < 2 || len(losses) < n*batchesPerCheck {
		return 0, 0, false
	}
	b := 0
	for c := range val[:n-1] {
		if val[c] < val[b] {
			b = c
		}
	}
	train := func(check int) float64 { return meanBefore(losses, batchesPerCheck, check) }
	if val[n-1] <= val[b]*(1+pastBestMargin) || train(n-1) >= train(b) {
		return 0, 0, false
	}
	return val[b], val[n-1], true
}

// pastBestNote says, in a newcomer's words, that the model has learned the text by heart, from
// how far its held-out loss stands above its lowest.
func pastBestNote(best, latest float64) app.UI {
	return app.P().ID("overfit").Class("overfit").Body(
		app.Strong().Text("The model has learned this text by heart. "),
		app.Text(fmt.Sprintf("Its loss on the held-out part of the text (the dots) is %.3f, up from its lowest, %.3f, while its loss on "+
			"the rest went on down: it repeats what it has read, and writes anything new worse than it did. Generate writes with the "+
			"weights of its best check (\"best validation\") unless you choose \"latest\"; to learn more, train on a longer text.", latest, best)),
	)
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
