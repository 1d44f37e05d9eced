package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func mustMatch(t *testing.T, tree app.UI, path []int, want app.UI) {
	t.Helper()
	if err := app.TestMatch(tree, app.TestUIDescriptor{Path: path, Expected: want}); err != nil {
		t.Errorf("path %v: %v", path, err)
	}
}

func noop(app.Context, app.Event) {}

func TestTrainPanelWhileTraining(t *testing.T) {
	c := &TrainPanel{Ready: true, Workers: 1, Phase: proto.Training, Batch: 32, HasModel: true,
		Progress: lm.Progress{Epoch: 2, Epochs: 3, Batch: 5, Batches: 10, Loss: 4.25, SamplesPerS: 30}}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 1, 0), app.Button().ID("train").Class("primary").Text("Train").Disabled(true).OnClick(noop))
	mustMatch(t, c, app.TestPath(0, 1, 1), app.Button().ID("pause").Text("Pause").Disabled(false).OnClick(noop))
	mustMatch(t, c, app.TestPath(0, 1, 2), app.Button().ID("resume").Text("Resume").Disabled(true).OnClick(noop))
	mustMatch(t, c, app.TestPath(0, 2), app.Div().ID("progress").Class("progress").DataSet("epoch", 2).DataSet("batch", 5).
		DataSet("loss", "4.2500").DataSet("samples-per-s", "30.0").DataSet("phase", "training"))
	// Half the run is done. The bar is scaled, not sized: a width would lay the page out again at
	// each update.
	mustMatch(t, c, app.TestPath(0, 2, 0), app.Div().Class("bar").Style("transform", "scaleX(0.5000)"))
	// half of 30 batches left: 15 × 32 windows at 30 windows/s
	// Two rows, each kept to one line while training, so that the chart below never moves when
	// the time left comes or goes (the one line wrapped at "about 1 min left": a trial).
	mustMatch(t, c, app.TestPath(0, 3), app.P().ID("status").TabIndex(0).Class("status rows one-line").
		Title("Epoch 2/3 · batch 5/10 · loss 4.250 · 30 samples/s · about 16 s left · 1 worker"))
	mustMatch(t, c, app.TestPath(0, 3, 0, 0), app.Text("Epoch 2/3 · batch 5/10 · loss 4.250"))
	mustMatch(t, c, app.TestPath(0, 3, 1, 0), app.Text("30 samples/s · about 16 s left · 1 worker"))
	// No speed measured yet, and validating: still two rows.
	c.Progress.SamplesPerS, c.Progress.Validating = 0, true
	c.Update()
	d.Consume()
	mustMatch(t, c, app.TestPath(0, 3, 0, 0), app.Text("Epoch 2/3 · batch 5/10 · loss 4.250"))
	mustMatch(t, c, app.TestPath(0, 3, 1, 0), app.Text("validating · 1 worker"))
}

func TestTrainPanelDone(t *testing.T) {
	val := 4.4768
	for _, c := range []struct {
		panel *TrainPanel
		want  string
	}{
		{&TrainPanel{Ready: true, Workers: 2, Phase: proto.Done, Progress: lm.Progress{Epoch: 1, Epochs: 1, Loss: 4.306, ValLoss: &val}},
			"Done: 1 epoch, loss 4.306, validation loss 4.477. Write with the model below."},
		{&TrainPanel{Ready: true, Workers: 1, Phase: proto.Done, Progress: lm.Progress{Epoch: 3, Epochs: 3, Loss: 2.5}},
			"Done: 3 epochs, loss 2.500. Write with the model below."},
		// A run stopped in its sixth epoch of 60, opened from its file without its text (the trial's
		// model link, which said "Done: 60 epochs").
		{&TrainPanel{Ready: true, Workers: 1, Phase: proto.Done, Progress: lm.Progress{Epoch: 5, Epochs: 60, Loss: 2.085, ValLoss: &val}},
			"A model trained for 5 of its 60 epochs is open: loss 2.085, validation loss 4.477. Write with it below."},
		{&TrainPanel{Ready: true, Workers: 1, Kernel: "simd", Phase: proto.Idle},
			"Ready (1 worker, SIMD). Choose a text and press Train."},
		// A text pasted or opened from a link: the page asks for none.
		{&TrainPanel{Ready: true, Workers: 1, Kernel: "simd", Phase: proto.Idle, HasText: true},
			"Ready (1 worker, SIMD). Press Train."},
		// A demo link's model, opened with an empty text box (the trial's receiver was offered
		// "press Train to train one on this text"): Train needs a text, and the line says so.
		{&TrainPanel{Ready: true, Workers: 1, Phase: proto.Done, HasModel: true},
			"A trained model is open: write with it below. To train one of your own, first paste a story, drop a .txt file or pick a sample."},
		{&TrainPanel{Ready: true, Workers: 1, Phase: proto.Done, HasModel: true, HasText: true},
			"A trained model is open: write with it below, or press Train to train one on this text."},
		// The fused path says so: a run on it reproduces where fused multiply-add is (DEVELOPERS.md).
		{&TrainPanel{Ready: true, Workers: 2, Kernel: "simd-fma", Phase: proto.Idle, HasText: true},
			"Ready (2 workers, SIMD with fused multiply-add). Press Train."},
	} {
		d := app.NewClientTester(c.panel)
		mustMatch(t, c.panel, app.TestPath(0, 3, 0), app.Text(c.want))
		d.Close()
	}
}

