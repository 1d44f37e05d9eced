package app

import (
	"regexp"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/samples"
	"fabulist/studio/proto"
	"fabulist/studio/session"
)

// epochIn finds "epoch N" in what the page says, whatever its case.
var epochIn = regexp.MustCompile(`(?i)\bepoch (\d+)`)

// After a reload in the middle of a run, the status line and the workspace list say where the run
// stands in the same words: the epoch under way (the trial's "epoch 3" beside "epoch 2/30").
func TestTheListAndTheStatusLineAgreeOnTheEpochAfterAReload(t *testing.T) {
	text, err := samples.FS.ReadFile("fables-ko.txt")
	if err != nil {
		t.Fatal(err)
	}
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen, cfg.Epochs, cfg.Batch = 16, 8, 10, 3, 16
	store := &session.MemStore{}
	s := session.New()
	s.SetStore(store)
	s.Handle(proto.Message{Kind: proto.Train, Text: string(text), Config: &cfg})
	for saved := false; !saved; { // to the autosave at the first epoch's end
		if !s.Busy() {
			t.Fatal("the run ended before its first epoch's autosave")
		}
		for _, m := range s.Step() {
			saved = saved || (m.Kind == proto.Saved && m.Workspace != nil && m.Workspace.Epoch == 1)
		}
	}
	for range 2 { // into the second epoch, then the page reloads
		s.Step()
	}

	reloaded := session.New()
	reloaded.SetStore(store)
	list := reloaded.Handle(proto.Message{Kind: proto.Workspaces})[0].Workspaces
	if len(list) != 1 {
		t.Fatalf("%d workspaces listed; want 1", len(list))
	}
	opened := reloaded.Handle(proto.Message{Kind: proto.Open, ID: list[0].ID})[0]
	if opened.Kind != proto.Opened || opened.Progress == nil {
		t.Fatalf("open answered %s with progress %v", opened.Kind, opened.Progress)
	}
	status := (&TrainPanel{Ready: true, Phase: opened.State, Progress: *opened.Progress}).status(0)
	row := rowDetail(list[0])
	s1, r1 := epochIn.FindStringSubmatch(status), epochIn.FindStringSubmatch(row)
	if s1 == nil || r1 == nil || s1[1] != r1[1] {
		t.Errorf("status %q, list %q: got epochs %v and %v; want the same", status, row, s1, r1)
	}
	if want := "epoch 2/3"; !strings.Contains(row, want) {
		t.Errorf("list %q; want %q (one epoch finished, the second under way)", row, want)
	}
}
