package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
)

// TestDemoLinkChoosesTheWay: the button asks the worker for the model in a link with the last
// generation's seed; a link that fits is shown as "inside", with its length; one that does not
// says the model is too large and points to a published demo.
func TestDemoLinkChoosesTheWay(t *testing.T) {
	st, sent := newTestStore(t)
	st.onDemoLink(nil, app.Action{})
	if st.v.Inlink.Msg == "" || len(*sent) != 0 {
		t.Errorf("without a model: %+v, sent %d; want a message and nothing sent", st.v.Inlink, len(*sent))
	}
	// Once a model trains, "no model yet" is no longer true, and goes (a new user saw it stay).
	st.receive(proto.Message{Kind: proto.State, State: proto.Training})
	if st.v.Inlink != (InlinkView{}) {
		t.Errorf("after a model started training the demo link says %+v; want nothing", st.v.Inlink)
	}
	st.v.HasModel = true
	st.lastGen = genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 77}
	st.onDemoLink(nil, app.Action{})
	ask := (*sent)[len(*sent)-1]
	if ask.Kind != proto.InlinkMake || ask.Seed != 77 || ask.Prompt != "the fox" || !st.v.Inlink.Busy {
		t.Fatalf("asked %+v; want InlinkMake with the last generation", ask)
	}
	fits := &proto.InlinkInfo{Fragment: "#m=1.abc", Scheme: "i8", Bytes: 12345, Fits: true, MaxBytes: inlink.MaxLink, Preview: "the owl sang",
		Schemes: []proto.InlinkScheme{{Scheme: "i8", Bytes: 12345, Error: 0.004}, {Scheme: "f16", Bytes: 23456, Error: 0.0002}, {Scheme: "f32", Bytes: 45678}}}
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq + 1, Inlink: fits})
	if !st.v.Inlink.Busy {
		t.Error("an answer to another request was taken")
	}
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq, Inlink: fits})
	v := st.v.Inlink
	if v.Kind != "inside" || v.Bytes != 12345 || !strings.HasSuffix(v.URL, "#m=1.abc") || v.Busy || !strings.Contains(v.Msg, "0.40 points") ||
		v.Preview != "the owl sang" {
		t.Errorf("shown %+v; want the link inside, 12345 bytes, its error said", v)
	}

	st.onDemoLink(nil, app.Action{})
	ask = (*sent)[len(*sent)-1]
	big := &proto.InlinkInfo{MaxBytes: inlink.MaxLink, Params: 90804,
		Schemes: []proto.InlinkScheme{{Scheme: "i8", Bytes: 115696}, {Scheme: "f16", Bytes: 224111}, {Scheme: "f32", Problem: "too big"}}}
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq, Inlink: big})
	v = st.v.Inlink
	if v.URL != "" || v.Kind != "" || !strings.Contains(v.Msg, "too large for a link") || !strings.Contains(v.Msg, "fabulist site -model") ||
		!strings.Contains(v.Msg, "112 KB") {
		t.Errorf("shown %+v; want no link, and the way to a published demo", v)
	}
	if !strings.Contains(v.Msg, "about 30000 weights at most") {
		t.Errorf("shown %+v; want the size a link holds, to aim for", v)
	}
	if !strings.Contains(v.Msg, "by its address") {
		t.Errorf("shown %+v; want the way to a link to a hosted copy too", v)
	}

	// The same model once the user has made a link to the copy they host: that link, kind address.
	st.addressLink("https://fabulist.example/", "https://example.org/fox.fab")
	st.onDemoLink(nil, app.Action{})
	ask = (*sent)[len(*sent)-1]
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq, Inlink: big})
	if v = st.v.Inlink; v.Kind != "address" || v.URL != st.v.Address.Link || v.Bytes != len(v.URL) || !strings.Contains(v.Msg, "too large to go inside") {
		t.Errorf("shown %+v; want the hosted copy's link, kind address", v)
	}
	st.v.Address = AddressView{}

	// An int8 link that fits but errs too much, and longer ones: not "too large", too coarse.
	st.onDemoLink(nil, app.Action{})
	ask = (*sent)[len(*sent)-1]
	coarse := &proto.InlinkInfo{MaxBytes: inlink.MaxLink, Params: 25000,
		Schemes: []proto.InlinkScheme{{Scheme: "i8", Bytes: 33000, Error: 0.03}, {Scheme: "f16", Bytes: 62000}, {Scheme: "f32", Bytes: 124000}}}
	st.receive(proto.Message{Kind: proto.InlinkMade, Seq: ask.Seq, Inlink: coarse})
	if v = st.v.Inlink; v.URL != "" || !strings.Contains(v.Msg, "without changing what it writes too much") || !strings.Contains(v.Msg, "fabulist site -model") {
		t.Errorf("shown %+v; want no link, why, and the way to a published demo", v)
	}
}

