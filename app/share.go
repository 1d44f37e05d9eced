package app

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
	"fabulist/studio/share"
)

// ignoreRejection handles a promise's rejection by doing nothing; one function serves every call.
var ignoreRejection = app.FuncOf(func(this app.Value, args []app.Value) any { return nil })

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
	}
}

// share makes a link holding the settings, the seeds, the last generation's settings and, if
// the link stays under share.MaxLink, the text; then it copies it to the clipboard.
func (s *store) share(ctx app.Context, settingsOnly bool) {
	gen := s.lastGen
	if gen.Opts.N == 0 {
		gen.Opts = lm.DefaultGenOptions()
	}
	p := share.Payload{Config: s.v.Config, Gen: gen.Opts, GenSeed: gen.Seed, Prompt: gen.Prompt, Workers: s.v.RunWorkers}
	if !settingsOnly {
		p.Text = s.text
	}
	frag, err := share.Encode(p)
	if err != nil {
		s.v.Error = "The link could not be made: " + err.Error()
		return
	}
	link := pageURL() + frag
	if len(link) > share.MaxLink && !settingsOnly {
		s.v.Share = ""
		s.v.ShareMsg = fmt.Sprintf("With this text the link would be %d KB, and links stop working past %d KB. "+
			"Share the settings only (whoever opens it pastes the text themselves)?", len(link)>>10, share.MaxLink>>10)
		return
	}
	s.v.Share = link
	s.v.ShareMsg = "Link copied. Whoever opens it gets these settings and seeds; training and generating again reproduce this model and text."
	if settingsOnly {
		s.v.ShareMsg = "Link with the settings only copied (no text)."
	}
	if app.IsClient {
		if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
			// A refused clipboard (an unfocused tab, no permission) still leaves the link on show.
			cb.Call("writeText", link).Call("catch", ignoreRejection)
		}
	}
}

// openAddress takes what GuardAddress took out of the page's address: a path the studio has no
// page at (said so), and a fragment, opened as a share link (or refused, saying why).
func (s *store) openAddress(n addressNote) {
	var msgs []string
	if n.Path != "" {
		msgs = append(msgs, "Fabulist has no page at "+n.Path+": this is the studio.")
	}
	var err error
	switch {
	case n.TooLong > 0:
		err = share.ErrTooLong
	case n.Fragment != "":
		err = s.openShare(n.Fragment)
	}
	if err != nil {
		reason := share.Reason(err)
		if reason == "" {
			reason = err.Error()
		}
		msgs = append(msgs, "This share link cannot be opened ("+reason+"). Nothing was changed.")
	}
	if len(msgs) > 0 {
		s.v.Error = strings.Join(msgs, " ")
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
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	s.v.Form = GenForm{Prompt: p.Prompt, N: strconv.Itoa(p.Gen.N), Temp: f(p.Gen.Temperature),
		TopK: strconv.Itoa(p.Gen.TopK), TopP: f(p.Gen.TopP), Mode: string(p.Gen.Mode),
		Stop: !p.Gen.IgnoreSeparator, Seed: ""}
	if p.GenSeed != 0 {
		s.v.Form.Seed = strconv.FormatUint(p.GenSeed, 10)
	}
	s.v.FormRev++
	s.prompt = p.Prompt
	s.v.ShareMsg = "Opened a shared studio: press Train, then Generate, to get the shared model and text."
	s.reanalyze()
	return nil
}
