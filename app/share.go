package app

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// writeClipboard hands link to the browser's clipboard, and calls done with whether it took it
// (a refused clipboard: an unfocused tab, no permission). It reports false, and never calls done,
// where the page has no clipboard (outside a browser, or at an http address other than
// localhost: navigator.clipboard exists only in secure contexts).
func writeClipboard(link string, done func(ok bool)) bool {
	if !app.IsClient {
		return false
	}
	cb := app.Window().Get("navigator").Get("clipboard")
	if !cb.Truthy() {
		return false
	}
	var then, catch app.Func
	answer := func(ok bool) app.Func {
		return app.FuncOf(func(app.Value, []app.Value) any {
			then.Release()
			catch.Release()
			done(ok)
			return nil
		})
	}
	then, catch = answer(true), answer(false)
	cb.Call("writeText", link).Call("then", then, catch)
	return true
}

// newSeed picks a generation seed the user did not choose; it is shown, so it can be reused.
func newSeed() uint64 { return rand.Uint64N(1<<31) + 1 }

// pageURL is the page's address without its fragment.
func pageURL() string {
	if !app.IsClient {
		return ""
	}
	loc := app.Window().Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String() + loc.Get("search").String()
}

func (s *store) onShare(ctx app.Context, a app.Action) {
	settingsOnly, _ := a.Value.(bool)
	s.share(ctx, settingsOnly)
}

func (s *store) onAddress(ctx app.Context, a app.Action) {
	if n, ok := a.Value.(addressNote); ok {
		s.openAddress(n)
		s.fetchModelAddress(ctx) // a model link's file
	}
}

// reproduces says what training and generating with a share link give its receiver. The link
// holds no model, only what trains one: so this model and text only when the model is a whole
// run's (the receiver's Train runs every epoch) trained here on the very text the link carries,
// and the text is what the last Generate wrote (words picked or typed after it are not in the
// link). A model opened from a file or link (a demo's, whose text may not be its own, or whose
// weights were shortened) is not what the settings train, and there may be no model at all (a
// question model's demo): a trial was promised "this model" in both.
func (s *store) reproduces() string {
	pr, epochs := s.v.Progress, s.v.Config.Epochs
	var what string
	switch {
	case !s.v.HasModel:
		what = "the link holds no model (there is none here yet): Train trains one from them."
	case s.v.Phase == proto.Training || s.v.Phase == proto.Paused || s.v.Phase == proto.Stopped ||
		(s.v.Phase == proto.Done && pr.Epoch > 0 && pr.Epoch < epochs):
		what = fmt.Sprintf("training all %s and generating give a whole run's model and its text, not this model's, "+
			"which is at epoch %d: a demo link, or the model file, shares this one.", count(epochs, "epoch"), max(pr.Epoch, 1))
	case s.runText == "" || s.runText != s.text:
		what = "the model is not in the link: Train trains a new one on this text, not this model, which was opened from a file or link " +
			"or trained on another text. A demo link, or the model file, shares this one."
	default:
		what = "training and generating again reproduce this model and text."
	}
	if s.generated != "" && s.v.Output != s.generated {
		what += " The words picked or typed after the last Generate are not in the link."
	}
	return what
}

// share makes a link holding the settings, the seeds, the last generation's settings and, if
// the link stays under share.MaxLink, the text; then it copies it to the clipboard.
func (s *store) share(ctx app.Context, settingsOnly bool) {
	gen := s.sharedGeneration()
	p := share.Payload{Config: s.v.Config, Gen: gen.Opts, GenSeed: gen.Seed, Prompt: gen.Prompt, Workers: s.v.RunWorkers,
		MinCopied: s.v.MinCopied}
	if s.v.Weights == lm.WeightsLatest { // best, the default, needs no field: the link opens in older pages
		p.Weights = lm.WeightsLatest
	}
	if !settingsOnly {
		p.Text = s.text
		if s.text != "" {
			p.Quiz = sharedQuiz(s.quizPairs())
			p.QuizMode = s.v.Quiz.Mode && len(p.Quiz) > 0 // the sender's choice goes with the quiz
		}
	}
	frag, err := share.Encode(p)
	if errors.Is(err, share.ErrQuiz) { // a list found on an earlier text, or longer than a link holds
		s.v.Share = ""
		s.v.ShareMsg = "The questions cannot go in a link (" + share.Reason(err) + "). Find them again on this text, or share the settings only?"
		return
	}
	if err != nil {
		s.showError(aboutAction, "The link could not be made: "+err.Error())
		return
	}
	link := pageURL() + frag
	if len(link) > share.MaxLink && !settingsOnly {
		what := "this text"
		if n := len(p.Quiz); n > 0 {
			what = fmt.Sprintf("this text and its %d questions", n)
		}
		s.v.Share = ""
		s.v.ShareMsg = fmt.Sprintf("With %s the link would be %d KB, and links stop working past %d KB. "+
			"Share the settings only (whoever opens it pastes the text themselves)?", what, len(link)>>10, share.MaxLink>>10)
		return
	}
	s.v.Share = link
	s.shareWhat = "Whoever opens it gets these settings and seeds; " + s.reproduces()
	if n := len(p.Quiz); n > 0 {
		mode := ""
		if p.QuizMode {
			mode = " in quiz mode (answers hidden until clicked)"
		}
		// The quiz first: a teacher sharing it read of epochs and models before it (a trial).
		s.shareWhat = fmt.Sprintf("Whoever opens it gets this text with its %d questions%s. It also holds the text generator's "+
			"settings and seeds; %s", n, mode, s.reproduces())
	}
	if settingsOnly {
		s.shareWhat = "It holds the settings only (no text)."
	}
	// The link is said to be copied only once the clipboard has taken it; meanwhile, and when it
	// refuses or does not exist, the link is on show to be copied by hand.
	s.v.ShareMsg = "Copying the link… " + s.shareWhat
	if !s.clipboard(link, func(ok bool) { ctx.NewActionWithValue(actCopied, copied{Link: link, OK: ok}) }) {
		s.linkCopied(copied{Link: link})
	}
}

