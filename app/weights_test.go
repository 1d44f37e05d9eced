package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// TestWeightsChoiceGoesWithEveryRequest: the checks a run posts are kept for the chart; the
// requests that write say which weights write, the best ("") until the user picks the latest.
func TestWeightsChoiceGoesWithEveryRequest(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	checks := []lm.Check{{Epoch: 1, Batch: 10, ValLoss: 3}, {Epoch: 1, Batch: 20, ValLoss: 2.5}, {Epoch: 1, Batch: 30, ValLoss: 2.75}}
	for _, c := range checks {
		st.receive(proto.Message{Kind: proto.Progress, Progress: &lm.Progress{Epoch: 1, Epochs: 1, Batch: c.Batch, Batches: 30, Check: &c}})
	}
	if len(st.v.Checks) != 3 || st.v.Checks[1] != checks[1] {
		t.Fatalf("checks kept %v; want %v", st.v.Checks, checks)
	}
	last := func(kind proto.Kind) proto.Message {
		t.Helper()
		for i := len(*sent) - 1; i >= 0; i-- {
			if (*sent)[i].Kind == kind {
				return (*sent)[i]
			}
		}
		t.Fatalf("no %s sent", kind)
		return proto.Message{}
	}
	ask := func() {
		st.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 3})
		st.onExport(nil, app.Action{Value: "tfjs"})
	}
	ask()
	for _, k := range []proto.Kind{proto.Generate, proto.Export} {
		if w := last(k).Weights; w != "" {
			t.Errorf("%s before a choice asks for %q weights; want \"\" (the best)", k, w)
		}
	}
	before := len(*sent)
	st.onWeights(nil, app.Action{Value: "latest"})
	if len(*sent) == before || last(proto.Predict).Weights != lm.WeightsLatest {
		t.Error("choosing the latest weights did not ask for candidates with them")
	}
	ask()
	for _, k := range []proto.Kind{proto.Generate, proto.Predict, proto.Export} {
		if w := last(k).Weights; w != lm.WeightsLatest {
			t.Errorf("%s after choosing the latest asks for %q weights", k, w)
		}
	}
	// A new run starts without checks; an opened model brings its own.
	st.v.FieldErrors, st.text = map[string]string{}, "a story"
	st.train()
	if len(st.v.Checks) != 0 {
		t.Errorf("a new run shows the old run's checks %v", st.v.Checks)
	}
	st.receive(proto.Message{Kind: proto.Imported, History: &lm.History{BatchLoss: make([]float32, 30), Checks: checks}})
	if len(st.v.Checks) != 3 {
		t.Errorf("an opened model shows checks %v; want its history's %v", st.v.Checks, checks)
	}
}

// TestLossChartMarksTheBestCheck: the best check (the first of the lowest) is marked at its batch,
// within the scale, and said in words on the weights' select.
func TestLossChartMarksTheBestCheck(t *testing.T) {
	losses := make([]float32, 1000)
	for i := range losses {
		losses[i] = 6 - float32(i)/500
	}
	checks := []lm.Check{{Epoch: 1, Batch: 250, ValLoss: 5}, {Epoch: 1, Batch: 500, ValLoss: 3.25}, {Epoch: 2, Batch: 750, ValLoss: 3.25}, {Epoch: 2, Batch: 1000, ValLoss: 3.5}}
	p := plotIn(wideChart, losses, []float64{3.25, 3.5}, 500, checks)
	if p.best == nil || p.best.batch != 500 || p.best.x != p.val[0].x || p.lo != 3.25 || p.best.y != p.yLo {
		t.Fatalf("best mark %+v, bottom of the scale %g at %g; want batch 500 at the first epoch's mark's x, at the bottom (3.25)", p.best, p.lo, p.yLo)
	}
	if none := plotIn(wideChart, losses, nil, 500, nil); none.best != nil {
		t.Errorf("a chart without checks marks a best: %+v", none.best)
	}
	html := app.HTMLString(&LossChart{Losses: losses, Val: []float64{3.25, 3.5}, Batches: 500, Checks: checks})
	if !strings.Contains(html, `id="best-mark"`) || !strings.Contains(html, `data-batch="500"`) || !strings.Contains(html, `data-loss="3.25"`) {
		t.Errorf("the chart does not mark the best check at batch 500: %s", html)
	}
	panel := app.HTMLString(&GeneratePanel{HasModel: true, Checks: checks})
	if !strings.Contains(panel, `id="weights-choice"`) || !strings.Contains(panel, "best validation (3.250, batch 500)") {
		t.Errorf("the weights' select does not name the best check: %s", panel)
	}
}

