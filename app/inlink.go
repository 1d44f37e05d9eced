package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/inlink"
	"fabulist/studio/proto"
)

// actDemoLink makes a demo link: a link that opens on this model, ready to write (#15 point 1).
const actDemoLink = "demo-link"

// InlinkView is the demo link on show (the share panel's demo-link row).
type InlinkView struct {
	URL   string // "" when none was made
	Kind  string // how the link carries the model: "inside" (in the link), or another way's kind
	Bytes int    // the link's length
	Msg   string // the choice in one line, or why there is no link
	// Preview is what the link's model first writes, with the link's prompt, settings and seed:
	// what whoever opens it gets from Generate (for an exact link, the text shown here).
	Preview string
	Busy    bool // the worker is measuring the model
}

// A demoLinkWay makes a demo link from the model link the worker measured (which is too long
// when in.Fits is false), or says it cannot (false). demoLinkWays are tried in order and the
// first link made is shown: the model inside the link first, since it needs nothing but the
// link; a lane that hosts the model elsewhere (#model=) adds its way after it.
type demoLinkWay func(s *store, in *proto.InlinkInfo) (InlinkView, bool)

var demoLinkWays = []demoLinkWay{insideLink, addressLinkWay}

// addressLinkWay is the model link of the copy the user hosts (model-address.go), when they made
// one: for a model too large to go inside a link. It is made again with the demo link's
// generation, so that it carries the prompt, settings and seed the link inside would have, and
// its first text follows when the worker has written it (gotLinkPreview).
func addressLinkWay(s *store, in *proto.InlinkInfo) (InlinkView, bool) {
	if s.v.Address.Link == "" || s.linkfix.hosted == "" {
		return InlinkView{}, false
	}
	g := s.linkfix.demoGen
	s.addressLinkWith(pageURL(), s.linkfix.hosted, &g)
	a := s.v.Address
	if a.Link == "" {
		return InlinkView{}, false
	}
	return InlinkView{URL: a.Link, Kind: "address", Bytes: a.Bytes,
		Msg: fmt.Sprintf("This model is too large to go inside a link (%d weights), so this link opens the copy you put on the web, as long as the file stays there.", in.Params)}, true
}

// insideLink is the model inside the link, when the worker found a scheme that fits.
func insideLink(s *store, in *proto.InlinkInfo) (InlinkView, bool) {
	if !in.Fits {
		return InlinkView{}, false
	}
	how := map[string]string{
		"i8":  "its weights as 8-bit numbers",
		"f16": "its weights as 16-bit numbers",
		"f32": "its weights exact",
	}[in.Scheme]
	var errPct float64
	for _, sc := range in.Schemes {
		if sc.Scheme == in.Scheme {
			errPct = 100 * sc.Error
		}
	}
	msg := fmt.Sprintf("The model is inside this link (%s, %d KB): whoever opens it writes at once, without training.", how, in.Bytes>>10)
	if in.Scheme != "f32" {
		msg += fmt.Sprintf(" Its next-letter or next-word odds differ from this model's by %.2f points at most: a sampled text can take another turn from its first draw on, "+
			"so what it writes can differ from yours. Its first text is below.", errPct)
	}
	return InlinkView{URL: pageURL() + in.Fragment, Kind: "inside", Bytes: in.Bytes, Msg: msg, Preview: in.Preview}, true
}

// elsewhere is what to do with a model no link can carry: host its file, or publish a demo.
const elsewhere = "Download the model and put it on the web, then paste its address below (Share the trained model by its address) for a link that opens it; " +
	"or publish it as a demo page with `fabulist site -model model.fab`, whose address is then the demo link."

// linkWeights is about the most weights a link of maxBytes carries: 8-bit weights, with their
// row scales and base64, take about 4/3 bytes each (measured: DEVELOPERS.md, model link).
func linkWeights(maxBytes int) int { return maxBytes * 3 / 4 / 1000 * 1000 }

// inlinkTooLarge says why no way made a link, and what to do instead.
func inlinkTooLarge(in *proto.InlinkInfo) InlinkView {
	least := 0
	for _, sc := range in.Schemes {
		if sc.Problem == "" && (least == 0 || sc.Bytes < least) {
			least = sc.Bytes
		}
	}
	if least > 0 && least <= in.MaxBytes { // a link fits, but only with weights too coarse
		return InlinkView{Msg: fmt.Sprintf("This model's weights cannot be shortened enough for a link without changing what it writes too much (%d weights). "+
			elsewhere, in.Params)}
	}
	return InlinkView{Msg: fmt.Sprintf("This model is too large for a link (%d weights: at least %d KB, and links stop working past %d KB in chat apps). "+
		"A link holds about %d weights at most, such as a character model of 32 units. "+elsewhere,
		in.Params, least>>10, in.MaxBytes/1000, linkWeights(in.MaxBytes))}
}

// onDemoLink asks the worker to put the model in a link, with the generation linkGeneration
// gives, so that whoever opens it can write the text shown here.
func (s *store) onDemoLink(ctx app.Context, a app.Action) {
	if !s.v.HasModel {
		s.v.Inlink = InlinkView{Msg: "There is no model to link to yet: train one first."}
		return
	}
	gen := s.linkGeneration()
	s.linkfix.demoGen = gen
	s.inlinkMakeSeq = s.send(proto.Message{Kind: proto.InlinkMake, Prompt: gen.Prompt, Gen: &gen.Gen, Seed: gen.Seed,
		Weights: gen.Weights, URL: pageURL()})
	s.v.Inlink = InlinkView{Busy: true, Msg: "Measuring the model for a link…"}
}

// gotInlinkMade shows the demo link the first way makes, or why none could.
func (s *store) gotInlinkMade(m proto.Message) {
	if m.Seq != s.inlinkMakeSeq || m.Inlink == nil {
		return
	}
	s.inlinkMakeSeq = 0
	for _, way := range demoLinkWays {
		if v, ok := way(s, m.Inlink); ok {
			s.v.Inlink = v
			return
		}
	}
	s.v.Inlink = inlinkTooLarge(m.Inlink)
}

// openInlink opens a model link: it is decoded here first, so that a bad one is refused at once
// and changes nothing, then the worker opens its model. The link's generation goes in the form,
// so that Generate writes the sender's text.
func (s *store) openInlink(frag string) error {
	l, err := inlink.Decode(frag)
	if err != nil {
		return err
	}
	s.edited()
	s.showGeneration(l.Prompt, l.Gen, l.GenSeed)
	s.v.ShareMsg = "Opening the model in the link…"
	s.inlinkOpenSeq = s.send(proto.Message{Kind: proto.InlinkOpen, Text: frag})
	return nil
}

// inlinkOpened: the worker opened a link's model; its samples are written at once, as a
// published demo's are.
func (s *store) inlinkOpened(m proto.Message) {
	if m.Seq == 0 || m.Seq != s.inlinkOpenSeq {
		return
	}
	s.inlinkOpenSeq = 0
	s.v.ShareMsg = "Opened a model link: the model is ready to write, with no training. Press Generate to write the text it was shared with."
	s.send(proto.Message{Kind: proto.SampleNow})
}

// inlinkFailed takes the worker's refusal of a link's model (which decoded on the page, so this
// is rare: a worker of another version): nothing was changed.
func (s *store) inlinkFailed(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.inlinkOpenSeq {
		return false
	}
	s.inlinkOpenSeq = 0
	s.v.ShareMsg = ""
	s.showError(aboutModel, "This model link cannot be opened ("+m.Error+"). Nothing was changed.")
	s.restore()
	return true
}
