package app

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// recorder is a worker that keeps what the store sends it.
type recorder struct{ sent []proto.Message }

func (r *recorder) post(m proto.Message)                  { r.sent = append(r.sent, m) }
func (r *recorder) postFile(m proto.Message, _ app.Value) { r.sent = append(r.sent, m) }
func (r *recorder) ready()                                {}

// newTestStore makes a store whose worker records what is sent, with no draft in the browser.
func newTestStore(t *testing.T) (*store, *[]proto.Message) {
	t.Helper()
	r := &recorder{}
	return newStore(r, func() (draft, error) { return draft{}, errNoDraft }, nil), &r.sent
}

func TestSettingsAreValidatedPerField(t *testing.T) {
	st, _ := newTestStore(t)
	st.setField("units", "abc")
	if st.v.FieldErrors["units"] == "" || st.v.Config.Units != 256 {
		t.Errorf("units=abc: errors %v, units %d", st.v.FieldErrors, st.v.Config.Units)
	}
	st.setField("units", "0")
	if st.v.FieldErrors["units"] == "" {
		t.Error("units=0 passed")
	}
	st.setField("units", "64")
	if len(st.v.FieldErrors) != 0 || st.v.Config.Units != 64 || st.v.Preset != "custom" {
		t.Errorf("units=64: %v %d %s", st.v.FieldErrors, st.v.Config.Units, st.v.Preset)
	}
	st.setPreset("quick")
	if st.v.Config != lm.QuickConfig() || st.v.Preset != "quick" {
		t.Error("the quick preset did not apply")
	}
}

func TestTrainRefusesEmptyTextWithoutAskingTheWorker(t *testing.T) {
	st, sent := newTestStore(t)
	st.train()
	if st.v.Error == "" || len(*sent) != 0 {
		t.Errorf("empty text: error %q, sent %d messages", st.v.Error, len(*sent))
	}
	// A demo link's receiver: a model open, the text box empty. Train says why it cannot start.
	rx, sent := newTestStore(t)
	rx.receive(proto.Message{Kind: proto.Imported, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Word, State: proto.Done})
	*sent = nil
	rx.train()
	if !strings.Contains(rx.v.Error, "The text is empty: paste a story") || slices.ContainsFunc(*sent, func(m proto.Message) bool { return m.Kind == proto.Train }) {
		t.Errorf("a link's model with no text: error %q, sent %+v; want the text asked for and no Train", rx.v.Error, *sent)
	}
}

func TestWritingAppendsUndoesAndDropsStaleAnswers(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	st.prompt = "the fox"
	st.appendToken("ran")
	if st.v.Output != "the fox ran" || !st.v.CanUndo {
		t.Fatalf("word level append: %q", st.v.Output)
	}
	first := st.predSeq
	st.appendToken("away")
	st.receive(proto.Message{Kind: proto.Candidates, Seq: first, Candidates: []lm.Candidate{{Token: "stale"}}})
	if st.v.Candidates != nil {
		t.Error("an answer to an older question was shown")
	}
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq, Candidates: []lm.Candidate{{Token: "home"}}})
	if len(st.v.Candidates) != 1 {
		t.Error("the current answer was dropped")
	}
	st.appendToken(lm.Separator)
	if !st.v.Ended || st.v.Candidates != nil {
		t.Error("the separator did not end the story")
	}
	st.popUndo()
	if st.v.Output != "the fox ran away" || st.v.Ended {
		t.Errorf("undo: %q ended=%v", st.v.Output, st.v.Ended)
	}
	kinds := []proto.Kind{}
	for _, m := range *sent {
		kinds = append(kinds, m.Kind)
	}
	if !slices.Contains(kinds, proto.Predict) {
		t.Errorf("no predictions asked: %v", kinds)
	}
}