// copied is the clipboard's answer about a share link: whether it took it.
type copied struct {
	Link string
	OK   bool
}

func (s *store) onCopied(ctx app.Context, a app.Action) {
	if c, ok := a.Value.(copied); ok {
		s.linkCopied(c)
	}
}

// linkCopied says whether the link on show was copied; an answer about an older link is dropped.
func (s *store) linkCopied(c copied) {
	if c.Link != s.v.Share {
		return
	}
	if c.OK {
		s.v.ShareMsg = "Link copied. " + s.shareWhat
		return
	}
	s.v.ShareMsg = "The link is below: select it and copy it by hand (this browser did not let the page copy it). " + s.shareWhat
}

// openAddress takes what GuardAddress took out of the page's address: a path the studio has no
// page at (said so), and a fragment, opened as a share link (or refused, saying why).
func (s *store) openAddress(n addressNote) {
	var msgs []string
	if n.Path != "" {
		msgs = append(msgs, "Fabulist has no page at "+n.Path+": this is the studio.")
	}
	var err error
	what := "share link"
	switch {
	case n.TooLong > 0:
		err = share.ErrTooLong
	case inlink.Is(n.Fragment): // a demo link with the model inside (inlink.go)
		what = "model link"
		err = s.openInlink(n.Fragment)
	case isModelLink(n.Fragment): // a model's address, with or without its generation (model-address-gen.go)
		if err := s.openModelAddress(n.Fragment); err != nil {
			msgs = append(msgs, "This model link cannot be opened: "+err.Error()+". Nothing was changed.")
		}
	case n.Fragment != "":
		if err = s.openShare(n.Fragment); err == nil {
			s.clearError(aboutModel) // another link opened: one refused before is moot
		}
	}
	if err != nil {
		reason := share.Reason(err)
		if reason == "" {
			reason = inlink.Reason(err)
		}
		if reason == "" {
			reason = err.Error()
		}
		msgs = append(msgs, "This "+what+" cannot be opened ("+reason+"). Nothing was changed.")
	}
	if len(msgs) > 0 {
		s.showError(aboutModel, strings.Join(msgs, " "))
	}
}

// openShare applies a share link's fragment. One that does not decode changes nothing, not even
// the workspace reopening as the page loads (which a good link replaces), and its error is
// returned.
func (s *store) openShare(frag string) error {
	p, err := share.Decode(frag)
	if err != nil {
		return err
	}
	s.edited()
	s.showConfig(p.Config)
	s.v.TrainWorkers = min(max(p.Workers, 0), proto.MaxWorkers)
	if p.Text != "" {
		s.showText(p.Text)
		// The list goes with the text it was made on: a link's own, or none; quiz mode as the
		// sender chose it. The address is cleared once read (GuardAddress), so the text and the
		// list are kept as a draft's are, for a reload to bring back.
		s.v.Quiz.Mode = p.QuizMode && len(p.Quiz) > 0
		s.setQuizPairs(quizOfLink(p.Text, p.Quiz))
	}
	s.showLinkWriting(draftLink{Prompt: p.Prompt, Gen: p.Gen, Seed: p.GenSeed, Workers: s.v.TrainWorkers,
		MinCopied: p.MinCopied, Weights: p.Weights})
	// Kept with the draft, as the sender's are kept with their workspace, for a reload to bring
	// back: the address no longer holds the link, and the receiver may have no workspace yet.
	if p.Text != "" {
		s.keepDraftText()
	} else {
		s.keepDraft()
	}
	s.v.ShareMsg = "Opened a shared studio: press Train, then Generate, to get the shared model and text."
	if n := len(p.Quiz); n > 0 {
		s.v.ShareMsg = fmt.Sprintf("Opened a shared quiz: %d questions about the text. Press Train, then Generate, to get the shared model and text too.", n)
	}
	s.openedShareMsg = s.v.ShareMsg
	s.reanalyze()
	return nil
}

// showLinkWriting shows a share link's writing settings, as it opens or as a reload brings them
// back with the draft: the Generate form, the workers, and the sender's meter and weights, so
// that what the receiver writes is measured and written as the sender's was. The link's
// generation is the last one asked for, so that a workspace a run saves keeps it (gotSaved) and
// a link made here carries it on.
func (s *store) showLinkWriting(l draftLink) {
	s.showGeneration(l.Prompt, l.Gen, l.Seed)
	s.lastGen, s.lastGenTyped = genRequest{}, false
	if l.Seed != 0 {
		s.lastGen, s.lastGenTyped = genRequest{Prompt: l.Prompt, Opts: l.Gen, Seed: l.Seed}, true
	}
	s.v.TrainWorkers = l.Workers
	s.v.MinCopied, s.v.MinCopiedError = l.MinCopied, ""
	s.v.Weights = l.Weights
	s.draftLink = &l
}

// forgetShareLink takes the share link and its message off show: a link made of the text,
// settings and model before another workspace or model file opened says what the receiver gets
// of those, not of what is now on show (a trial read "training all 5 epochs, which is at epoch
// 2" beside a workspace stopped at epoch 4 of 20). A message the opening writes comes after.
func (s *store) forgetShareLink() { s.v.Share, s.v.ShareMsg = "", "" }
