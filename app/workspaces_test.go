package app

import (
	"testing"

	"fabulist/model"
	"fabulist/proto"
)

func TestTheFirstListingReopensTheNewestWorkspace(t *testing.T) {
	sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Ready, Workers: 1})
	if len(*sent) != 1 || (*sent)[0].Kind != proto.Workspaces {
		t.Fatalf("on ready the page asked %+v", *sent)
	}
	list := []proto.Workspace{{ID: "new", Updated: 2}, {ID: "old", Updated: 1}}
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: list})
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Open || last.ID != "new" {
		t.Fatalf("the first listing asked %+v", last)
	}
	n := len(*sent)
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: list})
	if len(*sent) != n {
		t.Error("a later listing reopened a workspace again")
	}

	cfg := model.QuickConfig()
	h := model.History{BatchLoss: []float32{3, 2, 1, 0.5}, Epochs: []model.EpochStats{{Epoch: 1, Loss: 2, ValLoss: 2.5}, {Epoch: 2, Loss: 1, ValLoss: 2.25}}}
	st.receive(proto.Message{Kind: proto.Opened, Text: "토끼 | fox", Config: &cfg, History: &h, State: proto.Stopped,
		HasModel: true, Level: model.Char, Workspace: &proto.Workspace{ID: "new", Updated: 2},
		SampleLog: []proto.EpochSamples{{Epoch: 1}, {Epoch: 2}}})
	v := st.v
	if st.text != "토끼 | fox" || v.TextChars != 8 || v.Preset != "quick" || v.Phase != proto.Stopped || !v.HasModel ||
		len(v.BatchLoss) != 4 || len(v.ValLoss) != 2 || v.Progress.Epoch != 2 || v.Progress.Batches != 2 ||
		len(v.Samples) != 2 || v.Samples[0].Epoch != 2 || v.WorkspaceID != "new" {
		t.Errorf("after opening: %+v", v)
	}
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Predict {
		t.Errorf("an opened model should offer candidates; last sent %+v", last)
	}
}

func TestNoReopeningOverAShareLinkOrAText(t *testing.T) {
	sent := newTestStore(t)
	st.text = "a text the user pasted before the engine was ready"
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w"}}})
	for _, m := range *sent {
		if m.Kind == proto.Open {
			t.Error("a saved workspace replaced the text on the page")
		}
	}
}

// A text chosen while the newest workspace is still reopening stays: the late answer is dropped.
func TestWhatTheUserDoesWhileReopeningWins(t *testing.T) {
	sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
	open := (*sent)[len(*sent)-1]
	if open.Kind != proto.Open {
		t.Fatalf("the first listing asked %+v", open)
	}
	st.setText("토끼와 거북이")
	cfg := model.QuickConfig()
	st.receive(proto.Message{Kind: proto.Opened, Seq: open.Seq, Text: "the saved text", Config: &cfg, State: proto.Stopped,
		HasModel: true, Workspace: &proto.Workspace{ID: "w"}})
	if st.text != "토끼와 거북이" || st.v.HasModel || st.v.WorkspaceID != "" {
		t.Errorf("the late reopening replaced what the user chose: text %q, %+v", st.text, st.v)
	}
	// A workspace the user opens later is shown.
	st.receive(proto.Message{Kind: proto.Opened, Seq: st.send(proto.Message{Kind: proto.Open, ID: "w"}), Text: "the saved text",
		Config: &cfg, State: proto.Stopped, HasModel: true, Workspace: &proto.Workspace{ID: "w"}})
	if st.text != "the saved text" || !st.v.HasModel {
		t.Errorf("a workspace opened on purpose was not shown: text %q", st.text)
	}
}

func TestOpeningADraftAsksNoPrediction(t *testing.T) {
	sent := newTestStore(t)
	cfg := model.BookConfig()
	st.receive(proto.Message{Kind: proto.Opened, Text: "draft", Config: &cfg, State: proto.Idle})
	for _, m := range *sent {
		if m.Kind == proto.Predict {
			t.Error("a workspace without a model asked the worker for candidates")
		}
	}
	if st.v.HasModel || st.v.Phase != proto.Idle {
		t.Errorf("draft: %+v", st.v)
	}
}

func TestTheNewerOfDraftAndWorkspaceComesBack(t *testing.T) {
	cfg := model.QuickConfig()
	for _, c := range []struct {
		draftAt, wsAt int64
		wantOpen      bool
	}{{draftAt: 5, wsAt: 9, wantOpen: true}, {draftAt: 9, wsAt: 5, wantOpen: false}} {
		sent := newTestStore(t)
		st.draft = func() (draft, bool) { return draft{Text: "a draft", Config: cfg, Updated: c.draftAt}, true }
		st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: c.wsAt}}})
		opened := false
		for _, m := range *sent {
			opened = opened || m.Kind == proto.Open
		}
		if opened != c.wantOpen || (!c.wantOpen && (st.text != "a draft" || st.v.Config != cfg || st.v.Preset != "quick")) {
			t.Errorf("draft at %d, workspace at %d: opened %v, text %q, preset %s", c.draftAt, c.wsAt, opened, st.text, st.v.Preset)
		}
	}
}