// Paused just after a reload: no speed measured yet, and none said (the trial saw "0 samples/s");
// each row is one line, as while training: a paused line that wrapped moved the chart at Pause
// and back at Resume (a trial, at 400 px).
func TestTrainPanelPaused(t *testing.T) {
	c := &TrainPanel{Ready: true, Workers: 1, Phase: proto.Paused, Progress: lm.Progress{Epoch: 1, Epochs: 2, Batch: 283, Batches: 1418, Loss: 5.5}}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 3), app.P().ID("status").TabIndex(0).Class("status rows one-line").Title("Paused. Epoch 1/2 · batch 283/1418 · loss 5.500 · 1 worker"))
	mustMatch(t, c, app.TestPath(0, 3, 0, 0), app.Text("Paused. Epoch 1/2 · batch 283/1418 · loss 5.500"))
	mustMatch(t, c, app.TestPath(0, 3, 1, 0), app.Text("1 worker"))
}

func TestTrainPanelBeforeTheEngineIsReady(t *testing.T) {
	c := &TrainPanel{Phase: proto.Idle}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 1, 0), app.Button().ID("train").Class("primary").Text("Train").Disabled(true).OnClick(noop))
	mustMatch(t, c, app.TestPath(0, 3, 0), app.Text("Loading the training engine…"))
}

func TestWritePanelCandidates(t *testing.T) {
	c := &WritePanel{HasModel: true, Candidates: []lm.Candidate{{Token: "fox", ID: 5, P: 0.25}, {Token: " ", ID: 1, P: 0.125}}}
	d := app.NewClientTester(c)
	defer d.Close()
	// [0] div › [3] #candidates (after the output and its story) › [2] first range item (after the
	// two If slots)
	first := app.Button().Class("candidate").DataSet("token", "fox").DataSet("p", "0.2500").
		Title("probability 25.0%").Disabled(false).OnClick(noop)
	if err := app.TestMatch(c, app.TestUIDescriptor{Path: app.TestPath(0, 3, 2, 0), Expected: first}); err != nil {
		// go-app may or may not keep empty If slots as children; accept either layout.
		mustMatch(t, c, app.TestPath(0, 3, 0), first)
	}
}

func TestErrorBanner(t *testing.T) {
	c := &ErrorBanner{}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0), app.Div().ID("error").Class("error").Hidden(true).Aria("live", "assertive"))
	c.Message = "model: the text is too short: 1 word" // an engine's error string
	d.Consume()
	c.Update()
	d.Consume()
	mustMatch(t, c, app.TestPath(0), app.Div().ID("error").Class("error").Hidden(false).Aria("live", "assertive"))
	mustMatch(t, c, app.TestPath(0, 0, 0), app.Text("Model: the text is too short: 1 word."))
}

func TestMessagesAreShownAsSentences(t *testing.T) {
	for _, c := range []struct{ msg, want string }{
		{"the text is too short: 1 word, and a window of seq_length 20 needs more than that (use a longer text)",
			"The text is too short: 1 word, and a window of seq_length 20 needs more than that (use a longer text)."},
		{"Some settings are out of range: see the messages next to them.", "Some settings are out of range: see the messages next to them."},
		{"Share the settings only?", "Share the settings only?"},
		{"읽을 수 없는 파일", "읽을 수 없는 파일."},
		{"élan is gone ", "Élan is gone."},
		{"huge.txt: That text is 6.4 MB", "huge.txt: That text is 6.4 MB."},
		{"notes/fables: not a text file", "notes/fables: not a text file."},
		{"", ""},
	} {
		t.Run(c.msg, func(t *testing.T) {
			if got := sentence(c.msg); got != c.want {
				t.Errorf("sentence(%q): got %q; want %q", c.msg, got, c.want)
			}
		})
	}
}

// The statistics name each count once: at the character level the tokens are the characters.
func TestTextStatisticsNameTheUnitOnce(t *testing.T) {
	a := &proto.TextAnalysis{Chars: 2745, Tokens: 2745, Vocab: 32, Windows: 2725, Params: 1000}
	for _, c := range []struct {
		name   string
		level  lm.Level
		tokens int
		want   string
	}{
		{"characters", lm.Char, 2745, "2745 characters (31 distinct) · 2725 training windows"},
		{"characters, some cleaned away", lm.Char, 2700, "2745 characters, 2700 once cleaned (31 distinct) · 2725 training windows"},
		{"words", lm.Word, 500, "2745 characters · 500 words (31 distinct) · 2725 training windows"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := *a
			b.Tokens = c.tokens
			cfg := lm.DefaultConfig()
			cfg.Level = c.level
			html := app.HTMLString(&TextPanel{Chars: 2745, Analysis: &b, Config: cfg})
			if !strings.Contains(html, "<p>"+c.want) { // from its start: the old line ended as the new one
				t.Errorf("got %s; want it to say %q", html, c.want)
			}
		})
	}
}

