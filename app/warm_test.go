package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// The warm-up runs the code of a training run only if its messages decode and its view renders
// what a run shows: a message the page cannot read, or a view without its chart, samples and
// saved list, would warm other code than a run calls.
func TestWarmUpCoversATrainingRun(t *testing.T) {
	kinds := map[proto.Kind]bool{}
	for _, m := range trainingMessages() {
		got, err := proto.Decode(proto.Encode(m))
		if err != nil {
			t.Fatalf("%s: %v", m.Kind, err)
		}
		kinds[got.Kind] = true
	}
	for _, k := range []proto.Kind{proto.State, proto.Progress, proto.Samples, proto.Candidates, proto.Saved} {
		if !kinds[k] {
			t.Errorf("no %s message among the warm-up's", k)
		}
	}
	html := app.HTMLString(&Studio{v: trainingView()})
	for _, want := range []string{
		`data-phase="training"`,                 // the progress bar while training
		`<polyline points="`,                    // the loss chart's line
		`<circle`,                               // an epoch's validation loss
		`data-count="1"`,                        // samples, and a saved workspace
		"temperature 0.2",                       // a sample
		`class="ws-list"`,                       // the saved list
		"Damaged: the model is not bytes but a", // a damaged workspace's row
		"Saved automatically at 12:00:00.",
		"probability 25.0%", // a candidate
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the training view has no %q", want)
		}
	}
}
