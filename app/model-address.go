package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// A model link, PAGE#model=ADDRESS, opens the studio on a model file that someone put on the web:
// the page fetches ADDRESS (with CORS: the file's host must let other sites read it), bounded by
// MaxAddressModelBytes before it is read whole, and opens it as a file the user opens (the
// worker's Import: a text generator writes at once, a question model opens as the question
// model). A link that cannot be fetched or opened says why and changes nothing: the workspace
// the page reopens stays. The model's training text is not in the file, so the memorisation
// meter of such a model says it needs the text, until the user pastes it.

// ModelFragment starts a model link's fragment; the model's address follows, as it is.
const ModelFragment = "#model="

// MaxAddressModelBytes bounds the model file a model link fetches: 128 MB. The book's model on
// Aesop, with its best weights and its training state, is about 22 MB (15,044,060 bytes before
// its first check); a model past the bound is refused as its size is known, from the host's
// Content-Length or as the download passes it, without reading the rest.
const MaxAddressModelBytes = 128 << 20

// maxModelAddress bounds the length of a model's address in bytes: addresses of static hosts,
// raw files and gists are far shorter, and a link must stay short.
const maxModelAddress = 2048

// actAddressLink makes the model link of a hosted address (string: the address as pasted).
const actAddressLink = "address-link"

// AddressView is the share panel's model link (address-link-panel.go): the link made of the
// address the user pasted, its length in bytes, and what went wrong or how to use it. Preview
// is the receiver's first text, the prompt and what follows it, once the worker wrote it ("" for
// a link of the address alone, or until then).
type AddressView struct {
	Link    string
	Bytes   int
	Msg     string
	Preview string
}

// linkfixState is the store's part in model links that carry their generation.
type linkfixState struct {
	// hosted is the address the user pasted for the link on show.
	hosted string
	// previewSeq is the Generate writing the link's first text, for the link previewLink, after
	// the prompt previewPrompt; previewPage, previewHosted and previewGen are what the link was
	// made of, to make it again with the print of the model that wrote its first text.
	previewSeq    int
	previewLink   string
	previewPrompt string
	previewPage   string
	previewHosted string
	previewGen    linkGen
	// demoGen is the generation the last demo link was asked with (onDemoLink), which its
	// address kind carries too.
	demoGen linkGen
	// fetchingGen is the generation of the model link being fetched, and openGen that of the
	// one whose file the worker opens (demoSeq): it goes in the form once the model is open.
	fetchingGen, openGen *linkGen
}

// Errors of checkModelAddress, in a user's words.
var (
	errAddressEmpty = errors.New("paste the address of the model file (.fab) you put on the web")
	errAddressHTTPS = errors.New("it must start with https:// (browsers block a page's fetches of plain http from an https page)")
)

// checkModelAddress reads the address of a hosted model file as a model link on page (the
// studio's address) may name it: an absolute https address (or, when the studio itself is served
// from this computer, http at this computer: localhost, 127.0.0.1 or [::1], which browsers treat
// as secure; a studio on the web is not made to send requests to its visitor's own computer),
// with a host, no user name or password (the link would show them to everyone),
// no fragment (the link's own fragment holds the address), at most maxModelAddress bytes. A
// GitHub page about a file is refused with the address to use instead: the page is HTML, not the
// file. It returns the address as net/url spells it.
func checkModelAddress(page, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errAddressEmpty
	}
	if len(s) > maxModelAddress {
		return "", fmt.Errorf("the address is %d bytes long; a model link takes one of at most %d", len(s), maxModelAddress)
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return "", fmt.Errorf("%.80q is not a web address (https://…/model.fab)", shownAddress(s))
	}
	host := u.Hostname()
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback(host):
		if p, err := url.Parse(page); err != nil || !loopback(p.Hostname()) {
			return "", errors.New("an address at this computer (" + host + ") opens only in a studio served from this computer")
		}
	default:
		return "", errAddressHTTPS
	}
	switch {
	case u.User != nil:
		return "", errors.New("the address holds a user name or password, which the link would show to everyone")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "", errors.New("the address has a fragment (#…): give the file's own address")
	case host == "github.com" && strings.Contains(u.Path, "/blob/"):
		return "", errors.New("that is GitHub's page about the file, not the file: use its Raw address (raw.githubusercontent.com/…)")
	case host == "gist.github.com":
		return "", errors.New("that is the gist's page, not the file: use its Raw address (gist.githubusercontent.com/…)")
	}
	addr := u.String() // escaped as net/url escapes, which may lengthen it
	if len(addr) > maxModelAddress {
		return "", fmt.Errorf("the address is %d bytes long once escaped; a model link takes one of at most %d", len(addr), maxModelAddress)
	}
	return addr, nil
}

