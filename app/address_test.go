package app

import (
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

func TestCheckPath(t *testing.T) {
	cases := []struct {
		prefix, path, search string
		clean, odd           string
	}{
		{"", "/", "", "/", ""},
		{"", "/", "?wasm=true", "/?wasm=true", ""},
		{"", "/index.html", "", "/", ""},
		{"", "/nonexistent", "?x=1", "/?x=1", "/nonexistent"},
		{"", "/%%%", "", "/", "/%%%"},
		{"", "/%E0%A4%A", "?q", "/", "/%E0%A4%A"},
		{"", "/%ED%86%A0%EB%81%BC", "", "/", "/토끼"},
		{"", "/%00", "", "/", "/%00"}, // shown as spelled: it decodes to a control character
		{"", "/" + strings.Repeat("a", 200), "", "/", "/" + strings.Repeat("a", maxShownPath-1) + "…"},
		{"/fabulist", "/fabulist/", "", "/fabulist/", ""},
		{"/fabulist", "/fabulist", "", "/fabulist/", ""},
		{"/fabulist", "/other/", "", "/fabulist/", "/other/"},
	}
	for _, c := range cases {
		t.Run(c.prefix+c.path+c.search, func(t *testing.T) {
			clean, odd := checkPath(c.prefix, c.path, c.search)
			if clean != c.clean || odd != c.odd {
				t.Errorf("got %q, %q; want %q, %q", clean, odd, c.clean, c.odd)
			}
		})
	}
}

// A link that does not open says why and changes nothing: not the text, not the settings, and
// not the newest workspace reopening as the page loads.
func TestABadLinkChangesNothing(t *testing.T) {
	for _, n := range []addressNote{
		{Fragment: "#s=1.%%%"},
		{Fragment: "#s=3.x"}, // version 2 is a link with a quiz
		{Fragment: "#top"},
		{TooLong: 3 << 20},
		{Path: "/nonexistent"},
	} {
		t.Run(n.Fragment+n.Path, func(t *testing.T) {
			st, sent := newTestStore(t)
			st.receive(proto.Message{Kind: proto.Saved, Workspaces: []proto.Workspace{{ID: "w", Updated: 1}}})
			open := (*sent)[len(*sent)-1]
			st.openAddress(n)
			if st.v.Error == "" {
				t.Error("no message")
			}
			if st.text != "" || st.v.Config != lm.DefaultConfig() || st.reopen != open.Seq {
				t.Errorf("changed: text %q, config %+v, reopen %d (want %d)", st.text, st.v.Config, st.reopen, open.Seq)
			}
		})
	}
}

func TestAGoodLinkOpensAndSaysWhatElseWasWrong(t *testing.T) {
	st, _ := newTestStore(t)
	link, err := share.Encode(share.Payload{Config: lm.QuickConfig(), Text: "토끼와 거북이",
		Gen: lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 1}, N: 20, Mode: lm.GenWindow}})
	if err != nil {
		t.Fatal(err)
	}
	st.openAddress(addressNote{Fragment: link, Path: "/old-page"})
	if st.text != "토끼와 거북이" || st.v.Config != lm.QuickConfig() || !strings.Contains(st.v.Error, "/old-page") {
		t.Errorf("text %q, preset %s, error %q", st.text, st.v.Preset, st.v.Error)
	}
}
