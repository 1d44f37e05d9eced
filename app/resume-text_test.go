package app

import (
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A stopped run whose text is no longer the one in the box says that Resume goes on with the
// text it learned from (the trial uploaded another text and pressed Resume, which carried on with
// the workspace's 1,160 characters while the status said only "Resume continues").
func TestResumeSaysWhichTextItContinuesOn(t *testing.T) {
	st, _ := newTestStore(t)
	cfg := lm.QuickConfig()
	st.receive(proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Stopped,
		HasModel: true, Level: lm.Char, Workspace: &proto.Workspace{ID: "w", Updated: 2},
		Progress: &lm.Progress{Epoch: 14, Epochs: 30, Batch: 3, Batches: 32}})
	status := func() string {
		st.derive()
		v := st.v
		p := &TrainPanel{Ready: true, Workers: 1, Phase: v.Phase, Progress: v.Progress, HasModel: v.HasModel,
			HasText: v.TextChars > 0, TextNotRun: v.TextNotRun}
		return p.status(0)
	}
	if s := status(); strings.Contains(s, "not the one now in the box") || !strings.Contains(s, "Resume continues") {
		t.Errorf("with the run's own text: %q", s)
	}
	st.setText("a wholly other story about a hare")
	if s := status(); !strings.Contains(s, "Resume continues on the text it learned from, not the one now in the box") {
		t.Errorf("with another text in the box: %q; want it to say Resume goes on with the run's text", s)
	}
	st.setText("the fox and the crow")
	if s := status(); strings.Contains(s, "not the one now in the box") {
		t.Errorf("with the run's text back in the box: %q", s)
	}
}