// Before any validation check the best weights are not offered: the field shows the latest,
// which is what writes.
func TestBestWeightsAreOfferedOnlyOnceValidated(t *testing.T) {
	// option is the best option's element, and whether it is disabled and selected (go-app writes
	// a true attribute bare, a false one as ="false").
	option := func(checks []lm.Check) (el string, disabled, selected bool) {
		html := app.HTMLString((&GeneratePanel{HasModel: true, Weights: lm.WeightsBest, Checks: checks}).weightsField())
		for _, el := range strings.Split(html, "<option")[1:] {
			if el = el[:strings.Index(el, "</option>")]; strings.Contains(el, `value="best"`) {
				on := func(a string) bool { return regexp.MustCompile(`\s` + a + `[\s>]`).MatchString(el) }
				return el, on("disabled"), on("selected")
			}
		}
		t.Fatalf("no best option:\n%s", html)
		return
	}
	if el, disabled, selected := option(nil); !disabled || selected || !strings.Contains(el, "none yet") {
		t.Errorf("with no checks the best option is %q; want it disabled, not selected, saying there is none yet", el)
	}
	if el, disabled, selected := option([]lm.Check{{Batch: 4, ValLoss: 3.25}}); disabled || !selected || !strings.Contains(el, "3.250, batch 4") {
		t.Errorf("with a check the best option is %q; want it offered and selected with its loss", el)
	}
}

// TestAnEarlyEndSaysWhichWeightsWrote: a story Generate ended after a few words (up to ten), written with
// the weights of a best check early in a run that went on, says so and points at "latest"; with
// the latest weights, a long story or a best check that is the last, it says nothing more.
func TestAnEarlyEndSaysWhichWeightsWrote(t *testing.T) {
	checks := []lm.Check{{Batch: 4, ValLoss: 5.339}, {Batch: 40, ValLoss: 5.6}, {Batch: 80, ValLoss: 5.9}}
	short := &lm.GenResult{Text: "yet |", Tokens: []string{"yet", "|"}, Stopped: true}
	five := &lm.GenResult{Text: "the a . \" |", Tokens: []string{"the", "a", ".", "\"", "|"}, Stopped: true}
	long := &lm.GenResult{Text: "a b c d e f g h i j k |", Tokens: strings.Fields("a b c d e f g h i j k |"), Stopped: true}
	for _, c := range []struct {
		name    string
		g       *lm.GenResult
		w       lm.Weights
		checks  []lm.Check
		level   lm.Level
		wantSay string
	}{
		{"best, early, short", short, lm.WeightsBest, checks, lm.Word, "It ended after 2 words: these are the weights of the best validation check (batch 4 of 80)"},
		{"default weights", short, "", checks, lm.Char, "after 2 characters"},
		{"latest", short, lm.WeightsLatest, checks, lm.Word, ""},
		{"five words", five, lm.WeightsBest, checks, lm.Word, "It ended after 5 words"},
		{"long story", long, lm.WeightsBest, checks, lm.Word, ""},
		{"best is the last check", short, lm.WeightsBest, checks[:1], lm.Word, ""},
		{"no checks", short, lm.WeightsBest, nil, lm.Word, ""},
		{"not ended", &lm.GenResult{Tokens: []string{"yet"}}, lm.WeightsBest, checks, lm.Word, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := earlyEndWithBest(c.g, c.w, c.checks, nil, c.level)
			if (c.wantSay == "") != (got == "") || !strings.Contains(got, c.wantSay) {
				t.Errorf("got %q; want %q", got, c.wantSay)
			}
		})
	}
	// The store: Generate's answer sets it, and the writing panel shows it after its end.
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Ready})
	st.v.HasModel, st.v.Level, st.v.Checks = true, lm.Word, checks
	st.onGenerate(nil, app.Action{Value: genRequest{Prompt: "the wolf", Opts: lm.DefaultGenOptions(), Seed: 7}})
	ask := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word, Generated: short})
	html := app.HTMLString(&WritePanel{HasModel: true, Output: st.v.Output, Ended: st.v.Ended, EndedWhy: st.v.EndedWhy, Level: lm.Word})
	if !strings.Contains(html, "Choose “latest” in Weights") {
		t.Errorf("the writing panel after a two-word story:\n%s\nwant it to point at the latest weights", html)
	}
}

