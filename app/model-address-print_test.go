package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// The sender's model link carries the print of the model that wrote its first text, once the
// worker wrote it; a link from before prints (or made before the print came) reads as before.
func TestTheModelLinkCarriesThePrintOfItsModel(t *testing.T) {
	const page, hosted, print = "https://fabulist.example/", "https://me.github.io/m.fab", "AbCd-_12"
	st, sent := newTestStore(t)
	g := testLinkGen()
	st.v.HasModel, st.v.Level, st.v.Weights = true, lm.Word, g.Weights
	st.lastGen = genRequest{Prompt: g.Prompt, Opts: g.Gen, Seed: g.Seed}
	st.addressLink(page, hosted)
	ask := (*sent)[len(*sent)-1]
	if ask.Kind != proto.Generate || !ask.PrintWanted {
		t.Fatalf("asked %s (print wanted: %v); want the first text with the model's print", ask.Kind, ask.PrintWanted)
	}
	st.receive(proto.Message{Kind: proto.Generated, Seq: ask.Seq, Level: lm.Word, Generated: &lm.GenResult{Text: "ran away ."},
		WeightsPrint: print})
	_, got, err := readModelLink(page, strings.TrimPrefix(st.v.Address.Link, page))
	want := g
	want.Print = print
	if err != nil || got == nil || *got != want || st.v.Address.Bytes != len(st.v.Address.Link) {
		t.Errorf("the link %q (%d bytes) carries %+v, %v; want %+v", st.v.Address.Link, st.v.Address.Bytes, got, err, want)
	}
	if !strings.Contains(st.v.Address.Msg, "if it is another, the link tells them so") {
		t.Errorf("the panel says %q; want it to say the first text is the sender's only with this model", st.v.Address.Msg)
	}
}

// Whoever opens a model link learns when the file it names is not the model the link was made
// from: its first text will not be the sender's. A link without a print (made before prints)
// opens as it did.
func TestAModelLinkToAnotherModelSaysSo(t *testing.T) {
	const addr = "https://me.github.io/m.fab"
	for _, c := range []struct {
		name, linked, opened string
		other                bool
	}{
		{"the same model", "AbCd-_12", "AbCd-_12", false},
		{"another model", "AbCd-_12", "zzzzzzzz", true},
		{"a link from before prints", "", "zzzzzzzz", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := testLinkGen()
			g.Print = c.linked
			link, err := makeModelLink("", addr, &g)
			if err != nil {
				t.Fatal(err)
			}
			st, sent := newTestStore(t)
			st.fetchModel = func(string) demoFetched { return demoFetched{} }
			st.receive(proto.Message{Kind: proto.Ready})
			st.openAddress(addressNote{Fragment: link})
			st.onDemo(nil, app.Action{Value: demoFetched{Address: addr}})
			imp := (*sent)[len(*sent)-1]
			if imp.Kind != proto.Import || imp.PrintWanted != (c.linked != "") {
				t.Errorf("asked %s with print wanted %v; want an Import that asks for the print when the link has one", imp.Kind, imp.PrintWanted)
			}
			st.receive(proto.Message{Kind: proto.Imported, Seq: imp.Seq, Config: &lm.Config{}, History: &lm.History{}, Level: lm.Word,
				State: proto.Done, WeightsPrint: c.opened})
			said := strings.Contains(st.v.ShareMsg, "not the model the link was made from")
			promised := strings.Contains(st.v.ShareMsg, "Press Generate to write the text it was shared with")
			if said != c.other || promised == c.other {
				t.Errorf("message %q; want it to say the file is another model: %v", st.v.ShareMsg, c.other)
			}
			if st.v.Form.Prompt != g.Prompt || st.v.Form.Seed != "77" {
				t.Errorf("form %+v; want the link's prompt and seed in it either way", st.v.Form)
			}
		})
	}
}
