package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// TrainPanel has the Train / Pause / Resume / Stop buttons, the progress bar and the status line.
type TrainPanel struct {
	app.Compo
	Ready    bool
	Workers  int
	Kernel   string
	Phase    proto.Phase
	Progress lm.Progress
	Batch    int // windows per batch, to turn samples/s into time left
	HasModel bool
	HasText  bool // the studio has a text to train on
	// TextNotRun: the text on show is not the run's, which Resume goes on with.
	TextNotRun bool
	// Interrupted: the stopped run was cut off by a reload or a closed tab while it trained,
	// not stopped by the user.
	Interrupted bool
}

func (p *TrainPanel) Render() app.UI {
	pr := p.Progress
	running := p.Phase == proto.Training
	var frac float64
	if pr.Epochs > 0 && pr.Batches > 0 {
		frac = (float64(pr.Epoch-1) + float64(pr.Batch)/float64(pr.Batches)) / float64(pr.Epochs)
		if pr.EpochDone {
			frac = float64(pr.Epoch) / float64(pr.Epochs)
		}
	}
	return app.Div().Body(
		app.H2().Text("3. Train"),
		app.Div().Class("buttons").Body(
			app.Button().ID("train").Class("primary").Text("Train").Disabled(!p.Ready || running || p.Phase == proto.Paused).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actTrain) }),
			app.Button().ID("pause").Text("Pause").Disabled(!running).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actPause) }),
			app.Button().ID("resume").Text("Resume").Disabled(p.Phase != proto.Paused && p.Phase != proto.Stopped).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actResume) }),
			app.Button().ID("stop").Text("Stop").Disabled(!running && p.Phase != proto.Paused).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actStop) }),
			app.Button().ID("sample-now").Text("Sample now").Disabled(!p.HasModel).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actSampleNow) }),
		),
		app.Div().ID("progress").Class("progress").
			DataSet("epoch", pr.Epoch).DataSet("batch", pr.Batch).
			DataSet("loss", fmt.Sprintf("%.4f", pr.Loss)).
			DataSet("samples-per-s", fmt.Sprintf("%.1f", pr.SamplesPerS)).
			DataSet("phase", p.Phase).
			// A transform, not a width: a width would lay the page out again at each update.
			Body(app.Div().Class("bar").Style("transform", fmt.Sprintf("scaleX(%.4f)", frac))),
		p.renderStatus(frac),
	)
}

// renderStatus is the status line. A run under way or paused says where it stands in two rows
// (where it is, then its pace), each kept to one line while it trains or is paused (cut with an
// ellipsis, the whole line in the title) so that the chart below never moves: as one line it
// wrapped when "about 1 min left" came and went, and the chart jumped by a line; at 400 px,
// "Paused. Epoch 8/30 · batch 1/59 · loss 0.400" wrapped too (two trials).
func (p *TrainPanel) renderStatus(frac float64) app.UI {
	where, pace := p.statusRows(frac)
	return statusLine("status", where, pace, p.Phase == proto.Training || p.Phase == proto.Paused)
}

// status is the status line as one text: its rows joined.
func (p *TrainPanel) status(frac float64) string { return joinStatus(p.statusRows(frac)) }

// statusLine is a status line with id: where alone when pace is "", else two rows, where and
// pace, each kept to one line while oneLine (the class one-line: cut with an ellipsis, the whole
// line in the title), so that what stands below it stays put. The text generator's and the
// question model's statuses both take it.
func statusLine(id, where, pace string, oneLine bool) app.UI {
	if pace == "" {
		return app.P().ID(id).Class("status").Text(where)
	}
	class := "status rows"
	el := app.P().ID(id)
	if oneLine {
		// A row cut short shows whole while the line has the focus (app.css): a tap gives it, where
		// the title needs a pointer to hover (a trial at 400 px could not read the rest on touch).
		class += " one-line"
		el = el.TabIndex(0)
	}
	return el.Class(class).Title(joinStatus(where, pace)).Body(
		app.Span().Class("status-row").Text(where),
		app.Span().Class("status-row").Text(pace),
	)
}

