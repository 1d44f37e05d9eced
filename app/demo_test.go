package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// TestADemoOpensOnceTheWorkerIsReady: a published demo's text goes in the box at once, its model
// to the worker when it is ready (a file is posted only then), ahead of any saved workspace; once
// opened, its samples are asked for; a model the worker refuses is said to be the demo's, and the
// page goes on as without one.
func TestADemoOpensOnceTheWorkerIsReady(t *testing.T) {
	st, sent := newTestStore(t)
	st.onDemo(nil, app.Action{Value: demoFetched{Text: "the fox and the grapes"}})
	if st.text != "the fox and the grapes" {
		t.Errorf("the demo's text is not in the box: %q", st.text)
	}
	for _, m := range *sent {
		if m.Kind == proto.Import {
			t.Fatal("the demo's model was posted before the worker was ready")
		}
	}
	st.receive(proto.Message{Kind: proto.Ready, Workers: 2})
	var imp proto.Message
	for _, m := range *sent {
		if m.Kind == proto.Import {
			imp = m
		}
	}
	if imp.Kind != proto.Import || imp.Text != "the fox and the grapes" || imp.Seq != st.demoSeq {
		t.Fatalf("after ready, the demo's Import is %+v; want one with its text", imp)
	}
	// The saved workspaces' list does not reopen one over the demo.
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w1", Name: "old", Updated: 5}}})
	for _, m := range *sent {
		if m.Kind == proto.Open {
			t.Error("a saved workspace was reopened over the demo")
		}
	}
	n := len(*sent)
	st.receive(proto.Message{Kind: proto.Imported, Seq: imp.Seq, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Char, State: proto.Done})
	asked := false
	for _, m := range (*sent)[n:] {
		asked = asked || m.Kind == proto.SampleNow
	}
	if !st.v.HasModel || !asked {
		t.Errorf("after the demo opened: model %v, samples asked %v; want both", st.v.HasModel, asked)
	}

	// Nor over a demo without its text, whose model is on its way to the worker.
	bare, sent3 := newTestStore(t)
	bare.receive(proto.Message{Kind: proto.Ready})
	bare.onDemo(nil, app.Action{Value: demoFetched{}})
	bare.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w1", Name: "old", Updated: 5}}})
	for _, m := range *sent3 {
		if m.Kind == proto.Open {
			t.Error("a saved workspace was reopened over a demo without its text")
		}
	}

	bad, sent2 := newTestStore(t)
	bad.receive(proto.Message{Kind: proto.Ready})
	bad.onDemo(nil, app.Action{Value: demoFetched{}})
	bad.receive(proto.Message{Kind: proto.Error, Seq: bad.demoSeq, Error: "that model file is corrupted (its checksum does not match); the current model is unchanged"})
	if !strings.HasPrefix(bad.v.Error, "This demo's model could not be opened: that model file is corrupted") {
		t.Errorf("a refused demo model says %q", bad.v.Error)
	}
	bad.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w1", Name: "old", Updated: 5}}})
	reopened := false
	for _, m := range *sent2 {
		reopened = reopened || m.Kind == proto.Open
	}
	if !reopened {
		t.Error("after the demo failed, the newest saved workspace was not reopened")
	}

	missing, _ := newTestStore(t)
	missing.onDemo(nil, app.Action{Value: demoFetched{Error: "This demo's model could not be fetched (404)."}})
	if missing.v.Error == "" || missing.demo != nil {
		t.Errorf("a demo that could not be fetched: error %q, pending %v", missing.v.Error, missing.demo)
	}
}
