package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// A text larger than the box is shown as a preview; the store keeps all of it.
func TestALargeTextIsKeptWholeAndPreviewed(t *testing.T) {
	st, sent := newTestStore(t)
	big := strings.Repeat("토끼와 거북이가 경주를 했다. ", MaxBoxBytes/30+1)
	st.loadText(big)
	if !st.v.TextPreview || st.text != big || st.v.TextRev != 1 {
		t.Fatalf("preview %v, text kept %v, rev %d", st.v.TextPreview, st.text == big, st.v.TextRev)
	}
	if last := (*sent)[len(*sent)-1]; last.Kind != proto.Analyze || last.Text != big {
		t.Errorf("the analysis was not asked about the whole text: %s", last.Kind)
	}
	st.loadText("\ufeffa\r\nb\rc")
	if st.text != "a\nb\nc" {
		t.Errorf("a loaded text keeps %q", st.text)
	}
	st.loadText("")
	if st.v.TextPreview || st.text != "" {
		t.Errorf("cleared: preview %v, text %q", st.v.TextPreview, st.text)
	}
	if p := preview(big); len(p) > previewBytes+len("…") || !strings.HasPrefix(big, strings.TrimSuffix(p, "…")) {
		t.Errorf("preview of %d bytes", len(p))
	}
}

// A text that cannot be trained on says why in the statistics line, not "analysing…" for ever,
// and the banner stays for what is not about the text; an older text's failure is dropped.
func TestATextThatCannotBeTrainedSaysWhyInItsStatistics(t *testing.T) {
	st, _ := newTestStore(t)
	st.setText("fox")
	first := st.anSeq
	st.setText("   ")
	st.receive(proto.Message{Kind: proto.Error, Seq: first, Error: "the text is too short: 1 word"})
	if st.v.AnalysisError != "" || st.v.Error != "" {
		t.Errorf("an older text's failure was shown: statistics %q, banner %q", st.v.AnalysisError, st.v.Error)
	}
	const why = "the text is empty (or only white space): paste or upload a story"
	st.receive(proto.Message{Kind: proto.Error, Seq: st.anSeq, Error: why})
	if st.v.AnalysisError != why || st.v.Error != "" {
		t.Errorf("got statistics %q, banner %q; want statistics %q, no banner", st.v.AnalysisError, st.v.Error, why)
	}
	html := app.HTMLString(&TextPanel{Chars: 3, AnalysisError: st.v.AnalysisError})
	if want := "3 characters. The text is empty (or only white space): paste or upload a story."; !strings.Contains(html, want) || strings.Contains(html, "analysing") {
		t.Errorf("the statistics line: got %s; want %q", html, want)
	}
	st.setText("the fox and the crow")
	if st.v.AnalysisError != "" {
		t.Errorf("a new text kept the old failure %q", st.v.AnalysisError)
	}
}

