package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// QATrainPanel trains the question model on a dataset the user gives: the file inputs, the run's
// settings, Train / Pause / Resume / Stop, the progress bar and status line, the loss chart and
// the questions written on held-out passages after each epoch.
type QATrainPanel struct {
	app.Compo
	Ready bool
	V     QATrainView
	// TextBusy: the text generator trains or is paused; one model trains at a time.
	TextBusy bool
}

func (p *QATrainPanel) Render() app.UI {
	v := p.V
	pr := v.Progress
	running := v.Phase == proto.Training
	active := running || v.Phase == proto.Paused
	var frac float64
	if pr.Epochs > 0 && pr.Batches > 0 {
		frac = (float64(pr.Epoch-1) + float64(pr.Batch)/float64(pr.Batches)) / float64(pr.Epochs)
		if pr.EpochDone || v.Phase == proto.Done {
			frac = float64(pr.Epoch) / float64(pr.Epochs)
		}
	}
	return app.Div().ID("qa-train-panel").
		On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		On("drop", p.onDrop).Body(
		app.H2().Text("6. Train the question model"),
		app.P().Class("hint").Text("A question model learns from examples of (passage, question, answer), not from a pasted story: "+
			"give it FairytaleQA (its folder, or a .zip of it), a SQuAD .json, or the book's .csv "+
			"(story_id, story_text, question, answer_token_ranges). It learns the examples whose answer is a span of the passage. "+
			"Training runs in this tab, on the workers the Workers setting gives (one per core for a model big enough to gain from them); "+
			"it saves the model in this browser after each epoch."),
		p.dataset(active),
		app.P().ID("qa-chosen").Class("hint").Text(chosen(v)),
		p.fields(active),
		p.buttons(running, active),
		// Always there, hidden when no Train waits for a second press (QATrainView.Confirm): an
		// element that comes and goes would make go-app build the rest of the panel anew.
		app.P().ID("qa-train-confirm").Class("confirm").Hidden(v.Confirm == "" || active).Body(
			app.Text(v.Confirm+" "),
			app.Button().ID("qa-keep-model").Text("Keep it").
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actQAKeepModel) }),
		),
		p.progress(frac),
		p.renderStatus(frac),
		app.If(v.Error != "", app.P().ID("qa-error").Class("qa-error").Aria("live", "polite").Text(sentence(v.Error))),
		&QALossChart{Losses: v.Losses, Val: v.Val, Batches: pr.Batches},
		p.held(),
	)
}

// The panel is rendered in parts: V8 compiles a WebAssembly function again with TurboFan once it
// has run enough of its code, and one Render of the whole panel was a 35 KB function that reached
// that at the page's start (DEVELOPERS.md, "TurboFan at the start").

// dataset is the buttons that choose the dataset's files.
func (p *QATrainPanel) dataset(active bool) app.UI {
	return app.Div().Class("row").Body(
		app.Label().Class("file-button").Body(
			app.Span().Text("Dataset files (.zip, .json, .csv)… "),
			app.Input().Type("file").ID("qa-data").Multiple(true).Accept(".zip,.json,.csv").Disabled(!p.Ready || active).OnChange(p.onFiles),
		),
		app.Label().Class("file-button").Body(
			app.Span().Text("or a folder… "),
			app.Input().Type("file").ID("qa-folder").Attr("webkitdirectory", true).Disabled(!p.Ready || active).OnChange(p.onFiles),
		),
	)
}

// fields is the run's settings.
func (p *QATrainPanel) fields(active bool) app.UI {
	v := p.V
	// The labels are one line each, so that the three inputs line up: "Examples an epoch (0: all)"
	// wrapped at 1280 and 400 px and put its input 20 px below the others. What 0 means is in
	// the title, and in the message that refuses a negative number.
	const examples = "How many training examples each epoch takes; 0 takes all of them"
	return app.Div().Class("fields qa-fields").Body(
		app.Label().Class("field").Body(app.Span().Text("Epochs"),
			app.Input().Type("number").ID("qa-epochs").Min(1).Max(proto.MaxQAEpochs).Value(v.Epochs).Disabled(active).OnChange(p.onField)),
		app.Label().Class("field").Title(examples).Body(app.Span().Text("Examples an epoch"),
			app.Input().Type("number").ID("qa-examples").Min(0).Value(v.Examples).Title(examples).Disabled(active).OnChange(p.onField)),
		app.Label().Class("field").Body(app.Span().Text("Model size"),
			app.Select().ID("qa-size").Disabled(active).OnChange(p.onField).Body(
				app.Option().Value("small").Text("small (fast)").Selected(v.Size != "book"),
				app.Option().Value("book").Text("book-sized (as the CLI)").Selected(v.Size == "book"),
			)),
	)
}

