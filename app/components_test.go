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
	// every frame of the bar's glide.
	mustMatch(t, c, app.TestPath(0, 2, 0), app.Div().Class("bar").Style("transform", "scaleX(0.5000)"))
	// half of 30 batches left: 15 × 32 windows at 30 windows/s
	mustMatch(t, c, app.TestPath(0, 3, 0), app.Text("Epoch 2/3 · batch 5/10 · loss 4.250 · 30 samples/s · 1 worker · about 16 s left"))
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
	} {
		d := app.NewClientTester(c.panel)
		mustMatch(t, c.panel, app.TestPath(0, 3, 0), app.Text(c.want))
		d.Close()
	}
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
	// [0] div › [2] #candidates › [2] first range item (after the two If slots)
	first := app.Button().Class("candidate").DataSet("token", "fox").DataSet("p", "0.2500").
		Title("probability 25.0%").Disabled(false).OnClick(noop)
	if err := app.TestMatch(c, app.TestUIDescriptor{Path: app.TestPath(0, 2, 2, 0), Expected: first}); err != nil {
		// go-app may or may not keep empty If slots as children; accept either layout.
		mustMatch(t, c, app.TestPath(0, 2, 0), first)
	}
}

func TestErrorBanner(t *testing.T) {
	c := &ErrorBanner{}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0), app.Div().ID("error").Class("error").Hidden(true).Aria("live", "assertive"))
	c.Message = "The text is empty"
	d.Consume()
	c.Update()
	d.Consume()
	mustMatch(t, c, app.TestPath(0), app.Div().ID("error").Class("error").Hidden(false).Aria("live", "assertive"))
	mustMatch(t, c, app.TestPath(0, 0, 0), app.Text("The text is empty"))
}

func TestLossChartScalesAndMarksEpochs(t *testing.T) {
	losses := make([]float32, 1000)
	for i := range losses {
		losses[i] = 6 - float32(i)/500
	}
	svg := (&LossChart{Losses: losses, Val: []float64{5.5, 4.9}, Batches: 500}).svg()
	if !strings.Contains(svg, `data-points="400"`) || strings.Count(svg, "<circle") != 2 {
		t.Errorf("chart of 1000 batches and 2 epochs: %.200s", svg)
	}
	if empty := (&LossChart{}).svg(); !strings.Contains(empty, `data-points="0"`) || strings.Contains(empty, "polyline") {
		t.Errorf("empty chart: %s", empty)
	}
}
