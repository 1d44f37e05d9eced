package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
)

// TestAddressLinkGoesWhenTheModelChanges: the share panel's model link opens the file the user
// put on the web, which holds the model on show when the link was made. Once another model is on
// show (a training starts or goes on, a file or a workspace opens) the link, its first text and
// the demo link made of it would share other weights: they go, and the panel says why and how to
// link the new model. A model opened from the link's own address is the one it opens, and keeps it.
func TestAddressLinkGoesWhenTheModelChanges(t *testing.T) {
	const hosted = "https://me.github.io/m.fab"
	linked := func(t *testing.T) (*store, *[]proto.Message) {
		st, sent := newTestStore(t)
		st.receive(proto.Message{Kind: proto.Ready})
		st.v.HasModel, st.v.Level = true, lm.Word
		st.lastGen = genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 77}
		st.addressLink("https://fabulist.example/", hosted)
		ask := (*sent)[len(*sent)-1]
		st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran away ."}})
		if st.v.Address.Link == "" || st.v.Address.Preview == "" {
			t.Fatalf("no link to begin with: %+v", st.v.Address)
		}
		return st, sent
	}
	gone := func(t *testing.T, st *store) {
		t.Helper()
		a := st.v.Address
		if a.Link != "" || a.Preview != "" || st.linkfix.hosted != "" {
			t.Errorf("the old model's link stays: %+v, hosted %q; want it gone", a, st.linkfix.hosted)
		}
		if !strings.Contains(a.Msg, "changed") || !strings.Contains(a.Msg, hosted) || !strings.Contains(a.Msg, "make the link again") {
			t.Errorf("message %q; want it to say the model changed, name %s and say what to do", a.Msg, hosted)
		}
		html := app.HTMLString(&AddressLinkPanel{V: a})
		if strings.Contains(html, `value="https://fabulist.example/`) || strings.Contains(html, "linkfix-address-preview") {
			t.Errorf("the panel still shows the old link or its first text:\n%s", html)
		}
	}
	imported := proto.Message{Kind: proto.Imported, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Char, State: proto.Done}

	t.Run("a training starts", func(t *testing.T) {
		st, sent := linked(t)
		st.receive(proto.Message{Kind: proto.State, State: proto.Training})
		gone(t, st)
		// A demo link of the new model, too large to go inside one, no longer offers the old file.
		st.receive(proto.Message{Kind: proto.State, State: proto.Done})
		st.onDemoLink(nil, app.Action{})
		ask := (*sent)[len(*sent)-1]
		st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq, Inlink: &proto.InlinkInfo{MaxBytes: inlink.MaxLink, Params: 90804,
			Schemes: []proto.InlinkScheme{{Scheme: "i8", Bytes: 115696}}}})
		if v := st.v.Inlink; v.Kind == "address" || strings.Contains(v.URL, hosted) {
			t.Errorf("the demo link of the new model is %+v; want no link to the old file", v)
		}
	})
	t.Run("a file opens", func(t *testing.T) {
		st, _ := linked(t)
		st.receive(imported)
		gone(t, st)
	})
	t.Run("a workspace opens", func(t *testing.T) {
		st, _ := linked(t)
		st.receive(proto.Message{Kind: proto.Opened, Text: "another text", HasModel: true, Level: lm.Word})
		gone(t, st)
	})
	t.Run("the link's own model opens", func(t *testing.T) {
		st, _ := linked(t)
		link := st.v.Address.Link
		st.demoSeq, st.demoFrom = 41, hosted
		m := imported
		m.Seq = 41
		st.receive(m)
		if st.v.Address.Link != link || st.linkfix.hosted != hosted {
			t.Errorf("after opening the model at the link's own address: %+v; want the link kept", st.v.Address)
		}
	})
	t.Run("no link, nothing said", func(t *testing.T) {
		st, _ := newTestStore(t)
		st.receive(proto.Message{Kind: proto.State, State: proto.Training})
		if st.v.Address != (AddressView{}) {
			t.Errorf("with no link made, the panel says %+v; want nothing", st.v.Address)
		}
	})
}

// TestDemoLinkGoesWhenTheModelChanges: the demo link (the model inside the link) is of the model
// on show when it was made; once another workspace, file or training is on show, it goes.
func TestDemoLinkGoesWhenTheModelChanges(t *testing.T) {
	for _, m := range []proto.Message{
		{Kind: proto.Opened, Text: "another text", HasModel: true, Level: lm.Word},
		{Kind: proto.Imported, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Char, State: proto.Done},
		{Kind: proto.State, State: proto.Training},
	} {
		t.Run(string(m.Kind), func(t *testing.T) {
			st, _ := newTestStore(t)
			st.receive(proto.Message{Kind: proto.Ready})
			st.v.HasModel, st.v.Level = true, lm.Word
			st.v.Inlink = InlinkView{Kind: "inside", URL: "https://fabulist.example/#m=1.old"}
			st.receive(m)
			if st.v.Inlink != (InlinkView{}) {
				t.Errorf("after %s the demo link is %+v; want it gone", m.Kind, st.v.Inlink)
			}
		})
	}
}