func TestAnEndedStoryShowsNoMarker(t *testing.T) {
	html := app.HTMLString(&WritePanel{HasModel: true, Ended: true})
	if !strings.Contains(html, "The story has ended. Undo to go on.") || strings.Contains(html, "(|)") {
		t.Errorf("an ended story: got %s", html)
	}
}

func TestLossChartScalesAndMarksEpochs(t *testing.T) {
	losses := make([]float32, 1000)
	for i := range losses {
		losses[i] = 6 - float32(i)/500
	}
	p := plotIn(wideChart, losses, []float64{5.5, 3.5}, 500, nil)
	if p.points != 400 || strings.Count(p.line, ",") != 400 || p.batches != 1000 {
		t.Errorf("1000 batches: %d points (%d in the line), %d batches; want 400, 400, 1000", p.points, strings.Count(p.line, ","), p.batches)
	}
	if len(p.val) != 2 || p.val[0].epoch != 1 || p.val[0].x != 314 || p.val[1].x != 592 {
		t.Errorf("epoch marks of 500 batches each: %+v; want epochs 1 and 2 at x 314 and 592", p.val)
	}
	// The scale spans the smoothed losses and the validation losses: 3.5 is below every smoothed
	// loss, so it is the bottom, at the axis.
	if p.lo != 3.5 || p.yLo != 184 || p.val[1].y != 184 {
		t.Errorf("bottom of the scale %g at y %g, the second mark at y %g; want 3.5 at 184, 184", p.lo, p.yLo, p.val[1].y)
	}
	if empty := plotIn(wideChart, nil, nil, 0, nil); empty.points != 0 || empty.line != "" {
		t.Errorf("empty chart: %+v", empty)
	}
}

func TestLossChartRendersAnSVG(t *testing.T) {
	c := &LossChart{Losses: []float32{3, 2.5, 2}, Val: []float64{2.25}, Batches: 3}
	d := app.NewClientTester(c)
	defer d.Close()
	svg := func(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }
	mustMatch(t, c, app.TestPath(0, 0), svg("svg").ID("loss-chart").Attr("viewBox", "0 0 600 220").Attr("role", "img").
		Aria("label", "loss chart").DataSet("points", 3).DataSet("val-points", 1).DataSet("val", "2.25"))
	p := plotIn(wideChart, c.Losses, c.Val, c.Batches, nil)
	mustMatch(t, c, app.TestPath(0, 0, 4), svg("polyline").Attr("points", p.line))
	mustMatch(t, c, app.TestPath(0, 0, 6, 0), svg("circle").Attr("cx", "592.0").Attr("cy", f1(p.val[0].y)).Attr("r", 4))

	e := &LossChart{}
	d2 := app.NewClientTester(e)
	defer d2.Close()
	mustMatch(t, e, app.TestPath(0, 0, 0), svg("text").Attr("x", "300").Attr("y", "110").Attr("text-anchor", "middle"))
	mustMatch(t, e, app.TestPath(0, 0, 0, 0), app.Text("The loss appears here while training."))
}

// TestOpenedModelStatus: a model opened from a link or file with no whole epoch in its history
// is not said to be done after "0 epochs, loss 0.000", which read as an untrained model.
func TestOpenedModelStatus(t *testing.T) {
	opened := (&TrainPanel{Ready: true, Phase: proto.Done, HasModel: true}).status(1)
	if strings.Contains(opened, "0 epochs") || !strings.Contains(opened, "trained model is open") {
		t.Errorf("an opened model's status is %q", opened)
	}
	trained := (&TrainPanel{Ready: true, Phase: proto.Done, HasModel: true,
		Progress: lm.Progress{Epoch: 3, Epochs: 3, Loss: 1.25}}).status(1)
	if !strings.Contains(trained, "Done: 3 epochs, loss 1.250") {
		t.Errorf("a trained model's status is %q", trained)
	}
}

// TestTrainPanelUnderASecondLeft: a run about to end says "under a second left", not "about
// under a second left" (a trial's reading).
func TestTrainPanelUnderASecondLeft(t *testing.T) {
	c := &TrainPanel{Ready: true, Workers: 1, Phase: proto.Training, Batch: 32, HasModel: true,
		Progress: lm.Progress{Epoch: 3, Epochs: 3, Batch: 9, Batches: 10, Loss: 4.25, SamplesPerS: 3000}}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 3, 1, 0), app.Text("3000 samples/s · under a second left · 1 worker"))
}