// buttons is Train, Pause, Resume and Stop.
func (p *QATrainPanel) buttons(running, active bool) app.UI {
	v := p.V
	return app.Div().Class("buttons").Body(
		app.Button().ID("qa-train").Class("primary").Text("Train").
			Disabled(!p.Ready || active || p.TextBusy || len(v.Files) == 0 || v.Reading).OnClick(p.onTrain),
		app.Button().ID("qa-pause").Text("Pause").Disabled(!running).
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actQAPause) }),
		app.Button().ID("qa-resume").Text("Resume").Disabled(!v.Resumable() || p.TextBusy).
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actQAResume) }),
		app.Button().ID("qa-stop").Text("Stop").Disabled(!active).
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewAction(actQAStop) }),
	)
}

// progress is the run's bar, with its figures as data attributes for tests and tools; frac is
// the share of the run done, 0 to 1.
func (p *QATrainPanel) progress(frac float64) app.UI {
	pr := p.V.Progress
	return app.Div().ID("qa-progress").Class("progress").
		DataSet("epoch", pr.Epoch).DataSet("batch", pr.Batch).
		DataSet("loss", fmt.Sprintf("%.4f", pr.Question)).DataSet("tagger-loss", fmt.Sprintf("%.4f", pr.Tagger)).
		DataSet("pairs-per-s", fmt.Sprintf("%.2f", pr.PairsPerS)).DataSet("workers", pr.Workers).
		DataSet("phase", phaseOf(p.V.Phase)).
		Body(app.Div().Class("bar").Style("transform", fmt.Sprintf("scaleX(%.4f)", frac)))
}

// phaseOf is a question run's phase for data-phase: idle before any.
func phaseOf(p proto.Phase) proto.Phase {
	if p == "" {
		return proto.Idle
	}
	return p
}

// chosen says which dataset is chosen.
func chosen(v QATrainView) string {
	switch {
	case v.Reading:
		return "Reading the files…"
	case len(v.Files) == 0:
		return "No dataset chosen."
	case len(v.Files) == 1:
		return fmt.Sprintf("Chosen: %s (%s).", v.Files[0], kb(v.Bytes))
	}
	return fmt.Sprintf("Chosen: %d files (%s), from %s.", len(v.Files), kb(v.Bytes), v.Files[0])
}

