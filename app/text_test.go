package app

import (
	"strings"
	"testing"

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