// TestEarlyBestWeightsAreExplained: when the best validation check's weights write and that
// check is early in the run, with training far below its loss since, the note beside the choice
// says so and offers the latest (a trial's best weights, from batch 284, wrote gibberish and
// nothing said why). It goes with the latest chosen, and is not said of a best check that is
// recent, or early but with training no better since.
func TestEarlyBestWeightsAreExplained(t *testing.T) {
	run := func(bestAt int, lossNow float32) *store {
		st, _ := newTestStore(t)
		st.receive(proto.Message{Kind: proto.State, State: proto.Training})
		checks := []lm.Check{{Epoch: 1, Batch: bestAt, ValLoss: 6.1}, {Epoch: 1, Batch: 1000, ValLoss: 6.4}, {Epoch: 2, Batch: 2000, ValLoss: 6.9}}
		for i, c := range checks {
			losses := make([]float32, 1000)
			if i == 1 {
				losses = losses[:1000-bestAt] // the first check came after bestAt batches
			} else if i == 0 {
				losses = losses[:bestAt]
			}
			for j := range losses {
				losses[j] = 7
				if i == 2 {
					losses[j] = lossNow
				}
			}
			st.receive(proto.Message{Kind: proto.Progress, Losses: losses,
				Progress: &lm.Progress{Epoch: c.Epoch, Epochs: 3, Batch: 1, Batches: 1000, Check: &c}})
		}
		return st
	}
	note := func(st *store) string {
		st.derive()
		html := app.HTMLString(&Studio{v: st.v})
		m := regexp.MustCompile(`<p[^>]*id="weights-note"[^>]*>([^<]*)</p>`).FindStringSubmatch(html)
		if m == nil {
			return ""
		}
		return m[1]
	}
	st := run(284, 2.3)
	const want = "The best validation check so far is at batch 284 of 2000 (epoch 1), loss 6.10: early in the run, " +
		"and training has gone down to 2.30 since. Its weights may write gibberish; “latest” may write better."
	if got := note(st); got != want {
		t.Errorf("an early best check: the note is %q; want %q", got, want)
	}
	st.onWeights(nil, app.Action{Value: "latest"})
	if got := note(st); got != "" {
		t.Errorf("with the latest weights chosen the note says %q", got)
	}
	st.onWeights(nil, app.Action{Value: "best"})
	if got := note(st); got != want {
		t.Errorf("the best chosen again: %q", got)
	}
	if got := note(run(600, 2.3)); got != "" { // past the run's first quarter
		t.Errorf("a best check at batch 600 of 2000: the note says %q", got)
	}
	if got := note(run(284, 5.5)); got != "" { // training has not gone far below it
		t.Errorf("training at 5.5 against the check's 6.1: the note says %q", got)
	}
}

// TestBothEarlyNotesCountTheSameRun: on one run, the note beside the weights and the note after
// a story that ended early give the same "batch B of N", N the batches trained so far: training
// goes on after the last check, and the two said "batch 35 of 610" and "of 601".
func TestBothEarlyNotesCountTheSameRun(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	losses := func(n int, l float32) []float32 {
		out := make([]float32, n)
		for i := range out {
			out[i] = l
		}
		return out
	}
	checks := []lm.Check{{Epoch: 1, Batch: 35, ValLoss: 6.1}, {Epoch: 1, Batch: 300, ValLoss: 6.4}, {Epoch: 2, Batch: 601, ValLoss: 6.9}}
	for i, ls := range [][]float32{losses(35, 7), losses(265, 7), losses(301, 2.3)} {
		st.receive(proto.Message{Kind: proto.Progress, Losses: ls,
			Progress: &lm.Progress{Epoch: checks[i].Epoch, Epochs: 3, Batch: 1, Batches: 300, Check: &checks[i]}})
	}
	// Nine batches after the last check, without one.
	st.receive(proto.Message{Kind: proto.Progress, Losses: losses(9, 2.3), Progress: &lm.Progress{Epoch: 3, Epochs: 3, Batch: 9, Batches: 300}})
	if len(st.v.BatchLoss) != 610 || len(st.v.Checks) != 3 {
		t.Fatalf("%d losses and %d checks kept; want 610 and 3", len(st.v.BatchLoss), len(st.v.Checks))
	}
	st.v.HasModel, st.v.Level = true, lm.Word
	st.onGenerate(nil, app.Action{Value: genRequest{Prompt: "the wolf", Opts: lm.DefaultGenOptions(), Seed: 7}})
	ask := (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word,
		Generated: &lm.GenResult{Text: "yet |", Tokens: []string{"yet", "|"}, Stopped: true}})
	st.derive()
	of := regexp.MustCompile(`batch (\d+) of (\d+)`)
	weights, ended := of.FindStringSubmatch(st.v.WeightsNote), of.FindStringSubmatch(st.v.EndedWhy)
	if weights == nil || ended == nil || weights[0] != "batch 35 of 610" || ended[0] != weights[0] {
		t.Errorf("the weights' note %q and the story's %q; want both to say batch 35 of 610", st.v.WeightsNote, st.v.EndedWhy)
	}
}