// TestModelLinkOpens: a model link in the address fills the form with its generation and goes
// to the worker; once opened, samples are asked for. A bad one is refused at once, saying why,
// and nothing is sent or changed.
func TestModelLinkOpens(t *testing.T) {
	net, tok := tinyLinkNet(t)
	gen := lm.DefaultGenOptions()
	gen.N = 33
	frag, err := inlink.Encode(net, tok, inlink.Float16, inlink.Link{Gen: gen, GenSeed: 5, Prompt: "토"})
	if err != nil {
		t.Fatal(err)
	}

	for name, bad := range map[string]string{
		"edited": frag[:len(frag)-2] + "zz",
		"newer":  strings.Replace(frag, "#m=1.", "#m=7.", 1),
	} {
		t.Run(name, func(t *testing.T) {
			st, sent := newTestStore(t)
			st.openAddress(addressNote{Fragment: bad})
			if !strings.Contains(st.v.Error, "This model link cannot be opened (") || strings.Contains(st.v.Error, "inlink:") || len(*sent) != 0 || st.v.FormRev != 0 {
				t.Errorf("error %q, sent %d, form revision %d; want the reason and nothing changed", st.v.Error, len(*sent), st.v.FormRev)
			}
		})
	}

	st, sent := newTestStore(t)
	st.openAddress(addressNote{Fragment: frag})
	if st.v.Error != "" {
		t.Fatalf("a good model link: %q", st.v.Error)
	}
	open := (*sent)[len(*sent)-1]
	if open.Kind != proto.InlinkOpen || open.Text != frag || st.v.Form.Seed != "5" || st.v.Form.Prompt != "토" || st.v.Form.N != "33" {
		t.Fatalf("sent %+v, form %+v; want the link to the worker and its generation in the form", open.Kind, st.v.Form)
	}
	n := len(*sent)
	st.receive(proto.Message{Kind: proto.Imported, Seq: open.Seq, Config: &net.Cfg, History: &lm.History{}, Level: lm.Char, State: proto.Done})
	asked := false
	for _, m := range (*sent)[n:] {
		asked = asked || m.Kind == proto.SampleNow
	}
	if !st.v.HasModel || !asked || !strings.Contains(st.v.ShareMsg, "ready to write") {
		t.Errorf("after the link opened: model %v, samples asked %v, message %q", st.v.HasModel, asked, st.v.ShareMsg)
	}
}

// tinyLinkNet is a network of four units over a character vocabulary with a Korean letter, small
// enough for a model link.
func tinyLinkNet(t *testing.T) (*lm.Net, *lm.Tokenizer) {
	t.Helper()
	cfg := lm.QuickConfig()
	cfg.Units, cfg.Embed, cfg.SeqLen = 4, 2, 5
	tok, _ := lm.NewTokenizer(lm.Char, lm.SplitSpace, []string{"", "a", "b", "토"})
	net, err := lm.NewNet(cfg, tok.VocabSize())
	if err != nil {
		t.Fatal(err)
	}
	return net, tok
}