func TestCharLevelAppendsWithoutSpaces(t *testing.T) {
	st, _ := newTestStore(t)
	st.setPreset("quick")
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	st.setOutput("토끼")
	st.appendToken("와")
	st.appendToken(" ")
	if st.v.Output != "토끼와 " {
		t.Errorf("char level: %q", st.v.Output)
	}
}

func TestRequestsWaitForTheWorker(t *testing.T) {
	bridge := &workerBridge{}
	st := newStore(bridge, func() (draft, error) { return draft{}, errNoDraft }, nil)
	st.send(proto.Message{Kind: proto.Analyze})
	if len(bridge.queue) != 1 {
		t.Fatalf("a request before ready was not queued: %d", len(bridge.queue))
	}
	var sent []proto.Message
	bridge.sink = func(m proto.Message) { sent = append(sent, m) }
	st.receive(proto.Message{Kind: proto.Ready, Workers: 2})
	// The queued request first, then the list of saved workspaces and the saved question model.
	if len(sent) != 3 || sent[0].Kind != proto.Analyze || sent[1].Kind != proto.Workspaces || sent[2].Kind != proto.QARestore ||
		!st.v.Ready || st.v.Workers != 2 {
		t.Errorf("after ready: sent %v, view ready=%v workers=%d", sent, st.v.Ready, st.v.Workers)
	}
}

func TestCandidatesFollowThePromptUntilThereIsOutput(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	st.prompt = "the fox"
	st.predict()
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Predict || last.Prompt != "the fox" {
		t.Fatalf("asked %+v; want a prediction after the prompt", last)
	}
	st.setOutput("the fox ran")
	st.predict()
	if last := (*sent)[len(*sent)-1]; last.Prompt != "the fox ran" {
		t.Errorf("asked about %q; want the output", last.Prompt)
	}
}

func TestTypingCanBeUndone(t *testing.T) {
	st, _ := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	st.typed("once upon a time")
	if !st.v.CanUndo || st.v.OutputRev != 0 {
		t.Fatalf("after typing: CanUndo=%v OutputRev=%d; want true and 0 (the box already shows it)", st.v.CanUndo, st.v.OutputRev)
	}
	st.popUndo()
	if st.v.Output != "" || st.v.CanUndo {
		t.Errorf("undo of typing: %q, CanUndo=%v", st.v.Output, st.v.CanUndo)
	}
}

// TestTrainEndsTheEstimate: the worker drops a pending epoch-time estimate to train, so the
// statistics line stops saying one is on its way, which it said until the page was reloaded.
func TestTrainEndsTheEstimate(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Ready, Workers: 1})
	st.setText(strings.Repeat("the fox ran to the dog. ", 40))
	an := (*sent)[len(*sent)-1]
	if an.Kind != proto.Analyze || !st.v.Estimating {
		t.Fatalf("a new text: sent %s, estimating %v; want an analysis on its way", an.Kind, st.v.Estimating)
	}
	st.receive(proto.Message{Kind: proto.Analysis, Seq: an.Seq, Analysis: &proto.TextAnalysis{Chars: 960, Windows: 200, Params: 100}})
	stats := func() string {
		return app.HTMLString(&TextPanel{Chars: 960, Analysis: st.v.Analysis, Estimating: st.v.Estimating, Config: st.v.Config})
	}
	if !strings.Contains(stats(), "estimating time per epoch") {
		t.Errorf("while timing: %s", stats())
	}
	st.train()
	if strings.Contains(stats(), "estimating") {
		t.Errorf("after Train: got %s; want no estimate on its way", stats())
	}
}

// TestEachActionHasOneHandler: the handlers are a table, not a map literal, so the compiler no
// longer refuses an action named twice; go-app would run both handlers of such an action.
func TestEachActionHasOneHandler(t *testing.T) {
	seen := map[string]bool{}
	for _, h := range handlers {
		if h.name == "" || h.h == nil {
			t.Errorf("a handler without a name or a function: %+v", h)
		}
		if seen[h.name] {
			t.Errorf("action %q has two handlers", h.name)
		}
		seen[h.name] = true
	}
}
