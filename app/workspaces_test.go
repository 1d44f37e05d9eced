package app

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func TestTheFirstListingReopensTheNewestWorkspace(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Ready, Workers: 1})
	if len(*sent) != 2 || (*sent)[0].Kind != proto.Workspaces || (*sent)[1].Kind != proto.QARestore {
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

	cfg := lm.QuickConfig()
	h := lm.History{BatchLoss: []float32{3, 2, 1, 0.5}, Epochs: []lm.EpochStats{{Epoch: 1, Loss: 2, ValLoss: 2.5}, {Epoch: 2, Loss: 1, ValLoss: 2.25}}}
	st.receive(proto.Message{Kind: proto.Opened, Text: "토끼 | fox", Config: &cfg, History: &h, State: proto.Stopped,
		HasModel: true, Level: lm.Char, Workspace: &proto.Workspace{ID: "new", Updated: 2},
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
	st, sent := newTestStore(t)
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
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
	open := (*sent)[len(*sent)-1]
	if open.Kind != proto.Open {
		t.Fatalf("the first listing asked %+v", open)
	}
	st.setText("토끼와 거북이")
	cfg := lm.QuickConfig()
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
	st, sent := newTestStore(t)
	cfg := lm.BookConfig()
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
	cfg := lm.QuickConfig()
	// A newer draft of an emptied box holds nothing to bring back: the workspace reopens (a trial
	// cleared the box, reloaded, and found a blank studio).
	for _, c := range []struct {
		text          string
		draftAt, wsAt int64
		wantOpen      bool
	}{{"a draft", 5, 9, true}, {"a draft", 9, 5, false}, {"", 9, 5, true}} {
		st, sent := newTestStore(t)
		st.draft = func() (draft, error) { return draft{Text: c.text, Config: cfg, Updated: c.draftAt}, nil }
		st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: c.wsAt}}})
		opened := false
		for _, m := range *sent {
			opened = opened || m.Kind == proto.Open
		}
		if opened != c.wantOpen || (!c.wantOpen && (st.text != "a draft" || st.v.Config != cfg || st.v.Preset != "quick")) {
			t.Errorf("draft %q at %d, workspace at %d: opened %v, text %q, preset %s", c.text, c.draftAt, c.wsAt, opened, st.text, st.v.Preset)
		}
	}
}

// A damaged workspace, however new, never stands in the way of the healthy ones: the newest
// healthy one reopens, and a damaged draft is listed instead of restored.
func TestTheNewestHealthyWorkspaceReopensPastDamagedOnes(t *testing.T) {
	st, sent := newTestStore(t)
	st.draft = func() (draft, error) { return draft{}, &draftDamage{reason: "it does not parse", bytes: 7} }
	list := []proto.Workspace{{ID: "broken", Updated: 9, Damaged: "the model is not bytes but a string"},
		{ID: "old", Updated: 1}, {ID: "orphan", Damaged: "its description is missing"}, {ID: "new", Updated: 5}}
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: list})
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Open || last.ID != "new" {
		t.Errorf("the first listing asked %+v; want to open %q", last, "new")
	}
	if d := st.v.BadDraft; d == nil || d.Damaged != "it does not parse" || d.Bytes != 7 {
		t.Errorf("the damaged draft is listed as %+v", d)
	}
	st.deleteDraft()
	if st.v.BadDraft != nil {
		t.Error("the deleted draft is still listed")
	}
}

func TestOnlyDamagedWorkspacesOpenNothing(t *testing.T) {
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "broken", Updated: 9, Damaged: "its description does not parse"}}})
	for _, m := range *sent {
		if m.Kind == proto.Open {
			t.Errorf("a damaged workspace was opened: %+v", m)
		}
	}
}