// An error about a text (refused, too short to train) goes when the user takes another text;
// other errors stay until dismissed.
func TestANewTextClearsAnErrorAboutTheLastOne(t *testing.T) {
	refusedPaste := app.Action{Value: "The text is 5.7 MB: the studio takes up to 5 MB."}
	refusedFile := app.Action{Value: "bin.txt is not UTF-8 text. Save it as UTF-8 (plain text) and try again; the current text is unchanged."}
	for _, c := range []struct {
		name    string
		before  func(*store)
		replace func(*store)
		cleared bool
	}{
		{"a refused paste, then a typed text", func(s *store) { s.onTextError(nil, refusedPaste) },
			func(s *store) { s.setText("the fox and the crow") }, true},
		{"a refused file, then a sample", func(s *store) { s.onTextError(nil, refusedFile) },
			func(s *store) { s.loadText("토끼와 거북이") }, true},
		{"a refused file, then a workspace", func(s *store) { s.onTextError(nil, refusedFile) },
			func(s *store) {
				s.receive(proto.Message{Kind: proto.Opened, Text: "the saved text", Workspace: &proto.Workspace{ID: "w"}})
			}, true},
		{"a refused file, then a share link", func(s *store) { s.onTextError(nil, refusedFile) },
			func(s *store) { s.showText("the shared text") }, true},
		{"training refused by the worker, then a longer text", func(s *store) {
			s.setText("a tiny fable")
			s.train()
			s.receive(proto.Message{Kind: proto.Error, Seq: s.trainSeq, Error: "the text is too short"})
		}, func(s *store) { s.loadText("a longer fable") }, true},
		{"an empty text refused, then a text", func(s *store) { s.train() },
			func(s *store) { s.setText("a fable") }, true},
		{"a refused model file, then a text", func(s *store) {
			s.onFileError(nil, app.Action{Value: "m.fab is 2048 MB: too large to be a Fabulist model."})
		},
			func(s *store) { s.loadText("a fable") }, false},
		{"a text refused, then another error", func(s *store) {
			s.onTextError(nil, refusedFile)
			s.receive(proto.Message{Kind: proto.Error, Error: "the engine ran out of memory"})
		}, func(s *store) { s.loadText("a fable") }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			c.before(st)
			shown := st.v.Error
			if shown == "" {
				t.Fatal("no error was shown to begin with")
			}
			c.replace(st)
			if got := st.v.Error; (got == "") != c.cleared {
				t.Errorf("after the new text: got banner %q; want cleared=%v (it said %q)", got, c.cleared, shown)
			}
		})
	}
}

// TestAboutDuration: the estimates the status lines give read as phrases, with no "about" before
// "under a second" (a trial read "about under a second per epoch").
func TestAboutDuration(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want string
	}{
		{0, "under a second"}, {0.4, "under a second"}, {16.2, "about 16 s"}, {150, "about 2 min"},
		{2 * 3600, "about 2.0 h"},
	} {
		if got := aboutDuration(c.s); got != c.want {
			t.Errorf("aboutDuration(%g) = %q; want %q", c.s, got, c.want)
		}
	}
}

// An analysis answered late, after the text was cleared (or a setting made invalid), is about a
// text the store no longer holds: it is dropped, and no estimate is said to be on its way. A
// trial cleared the box while the time per epoch was being estimated, and the old text's figures
// came back and stayed.
func TestALateAnalysisOfAClearedTextIsDropped(t *testing.T) {
	for _, c := range []struct {
		name  string
		clear func(*store)
	}{
		{"the box emptied", func(s *store) { s.setText("") }},
		{"a preview cleared", func(s *store) { s.loadText("") }},
		{"a setting made invalid", func(s *store) { s.setField("units", "abc") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, sent := newTestStore(t)
			st.receive(proto.Message{Kind: proto.Ready, Workers: 1})
			st.setText(strings.Repeat("the fox ran to the dog. ", 40))
			an := (*sent)[len(*sent)-1]
			if an.Kind != proto.Analyze {
				t.Fatalf("sent %s; want an analysis", an.Kind)
			}
			figures := &proto.TextAnalysis{Chars: 960, Tokens: 240, Vocab: 7, Windows: 200, Params: 100}
			st.receive(proto.Message{Kind: proto.Analysis, Seq: an.Seq, Analysis: figures})
			c.clear(st)
			timed := *figures
			timed.EpochSeconds = 13
			st.receive(proto.Message{Kind: proto.Analysis, Seq: an.Seq, Analysis: &timed})
			if st.v.Analysis != nil || st.v.Estimating {
				t.Errorf("after the late answer: analysis %+v, estimating %v; want none", st.v.Analysis, st.v.Estimating)
			}
			st.receive(proto.Message{Kind: proto.Error, Seq: an.Seq, Error: "the text is too short"})
			if st.v.AnalysisError != "" {
				t.Errorf("a late failure was shown: %q", st.v.AnalysisError)
			}
		})
	}
}
