package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A run the page reopens after a reload mid-training says it was interrupted, not stopped: the
// trial reloaded the tab while it trained and read "Stopped at epoch 10, batch 32", though no one
// had pressed Stop. Its saved description's phase (training) is the mark; a workspace saved by a
// Stop, or an old one, reads as before, and Resume is offered either way.
func TestAReloadMidTrainingSaysTheRunWasInterrupted(t *testing.T) {
	cfg := lm.QuickConfig()
	open := func(saved proto.Phase) *store {
		st, _ := newTestStore(t)
		st.v.Ready, st.v.Workers = true, 1
		st.receive(proto.Message{Kind: proto.Opened, Text: "the fox and the crow", Config: &cfg, State: proto.Stopped,
			HasModel: true, Level: lm.Char, Workspace: &proto.Workspace{ID: "w", Updated: 2, Phase: saved},
			Progress: &lm.Progress{Epoch: 10, Epochs: 30, Batch: 32, Batches: 64}})
		st.derive()
		return st
	}
	page := func(st *store) string { st.derive(); return app.HTMLString(&Studio{v: st.v}) }
	const interrupted = "Interrupted at epoch 10, batch 32 (the page was reloaded or closed while it trained; this is its last save). " +
		"The model so far can write; press Resume to go on."

	st := open(proto.Training)
	html := page(st)
	if !strings.Contains(html, interrupted) || strings.Contains(html, "Stopped at") {
		t.Errorf("reopened after a reload mid-training, the page says\n%s\nwant %q", statusOf(html), interrupted)
	}
	if b := regexp.MustCompile(`<button[^>]*id="resume"[^>]*>`).FindString(html); b == "" ||
		strings.Contains(strings.ReplaceAll(b, `disabled="false"`, ""), "disabled") {
		t.Errorf("Resume is not offered after the reload: %s", b)
	}
	// Resumed, then stopped by the user: now it is stopped.
	st.receive(proto.Message{Kind: proto.State, State: proto.Training, Workers: 1})
	if html := page(st); strings.Contains(html, "Interrupted") {
		t.Errorf("resumed, the page still says %s", statusOf(html))
	}
	st.receive(proto.Message{Kind: proto.State, State: proto.Stopped, Workers: 1})
	if html := page(st); !strings.Contains(html, "Stopped at epoch 10, batch 32.") || strings.Contains(html, "Interrupted") {
		t.Errorf("stopped by the user after the resume, the page says %s", statusOf(html))
	}

	// Saved at an epoch's end: no "batch 0".
	st = open(proto.Training)
	st.v.Progress.Batch = 0
	if s := statusOf(page(st)); !strings.Contains(s, "Interrupted at epoch 10, before its first batch (") {
		t.Errorf("interrupted at an epoch's start: %s", s)
	}

	// Another text in the box: the status still says which text Resume goes on with.
	st = open(proto.Training)
	st.setText("a wholly other story about a hare")
	if s := statusOf(page(st)); !strings.Contains(s, "Interrupted at epoch 10, batch 32") || !strings.Contains(s, "not the one now in the box") {
		t.Errorf("interrupted, with another text in the box: %s", s)
	}

	// Saved by a Stop (or by a page from before the mark was read): as before.
	for _, saved := range []proto.Phase{proto.Stopped, proto.Paused} {
		if s := statusOf(page(open(saved))); !strings.Contains(s, "Stopped at epoch 10, batch 32. The model so far can write; Resume continues.") {
			t.Errorf("saved %s: %s", saved, s)
		}
	}
	st, _ = newTestStore(t)
	st.v.Ready = true
	st.receive(proto.Message{Kind: proto.Opened, Text: "the fox", Config: &cfg, State: proto.Stopped, HasModel: true, Level: lm.Char,
		Progress: &lm.Progress{Epoch: 10, Epochs: 30, Batch: 32, Batches: 64}})
	if s := statusOf(page(st)); !strings.Contains(s, "Stopped at epoch 10") {
		t.Errorf("opened without a description: %s", s)
	}
}

// statusOf is the train panel's status line in a page's HTML.
func statusOf(html string) string {
	i := strings.Index(html, `id="status"`)
	if i < 0 {
		return "(no status line)"
	}
	s := html[i:]
	if j := strings.Index(s, "</p>"); j >= 0 {
		s = s[:j]
	}
	return s
}