func TestDraftsAreCheckedByContent(t *testing.T) {
	good, err := json.Marshal(draft{Text: "토끼와 거북이 🐢", Config: lm.QuickConfig(), Updated: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, stored string
		want         string // the reason; "" for a healthy draft
	}{
		{"healthy", string(good), ""},
		{"garbage", "\x00garbage{", "it does not parse"},
		{"JSON of another shape", `{"text": 42}`, "it does not parse"},
		{"settings of the wrong type", `{"text": "a", "config": {"units": "many"}}`, "it does not parse"},
		{"negative date", `{"text": "a", "updated": -1}`, "its date is negative"},
		{"text too large", `{"text": "` + strings.Repeat("x", MaxTextBytes+1) + `"}`, "its text is larger than the 5 MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := checkDraft(c.stored)
			bad, isBad := errors.AsType[*draftDamage](err)
			switch {
			case c.want == "" && (err != nil || d.Text != "토끼와 거북이 🐢" || d.Config != lm.QuickConfig()):
				t.Errorf("got %+v, %v; want the draft back", d, err)
			case c.want != "" && (!isBad || !strings.Contains(bad.reason, c.want) || bad.bytes != len(c.stored)):
				t.Errorf("got %v; want damage %q of %d bytes", err, c.want, len(c.stored))
			}
		})
	}
}

// Settings out of range are what the user left, still typing: the draft comes back with them and
// their errors, not as damaged.
func TestADraftWithSettingsOutOfRangeComesBackWithItsErrors(t *testing.T) {
	st, _ := newTestStore(t)
	cfg := lm.QuickConfig()
	cfg.Units = 0
	st.draft = func() (draft, error) { return draft{Text: "a fox", Config: cfg, Updated: 1}, nil }
	st.receive(proto.Message{Kind: proto.Saved})
	if st.text != "a fox" || st.v.Config.Units != 0 || st.v.FieldErrors["units"] == "" || st.v.Preset != "custom" {
		t.Errorf("text %q, units %d, errors %v, preset %s", st.text, st.v.Config.Units, st.v.FieldErrors, st.v.Preset)
	}
}

func TestADamagedWorkspaceIsListedWithWhyAndItsSizeAndCanOnlyBeDeleted(t *testing.T) {
	c := &WorkspacesPanel{List: []proto.Workspace{
		{ID: "ok", Name: "a fox", Level: lm.Char, Updated: 1},
		{ID: "bad", Name: "토끼", Updated: 1, Bytes: 2048, Damaged: "the model is not bytes but a string"},
		{ID: "orphan", Bytes: 5, Damaged: "its description is missing"},
	}, Draft: (&draftDamage{reason: "it does not parse", bytes: 12}).entry(), Confirm: draftKey}
	d := app.NewClientTester(c)
	defer d.Close()
	ul := app.TestPath(0, 2)
	row := func(i int, more ...int) []int { return append(append(slices.Clone(ul), i), more...) }
	mustMatch(t, c, row(1), app.Li().ID("ws-bad").Class("ws damaged").DataSet("reason", "the model is not bytes but a string").DataSet("bytes", 2048))
	mustMatch(t, c, row(1, 2, 0), app.Text("Damaged: the model is not bytes but a string · 2 KB · "+time.UnixMilli(1).Format("Jan 2 15:04")))
	mustMatch(t, c, row(1, 3, 0), app.Button().Class("ws-open").DataSet("action", actOpenWorkspace).DataSet("id", "bad").
		Text("Open").Disabled(true).Title("A damaged workspace cannot be opened").OnClick(noop))
	mustMatch(t, c, row(1, 3, 1), app.Button().Class("ws-delete").DataSet("action", actConfirmDelete).DataSet("id", "bad").
		Text("Delete").OnClick(noop))
	mustMatch(t, c, row(2, 0, 0), app.Text("Unreadable workspace"))
	mustMatch(t, c, row(2, 2, 0), app.Text("Damaged: its description is missing · 5 B"))
	// The draft, whose deletion awaits a yes: the yes deletes the draft, not a workspace.
	mustMatch(t, c, row(3, 2, 0), app.Text("Damaged: it does not parse · 12 B"))
	mustMatch(t, c, row(3, 3, 1), app.Button().Class("ws-yes danger").DataSet("action", actDeleteDraft).DataSet("id", draftKey).
		Text("Delete").OnClick(noop))
}

