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
