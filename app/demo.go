package app

import (
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A published demo (`fabulist site -model`) is the static studio with a model beside the page.
// The site writer names it in meta tags of the page (DemoModelMeta, DemoTextMeta), whose content
// is a path under /web/ that ctx.ResolveStaticResource places under the site's prefix. The page
// fetches the model at start and opens it as a model file the user opens (Import), with the text
// it learned from when the demo has it, so that it writes, and can train further, at once.
const (
	DemoModelMeta = "fabulist-demo-model"
	DemoTextMeta  = "fabulist-demo-text"
	DemoModelPath = "/web/demo/model.fab"
	DemoTextPath  = "/web/demo/text.txt"
	// DemoMinCopiedMeta names the meter's least run the demo starts with, in tokens (the tag's
	// content; no tag: the level's default), as `fabulist site -min-copied` sets it.
	DemoMinCopiedMeta = "fabulist-demo-min-copied"
)

// actDemo carries a published demo's model and text as fetched (demoFetched).
const actDemo = "demo"

// demoFetched is a published demo's model and text as the page fetched them (actDemo).
type demoFetched struct {
	File  app.Value // an ArrayBuffer of the model file, which stays in JavaScript
	Text  string    // "" when the demo has none
	Error string    // why it could not be fetched, in a user's words; "" when it was
	// Address is where a model link's file came from (model-address.go); "" for a published demo.
	Address string
	// MinCopied is the meter's least run a published demo starts with (0: the level's default).
	MinCopied int
}

// demoOnce fetches the demo once a page: the studio may be mounted again.
var demoOnce sync.Once

// onDemo: the published demo's model (and text) arrived, or could not be fetched. The text goes
// in the box at once; the model waits for the worker (openDemo).
func (s *store) onDemo(ctx app.Context, a app.Action) {
	d, _ := a.Value.(demoFetched)
	if d.Error != "" {
		s.showError(aboutModel, d.Error)
		if d.Address != "" {
			s.v.ShareMsg = ""
			s.linkfix.fetchingGen = nil
		}
		return
	}
	if d.Text != "" {
		s.showText(d.Text)
	}
	if d.MinCopied >= 1 && d.MinCopied <= lm.MaxMinCopied { // the meta tag is the site's, and read as it is
		s.v.MinCopied, s.v.MinCopiedError = d.MinCopied, ""
	}
	s.demo = &d
	s.openDemo()
}

// openDemo hands the demo's model to the worker once it is ready: a file is posted only then.
func (s *store) openDemo() {
	d := s.demo
	if d == nil || !s.v.Ready {
		return
	}
	s.demo = nil
	text := d.Text
	if d.Address == "" {
		s.edited() // the newest saved workspace, reopening as the page loads, gives way
	} else {
		// A model link's file comes without its text: it opens as Open a model opens one, with
		// the text in the box. A workspace reopening meanwhile is answered first, and the model
		// replaces it, so that if the file is refused the workspace is still there.
		text = s.text
		s.linkfix.openGen, s.linkfix.fetchingGen = s.linkfix.fetchingGen, nil
	}
	s.seq++
	s.demoSeq, s.demoFrom = s.seq, d.Address
	// A link that carries its model's print asks for the file's, to compare (applyLinkGen).
	printWanted := s.linkfix.openGen != nil && s.linkfix.openGen.Print != ""
	s.w.postFile(proto.Message{Kind: proto.Import, Seq: s.seq, Text: text, PrintWanted: printWanted}, d.File)
}

// demoOpened: the worker opened the demo's model; its samples are written at once, so that the
// page shows what the model writes before anyone asks.
func (s *store) demoOpened(m proto.Message) {
	if m.Seq == 0 || m.Seq != s.demoSeq {
		return
	}
	if s.demoFrom != "" {
		s.v.ShareMsg = "Opened the model at " + shownAddress(s.demoFrom) + ": it writes at once, without training."
		if m.QAModel == nil {
			s.applyLinkGen(m.WeightsPrint) // the sender's prompt, settings and seed, in the form
		}
		s.linkfix.openGen = nil
	}
	if m.QAModel == nil {
		s.send(proto.Message{Kind: proto.SampleNow})
	}
}

// demoFailed takes the worker's refusal of the demo's model (corrupt, of another kind): the
// banner says it is the demo's, and that the studio works without it.
func (s *store) demoFailed(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.demoSeq {
		return false
	}
	msg := "This demo's model could not be opened: " + m.Error + ". The studio works as usual: train a model of your own."
	if s.demoFrom != "" {
		msg = "The model at " + shownAddress(s.demoFrom) + " could not be opened: " + m.Error + ". Nothing was changed."
		s.v.ShareMsg = ""
	}
	s.showError(aboutModel, msg)
	s.demoSeq, s.demoFrom, s.linkfix.openGen = 0, "", nil
	s.restore() // what this browser kept, as a page without a demo opens
	return true
}