// A workspace whose description looked healthy but whose data is damaged fails to reopen: the
// next one is tried, then the draft, without a banner (the list says what is damaged).
func TestAReopeningThatFindsDamageTriesTheNext(t *testing.T) {
	st, sent := newTestStore(t)
	cfg := lm.QuickConfig()
	st.draft = func() (draft, error) { return draft{Text: "the draft", Config: cfg, Updated: 3}, nil }
	st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "a", Updated: 9}, {ID: "b", Updated: 5}, {ID: "c", Updated: 1}}})
	for _, want := range []string{"a", "b"} {
		open := (*sent)[len(*sent)-1]
		if open.Kind != proto.Open || open.ID != want {
			t.Fatalf("asked %+v; want to open %q", open, want)
		}
		st.receive(proto.Message{Kind: proto.Error, Seq: open.Seq, Error: "that workspace cannot be opened: the model is not bytes but a number"})
		// The listing that follows marks it damaged; it is not asked for again.
		st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "a", Updated: 9, Damaged: "the model is not bytes"},
			{ID: "b", Updated: 5}, {ID: "c", Updated: 1}}})
	}
	if st.v.Error != "" {
		t.Errorf("a banner about a workspace the user did not ask for: %q", st.v.Error)
	}
	// Past a and b, the draft is newer than c: it comes back, and c is not opened.
	if last := (*sent)[len(*sent)-1]; last.Kind == proto.Open || st.text != "the draft" {
		t.Errorf("after two damaged workspaces: last asked %+v, text %q; want the draft back", last, st.text)
	}
	// An error of anything else still shows.
	st.receive(proto.Message{Kind: proto.Error, Seq: 99, Error: "something else"})
	if st.v.Error != "something else" {
		t.Errorf("banner %q", st.v.Error)
	}
}

// A draft newer than its run's workspace whose text is the run's, unchanged (a character typed
// and deleted, a setting changed), brings that workspace back, with its model, and then the
// draft's settings; a newer draft of another text comes back as a draft, as before. A trial typed
// a character and deleted it, and a reload showed a blank studio with the run only in the list.
func TestADraftOfTheRunsOwnTextBringsItsWorkspaceBack(t *testing.T) {
	// What the page keeps: the workspace, only while the box holds its run's text.
	st, _ := newTestStore(t)
	var kept []draft
	st.saveDraft = func(d draft, _ bool) bool { kept = append(kept, d); return false }
	st.v.WorkspaceID, st.runText, st.text = "w", "The Fox and the Grapes", "The Fox and the Grapes"
	st.setText("The Fox and the Grapes!")
	st.setText("The Fox and the Grapes")
	if len(kept) != 2 || kept[0].Of != "" || kept[1].Of != "w" {
		t.Fatalf("kept %+v; want the edited text's draft of no workspace, then the run's text's of %q", kept, "w")
	}

	cfg, changed := lm.QuickConfig(), lm.QuickConfig()
	changed.Epochs++
	for _, c := range []struct {
		name   string
		d      draft
		want   string // the workspace opened; "" for the draft
		config lm.Config
	}{
		{"the run's text, a setting changed", draft{Text: "The Fox and the Grapes", Config: changed, Updated: 9, Of: "w"}, "w", changed},
		{"the run's text, of a workspace not listed", draft{Text: "The Fox and the Grapes", Config: changed, Updated: 9, Of: "gone"}, "", changed},
		{"another text", draft{Text: "The Hare and the Tortoise", Config: changed, Updated: 9}, "", changed},
		{"an older draft", draft{Text: "The Hare and the Tortoise", Config: changed, Updated: 2}, "w", cfg},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			st.draft = func() (draft, error) { return c.d, nil }
			st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 5}}})
			var open *proto.Message
			for i, m := range *sent {
				if m.Kind == proto.Open {
					open = &(*sent)[i]
				}
			}
			switch {
			case c.want == "" && (open != nil || st.text != c.d.Text):
				t.Fatalf("asked %+v, text %q; want the draft back", open, st.text)
			case c.want != "" && (open == nil || open.ID != c.want):
				t.Fatalf("asked %+v; want workspace %q opened", open, c.want)
			case c.want != "":
				st.receive(proto.Message{Kind: proto.Opened, Seq: open.Seq, Text: "The Fox and the Grapes", Config: &cfg,
					HasModel: true, Workspace: &proto.Workspace{ID: "w", Updated: 5}})
				if !st.v.HasModel || st.text != "The Fox and the Grapes" {
					t.Fatalf("opened: model %v, text %q", st.v.HasModel, st.text)
				}
			}
			if st.v.Config != c.config {
				t.Errorf("settings shown %+v; want %+v", st.v.Config, c.config)
			}
		})
	}
}