// joinStatus is a status line's rows as one text.
func joinStatus(where, pace string) string {
	if pace == "" {
		return where
	}
	return where + " · " + pace
}

// statusRows says what the status line says: where alone when the run is not under way or paused,
// else where the run is and its pace (samples/s, time left, workers: the last cut first).
func (p *TrainPanel) statusRows(frac float64) (where, pace string) {
	pr := p.Progress
	if !p.Ready {
		return "Loading the training engine…", ""
	}
	workers := count(max(p.Workers, 1), "worker")
	switch p.Kernel {
	case "simd":
		workers += ", SIMD"
	case "simd-fma": // the SIMD kernels, their products fused multiply-adds (model/nn/simd)
		workers += ", SIMD with fused multiply-add"
	}
	switch p.Phase {
	case proto.Idle:
		if p.HasText { // pasted, restored from a draft, or opened from a link
			return "Ready (" + workers + "). Press Train.", ""
		}
		return "Ready (" + workers + "). Choose a text and press Train.", ""
	case proto.Done:
		if pr.Epoch == 0 { // opened with no whole epoch in its history: a link's model, or a run cut short
			if !p.HasText { // a demo link's receiver: Train would only say that the text is empty
				return "A trained model is open: write with it below. To train one of your own, first paste a story, drop a .txt file or pick a sample.", ""
			}
			return "A trained model is open: write with it below, or press Train to train one on this text.", ""
		}
		val := ""
		if pr.ValLoss != nil {
			val = fmt.Sprintf(", validation loss %.3f", *pr.ValLoss)
		}
		if pr.Epoch < pr.Epochs { // a run stopped part-way, opened from its file or link without its text
			return fmt.Sprintf("A model trained for %d of its %s is open: loss %.3f%s. Write with it below.", pr.Epoch, count(pr.Epochs, "epoch"), pr.Loss, val), ""
		}
		return fmt.Sprintf("Done: %s, loss %.3f%s. Write with the model below.", count(pr.Epochs, "epoch"), pr.Loss, val), ""
	case proto.Stopped:
		at := fmt.Sprintf("epoch %d, batch %d", pr.Epoch, pr.Batch)
		if pr.Batch == 0 { // saved at an epoch's end: "batch 0" read as a batch
			at = fmt.Sprintf("epoch %d, before its first batch", pr.Epoch)
		}
		where = "Stopped at " + at + "."
		if p.Interrupted { // the user never pressed Stop; what it trained after its last save is gone
			where = "Interrupted at " + at + " (the page was reloaded or closed while it trained; this is its last save)."
		}
		if p.TextNotRun {
			return where + " The model so far can write; Resume continues on the text it learned from, " +
				"not the one now in the box (Train starts a new run on that).", ""
		}
		if p.Interrupted {
			return where + " The model so far can write; press Resume to go on.", ""
		}
		return where + " The model so far can write; Resume continues.", ""
	}
	where = fmt.Sprintf("Epoch %d/%d · batch %d/%d · loss %.3f", pr.Epoch, pr.Epochs, pr.Batch, pr.Batches, pr.Loss)
	var parts []string
	if pr.SamplesPerS > 0 { // none measured yet: a run restored and not yet resumed, or resumed a moment ago
		parts = append(parts, fmt.Sprintf("%.0f samples/s", pr.SamplesPerS))
	}
	if pr.Validating {
		parts = append(parts, "validating")
	}
	if pr.SamplesPerS > 0 && frac > 0 && frac < 1 && p.Phase == proto.Training {
		left := float64(pr.Batches*pr.Epochs) * (1 - frac) * float64(max(p.Batch, 1))
		parts = append(parts, aboutDuration(left/pr.SamplesPerS)+" left")
	}
	pace = strings.Join(append(parts, workers), " · ")
	if p.Phase == proto.Paused {
		where = "Paused. " + where
		if p.TextNotRun {
			pace += ". Resume goes on with the text it learned from, not the one now in the box"
		}
	}
	return where, pace
}

// count says "1 epoch", "2 epochs".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