func kb(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.0f kB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// renderStatus is the status line. A run under way or paused says where it stands in two rows
// (where it is, then its pace), each kept to one line (cut with an ellipsis, the whole text in
// the title) so that the chart below stays put, as the text generator's status does
// (TrainPanel.renderStatus): as one line it switched between two and three lines at 400 px while
// it trained, and the chart jumped.
func (p *QATrainPanel) renderStatus(frac float64) app.UI {
	where, pace := p.statusRows(frac)
	return statusLine("qa-status", where, pace, true) // a pace is said only while a run is under way or paused
}

// status is the status line as one text: its rows joined.
func (p *QATrainPanel) status(frac float64) string { return joinStatus(p.statusRows(frac)) }

// statusRows says what the status line says: where alone when no run is under way or paused,
// else where the run is and its pace (pairs/s, time left, workers: the last cut first).
func (p *QATrainPanel) statusRows(frac float64) (where, pace string) {
	v := p.V
	pr := v.Progress
	if !p.Ready {
		return "Loading the training engine…", ""
	}
	// Before the first batch the losses and the rate are zeros that look measured: they are left
	// out until there are some (a trial read "tagger 0.000 · question 0.000 · 0.0 pairs/s").
	var losses string
	if len(v.Losses) > 0 || pr.Tagger != 0 || pr.Question != 0 {
		losses = fmt.Sprintf("tagger %.3f · question %.3f", pr.Tagger, pr.Question)
	}
	if pr.ValQuestion != nil {
		losses = strings.TrimPrefix(losses+fmt.Sprintf(" · validation question %.3f", *pr.ValQuestion), " · ")
	}
	data := fmt.Sprintf("%d examples an epoch from %s", pr.Examples, pr.Dataset)
	workers := count(max(pr.Workers, 1), "worker")
	switch v.Phase {
	case "", proto.Idle:
		if p.TextBusy {
			return "The text generator is training: one model trains at a time.", ""
		}
		return "No question model trained in this browser yet.", ""
	case proto.Done:
		s := fmt.Sprintf("Done: %s on %s", count(pr.Epochs, "epoch"), data)
		if losses != "" {
			s += "; " + losses
		}
		if pr.PairsPerS > 0 {
			s += fmt.Sprintf("; %.1f pairs/s on %s", pr.PairsPerS, workers)
		}
		if v.Restored {
			s = "Brought back from this browser: " + s
		}
		return s + ". The question model is open for questions.", ""
	case proto.Stopped:
		at := fmt.Sprintf("epoch %d, batch %d", pr.Epoch, pr.Batch)
		if pr.Batch == 0 { // saved at an epoch's end: "batch 0" read as a batch
			at = fmt.Sprintf("epoch %d, before its first batch", pr.Epoch)
		}
		s := fmt.Sprintf("Stopped at %s (%s)", at, data)
		if pr.Interrupted { // the user never pressed Stop, as the text generator's status says too
			s = fmt.Sprintf("Interrupted at %s (the page was reloaded or closed while it trained; this is its last save): %s", at, data)
		}
		if losses != "" {
			s += "; " + losses
		}
		s += "."
		if v.Restored {
			return "Brought back from this browser: " + s + " It is open for questions. Its dataset is not kept, so it cannot be resumed: " +
				"choosing a dataset and pressing Train trains a new one.", ""
		}
		return s + " Resume continues.", ""
	}
	where = fmt.Sprintf("Epoch %d/%d · batch %d/%d", pr.Epoch, pr.Epochs, pr.Batch, pr.Batches)
	if losses != "" {
		where += " · " + losses
	}
	var parts []string
	if pr.PairsPerS > 0 { // none measured before the first batch
		parts = append(parts, fmt.Sprintf("%.1f pairs/s", pr.PairsPerS))
	}
	if pr.PairsPerS > 0 && frac > 0 && frac < 1 && v.Phase == proto.Training {
		left := float64(pr.Examples*pr.Epochs) * (1 - frac)
		parts = append(parts, aboutDuration(left/pr.PairsPerS)+" left")
	}
	pace = strings.Join(append(parts, workers), " · ")
	if v.Phase == proto.Paused {
		where = "Paused. " + where
	}
	return where, pace
}

// held lists the questions written on held-out passages after the last epoch.
func (p *QATrainPanel) held() app.UI {
	hs := p.V.Held
	if len(hs) == 0 {
		return app.Ul().ID("qa-held").Class("qa-held").DataSet("count", 0).Body(
			app.Li().Class("hint").Text("After each epoch the model writes a question for the answer of a few passages it does not train on."))
	}
	items := make([]app.UI, len(hs))
	for i, h := range hs {
		items[i] = app.Li().Class("qa-held-item").DataSet("epoch", h.Epoch).DataSet("asked", h.Asked).Body(
			app.P().Class("qa-passage").Text(excerpt(h.Passage, h.Answer)),
			app.P().Body(app.Span().Class("qa-label").Text("Answer: "), app.Mark().Text(h.Answer)),
			app.P().Body(app.Span().Class("qa-label").Text("Model: "), app.Span().Class("qa-asked").Text(h.Asked)),
			app.P().Body(app.Span().Class("qa-label").Text("Dataset: "), app.Span().Class("qa-want").Text(h.Want)),
		)
	}
	return app.Ul().ID("qa-held").Class("qa-held").DataSet("count", len(hs)).Body(
		app.Li().Class("hint").Text(heldTitle(hs)),
		app.Range(items).Slice(func(i int) app.UI { return items[i] }),
	)
}

// excerpt is about 200 runes of passage around answer.
func excerpt(passage, answer string) string {
	const most = 200
	rs := []rune(passage)
	if len(rs) <= most {
		return passage
	}
	at := len([]rune(passage[:max(strings.Index(passage, answer), 0)]))
	lo := max(0, min(at-most/2, len(rs)-most))
	out := string(rs[lo : lo+most])
	if lo > 0 {
		out = "…" + out
	}
	if lo+most < len(rs) {
		out += "…"
	}
	return out
}

func (p *QATrainPanel) onTrain(ctx app.Context, _ app.Event) {
	val := func(id string) string {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			return el.Get("value").String()
		}
		return ""
	}
	ctx.NewActionWithValue(actQATrain, qaTrainForm{Epochs: val("qa-epochs"), Examples: val("qa-examples"), Size: val("qa-size")})
}