// shownAddress is a model's address as a message shows it: decoded when it decodes to printable
// text ("https://me.example/my models/토끼.fab", as a browser's address bar shows it), else as it
// is spelled, so that a "%0A" cannot break the message's line. Browsers percent-encode a page's
// fragment, so a model link's address arrives encoded whatever its owner typed (a trial saw
// "%20" in the message about a bad one).
func shownAddress(addr string) string {
	d, err := url.PathUnescape(addr)
	if err != nil || !utf8.ValidString(d) || strings.ContainsFunc(d, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return addr
	}
	return d
}

// loopback reports whether host names this computer.
func loopback(host string) bool { return host == "localhost" || host == "127.0.0.1" || host == "::1" }

// ModelAddressLink is the model link (kind "address" of the share panel's demo link) that opens
// page, the studio's address without a fragment, on the model file hosted at hosted. Its error
// says, in a user's words, why hosted cannot be a model's address (see checkModelAddress).
func ModelAddressLink(page, hosted string) (string, error) {
	addr, err := checkModelAddress(page, hosted)
	if err != nil {
		return "", err
	}
	return page + ModelFragment + addr, nil
}

// onAddressLink makes the model link of the address the user pasted.
func (s *store) onAddressLink(ctx app.Context, a app.Action) {
	hosted, _ := a.Value.(string)
	s.addressLink(pageURL(), hosted)
}

// addressLink puts the model link of hosted on show, or says why there is none. With a model on
// show the link carries the last generation (linkGeneration), and the worker writes its first
// text for the panel to show.
func (s *store) addressLink(page, hosted string) {
	var g *linkGen
	if s.v.HasModel {
		gg := s.linkGeneration()
		g = &gg
	}
	s.addressLinkWith(page, hosted, g)
}

// addressLinkWith puts the model link of hosted carrying g (nil: none) on show, and asks the
// worker for its first text.
func (s *store) addressLinkWith(page, hosted string, g *linkGen) {
	link, err := makeModelLink(page, hosted, g)
	if err != nil {
		s.v.Address = AddressView{Msg: "No link: " + err.Error() + "."}
		s.linkfix.hosted = ""
		return
	}
	s.linkfix.hosted = hosted
	msg := "Whoever opens this link gets the model ready to write, without training, as long as the file stays at that address."
	if g != nil {
		msg += " Their first text, with your prompt, settings and seed, is yours if the file there is this model; if it is another, the link tells them so."
		s.linkfix.previewLink, s.linkfix.previewPrompt = link, g.Prompt
		s.linkfix.previewPage, s.linkfix.previewHosted, s.linkfix.previewGen = page, hosted, *g
		s.linkfix.previewSeq = s.send(proto.Message{Kind: proto.Generate, Prompt: g.Prompt, Gen: &g.Gen, Seed: g.Seed, Weights: g.Weights,
			PrintWanted: true})
	}
	s.v.Address = AddressView{Link: link, Bytes: len(link), Msg: msg}
}

// linkGeneration is what a link carries for its receiver's first text: the last generation's
// prompt, settings and seed (before any, the prompt on show, the defaults and a new seed), and
// the weights on show.
func (s *store) linkGeneration() linkGen {
	gen := s.sharedGeneration()
	if gen.Seed == 0 {
		gen.Seed = newSeed()
	}
	return linkGen{Prompt: gen.Prompt, Gen: gen.Opts, Seed: gen.Seed, Weights: s.v.Weights}
}

// gotLinkPreview shows the first text of the model link on show, in the share panel and in the
// demo link when it is the same link; false when m answers something else. The link is made
// again with the print of the model that wrote it (m.WeightsPrint), so that whoever opens it
// learns when the file it names is another model, which would write another text.
func (s *store) gotLinkPreview(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.linkfix.previewSeq {
		return false
	}
	s.linkfix.previewSeq = 0
	if m.Generated == nil {
		return true
	}
	text := lm.Join(m.Level, s.linkfix.previewPrompt, m.Generated.Text)
	link := s.linkfix.previewLink
	if isPrint(m.WeightsPrint) {
		g := s.linkfix.previewGen
		g.Print = m.WeightsPrint
		if printed, err := makeModelLink(s.linkfix.previewPage, s.linkfix.previewHosted, &g); err == nil {
			link = printed
		}
	}
	if s.v.Address.Link == s.linkfix.previewLink {
		s.v.Address.Preview, s.v.Address.Link, s.v.Address.Bytes = text, link, len(link)
	}
	if s.v.Inlink.Kind == "address" && s.v.Inlink.URL == s.linkfix.previewLink {
		s.v.Inlink.Preview, s.v.Inlink.URL, s.v.Inlink.Bytes = text, link, len(link)
	}
	return true
}

