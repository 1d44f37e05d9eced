package app

import (
	"strings"
	"testing"
)

// "Link copied." is said only once the clipboard took the link; a refused or missing clipboard
// says to copy it by hand, and the link is on show in every case.
func TestShareSaysCopiedOnlyWhenTheClipboardTookTheLink(t *testing.T) {
	for _, c := range []struct {
		name      string
		clipboard bool // the page has one
		answer    *bool
		want      string
	}{
		{"taken", true, new(true), "Link copied."},
		{"refused", true, new(false), "copy it by hand"},
		{"no clipboard (http on a LAN address)", false, nil, "copy it by hand"},
		{"not answered yet", true, nil, "Copying the link"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, _ := newTestStore(t)
			st.setText("the fox and the crow")
			st.clipboard = func(string, func(bool)) bool { return c.clipboard }
			st.share(nil, false)
			if st.v.Share == "" {
				t.Fatalf("no link on show; message %q", st.v.ShareMsg)
			}
			if c.answer != nil {
				// The page dispatches the answer as an action; here it is applied directly.
				st.linkCopied(copied{Link: st.v.Share, OK: *c.answer})
			}
			if !strings.Contains(st.v.ShareMsg, c.want) {
				t.Errorf("got %q; want it to say %q", st.v.ShareMsg, c.want)
			}
			if c.answer == nil && strings.Contains(st.v.ShareMsg, "copied") {
				t.Errorf("said copied before the clipboard answered: %q", st.v.ShareMsg)
			}
		})
	}
}

// The clipboard's answer about an older link says nothing about the one on show.
func TestALateClipboardAnswerIsDropped(t *testing.T) {
	st, _ := newTestStore(t)
	st.clipboard = func(string, func(bool)) bool { return true }
	st.setText("the fox")
	st.share(nil, false)
	old := st.v.Share
	st.share(nil, true)
	st.linkCopied(copied{Link: old, OK: true})
	if strings.Contains(st.v.ShareMsg, "copied") {
		t.Errorf("an older link's answer was shown: %q", st.v.ShareMsg)
	}
}