// onField hands a committed setting to the store, which keeps it: the field is read from the
// event, so that one handler serves the three.
func (p *QATrainPanel) onField(ctx app.Context, _ app.Event) {
	src := ctx.JSSrc()
	ctx.NewActionWithValue(actQAField, fieldValue{Field: src.Get("id").String(), Value: src.Get("value").String()})
}

func (p *QATrainPanel) onFiles(ctx app.Context, _ app.Event) {
	readQAFiles(ctx, ctx.JSSrc().Get("files"))
	ctx.JSSrc().Set("value", "")
}

func (p *QATrainPanel) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if v := p.V; v.Phase == proto.Training || v.Phase == proto.Paused || !p.Ready {
		ctx.NewActionWithValue(actQAError, "Stop the question model's training before choosing another dataset.")
		return
	}
	dt := e.Get("dataTransfer")
	// A dropped folder comes as one File that cannot be read: its files are walked entry by entry
	// (walkDropped). The entries are taken now, since the drop's items are gone once it is handled.
	if entries, folder := droppedEntries(dt); folder {
		walkDropped(ctx, entries)
		return
	}
	readQAFiles(ctx, dt.Get("files"))
}

// readQAFiles reads a FileList (a chosen folder's, with their paths in it) into ArrayBuffers,
// after checking how many files there are, and hands them to the store (readQA).
func readQAFiles(ctx app.Context, files app.Value) {
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	n := files.Length()
	if n > maxQAFiles {
		ctx.NewActionWithValue(actQAError, tooManyQAFiles(n))
		return
	}
	names := make([]string, n)
	fs := make([]app.Value, n)
	for i := range n {
		f := files.Index(i)
		fs[i], names[i] = f, f.Get("name").String()
		if rel := f.Get("webkitRelativePath"); rel.Truthy() && rel.String() != "" {
			names[i] = rel.String()
		}
	}
	readQA(ctx, names, fs)
}

// tooManyQAFiles says that n files are more than a dataset may have.
func tooManyQAFiles(n int) string {
	return fmt.Sprintf("%d files is more than the %d a dataset may have.", n, maxQAFiles)
}

// readQA reads Files, named by their paths, into ArrayBuffers after checking how large they are
// together, and hands them to the store.
func readQA(ctx app.Context, names []string, files []app.Value) {
	var total int64
	reads := app.Window().Get("Array").New()
	for _, f := range files {
		total += int64(f.Get("size").Float())
		reads.Call("push", f.Call("arrayBuffer"))
	}
	if total > maxQABytes {
		ctx.NewActionWithValue(actQAError, fmt.Sprintf("Those files take %s, more than the %d MB a dataset may take in a browser.", kb(total), maxQABytes>>20))
		return
	}
	ctx.NewAction(actQAReading)
	var then, catch app.Func
	release := func() { then.Release(); catch.Release() }
	then = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer release()
		ctx.NewActionWithValue(actQAData, qaFiles{Names: names, Buffers: args[0], Bytes: total})
		return nil
	})
	catch = app.FuncOf(func(_ app.Value, args []app.Value) any {
		defer release()
		msg := "unknown error"
		if len(args) > 0 && args[0].Truthy() {
			msg = app.Window().Call("String", args[0]).String()
		}
		ctx.NewActionWithValue(actQAError, "The files could not be read: "+msg)
		return nil
	})
	app.Window().Get("Promise").Call("all", reads).Call("then", then, catch)
}

// heldTitle heads the held-out questions, saying plainly when the passages are ones the model
// trained on (a dataset too small to hold any out).
func heldTitle(hs []proto.QAHeldQuestion) string {
	if hs[0].Trained {
		return fmt.Sprintf("After epoch %d, for passages it trained on (the dataset is too small to hold any out):", hs[0].Epoch)
	}
	return fmt.Sprintf("After epoch %d, for passages it did not train on:", hs[0].Epoch)
}