// openModelAddress takes a model link's fragment: a good address is fetched (see onAddress),
// with the generation the link carries kept for the form until the model is open; a bad link is
// refused with its reason.
func (s *store) openModelAddress(frag string) error {
	addr, g, err := readModelLink(pageURL(), frag)
	if err != nil {
		return err
	}
	s.fetching, s.linkfix.fetchingGen = addr, g
	s.v.ShareMsg = "Fetching the model at " + shownAddress(addr) + "…"
	return nil
}

// fetchModelAddress fetches the address a model link named, if any, and hands what it got to the
// store as a published demo's model (actDemo), on a goroutine of its own.
func (s *store) fetchModelAddress(ctx app.Context) {
	addr, fetch := s.fetching, s.fetchModel
	s.fetching = ""
	if addr == "" || fetch == nil {
		return
	}
	go func() { ctx.NewActionWithValue(actDemo, fetch(addr)) }()
}

// modelFetchFailed is the message for a model link whose file could not be fetched.
func modelFetchFailed(addr, why string) demoFetched {
	return demoFetched{Address: addr, Error: "The model at " + shownAddress(addr) + " could not be fetched: " + why + ". Nothing was changed."}
}

// applyLinkGen puts the generation of the model link just opened in the Generate form, with
// its weights, so that Generate writes the sender's first text; a link of the address alone
// leaves the form as it is. opened is the opened model's print (proto.Message.WeightsPrint):
// when the link carries another, the file is not the model the link was made from, and the
// message says that its text will not be the sender's.
func (s *store) applyLinkGen(opened string) {
	g := s.linkfix.openGen
	s.linkfix.openGen = nil
	if g == nil {
		return
	}
	s.showGeneration(g.Prompt, g.Gen, g.Seed)
	s.v.Weights = g.Weights
	if g.Print != "" && opened != g.Print {
		s.v.ShareMsg += " But this file is not the model the link was made from (it has been replaced since, or the link names another file): " +
			"the sender's prompt and settings are in the form, and what Generate writes will differ from the text they shared."
		return
	}
	s.v.ShareMsg += " Press Generate to write the text it was shared with."
}

// sharedGeneration is the generation a link carries: the last one asked for, or, before any since
// the page opened (after a reload, say), the prompt on show with the default settings, so that a
// link never drops the prompt the sender sees.
func (s *store) sharedGeneration() genRequest {
	gen := s.lastGen
	if gen.Opts.N == 0 {
		gen = genRequest{Prompt: s.prompt, Opts: lm.DefaultGenOptions()}
	}
	return gen
}

// modelOnShowChanged forgets the links made of the model on show once another is on show: the
// demo link (or why there was none) and the model link (addressModelChanged). from is as there.
func (s *store) modelOnShowChanged(from string) {
	s.v.Inlink = InlinkView{}
	s.runText = ""
	s.addressModelChanged(from)
}

// addressModelChanged forgets the model link on show once the model on show is another (a
// training starts or goes on, another model or workspace opens): the link opens the file at its
// address, which holds the model before, so neither it, its first text, nor a demo link made of
// it (addressLinkWay) is about the weights the user now sees. A user who shares from this panel
// means the model in front of them; the panel says what happened and how to link this one, and
// the address stays in its field for when its file has been replaced. from is the address the
// new model was fetched from (a model link's, "" for none): the model of the link's own address
// is the one it opens, and keeps it.
func (s *store) addressModelChanged(from string) {
	hosted := s.linkfix.hosted
	if hosted == "" && s.v.Address.Link == "" {
		return
	}
	addr, err := checkModelAddress(pageURL(), hosted)
	if from != "" && err == nil && addr == from {
		return
	}
	s.linkfix.hosted = ""
	s.v.Address = AddressView{}
	if err == nil {
		s.v.Address.Msg = "The model has changed since the model link was made: that link opened the file at " + shownAddress(addr) +
			", which holds the model before. To share this one, download it, put it on the web (in place of that file, or at a new address) and make the link again."
	}
}
