package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fabulist/model/lm"
	"fabulist/studio/fragment"
)

// A model link made with a model on show carries the generation its sender wrote with, before
// the address, so that the receiver's first text is the sender's:
//
//	PAGE#gen=1.<sealed JSON of linkGen>&model=ADDRESS
//
// The generation is sealed as share links are (package fragment: base64url, deflated,
// hash-checked), and base64url holds no '&', so the first '&' ends it and the address is
// everything after "&model=", whatever '?', '&', '=' or '#' it holds. A link of the address alone
// (ModelFragment, PAGE#model=ADDRESS) opens as before: the model ready to write, with the page's
// own generation settings.

// linkGenKey names the generation's part of a model link (package fragment).
const linkGenKey = "gen"

// linkGenVersion is the version of linkGen's JSON without a print, which pages from before
// prints read; linkGenPrintVersion the version with one (Print), which they refuse as a link from
// a newer Fabulist, as they should: they could not say that the file is another model. A link of
// any other version is refused so.
const (
	linkGenVersion      = 1
	linkGenPrintVersion = 2
)

// printLen is the length of a print (proto.Message.WeightsPrint): 8 characters of base64url.
const printLen = 8

// linkGenPrefix starts a model link that carries its generation.
const linkGenPrefix = "#" + linkGenKey + "="

// linkGenAddress joins the sealed generation to the address that follows it.
const linkGenAddress = "&model="

// maxLinkGen bounds the generation's JSON once inflated: 32 KB, a long prompt. The whole link
// stays within maxFragment, which the page reads.
const maxLinkGen = 32 << 10

// linkGen is what the receiver's first text depends on besides the model: the prompt, the
// generation's settings and seed, and which of the file's weights write (Weights "" is the best,
// the default; "latest" otherwise). Print is the print of the model the link was made from
// (proto.Message.WeightsPrint; "" in a link made before the worker gave it, or before prints):
// the file the link names writes the sender's first text only if it has that print.
type linkGen struct {
	Prompt  string        `json:"prompt"`
	Gen     lm.GenOptions `json:"gen"`
	Seed    uint64        `json:"seed"`
	Weights lm.Weights    `json:"weights,omitempty"`
	Print   string        `json:"print,omitempty"`
}

// Errors of readModelLink's generation, in a user's words.
var (
	errLinkGenBroken = errors.New("its writing settings are incomplete or have been changed")
	errLinkGenNewer  = errors.New("it was made by a newer Fabulist; reload the page for the newest, then open the link again")
)

// isModelLink says whether a fragment (with its '#') is a model link of an address, with or
// without its generation, good or bad.
func isModelLink(frag string) bool {
	return strings.HasPrefix(frag, ModelFragment) || strings.HasPrefix(frag, linkGenPrefix)
}

// makeModelLink is the model link that opens page (the studio's address without a fragment) on
// the model file hosted at hosted, carrying g when it is not nil. Its error says, in a user's
// words, why hosted cannot be a model's address (see checkModelAddress), or that g does not fit
// in a link.
func makeModelLink(page, hosted string, g *linkGen) (string, error) {
	addr, err := checkModelAddress(page, hosted)
	if err != nil {
		return "", err
	}
	if g == nil {
		return page + ModelFragment + addr, nil
	}
	if err := g.Gen.Validate(); err != nil {
		return "", err
	}
	c := *g
	if c.Weights == lm.WeightsBest { // the default, left out as share links leave it out
		c.Weights = ""
	}
	js, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	if len(js) > maxLinkGen {
		return "", fmt.Errorf("the prompt is too long for a link (%d bytes of settings; at most %d)", len(js), maxLinkGen)
	}
	version := linkGenVersion
	if c.Print != "" {
		version = linkGenPrintVersion
	}
	sealed, err := fragment.Seal(linkGenKey, version, js)
	if err != nil {
		return "", err
	}
	frag := sealed + linkGenAddress + addr
	if len(frag) > maxFragment {
		return "", fmt.Errorf("the prompt is too long for a link (%d bytes; a link's fragment takes at most %d)", len(frag), maxFragment)
	}
	return page + frag, nil
}

// readModelLink reads a model link's fragment (with its '#'), as page (the studio's address)
// opens it: the model's address, checked as checkModelAddress checks it, and the generation the
// link carries (nil for a link of the address alone). Its error says, in a user's words, what is
// wrong; it then returns neither.
func readModelLink(page, frag string) (string, *linkGen, error) {
	if hosted, ok := strings.CutPrefix(frag, ModelFragment); ok {
		addr, err := checkModelAddress(page, hosted)
		return addr, nil, err
	}
	head, hosted, ok := strings.Cut(frag, "&")
	if !ok {
		return "", nil, errLinkGenBroken
	}
	hosted, ok = strings.CutPrefix(hosted, linkGenAddress[1:])
	if !ok {
		return "", nil, errLinkGenBroken
	}
	g, err := readLinkGen(head)
	if err != nil {
		return "", nil, err
	}
	addr, err := checkModelAddress(page, hosted)
	if err != nil {
		return "", nil, err
	}
	return addr, g, nil
}

// readLinkGen reads the sealed generation a model link starts with ("#gen=1.…"): a crafted
// link can carry a correct hash, so what it holds is checked as the Generate form checks it.
func readLinkGen(head string) (*linkGen, error) {
	version, sealed, err := fragment.Cut(head, linkGenKey)
	if err != nil {
		return nil, errLinkGenBroken
	}
	if version != fmt.Sprint(linkGenVersion) && version != fmt.Sprint(linkGenPrintVersion) {
		return nil, errLinkGenNewer
	}
	js, err := fragment.Unseal(sealed, maxLinkGen)
	if err != nil {
		return nil, errLinkGenBroken
	}
	var g linkGen
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&g); err != nil || dec.More() {
		return nil, errLinkGenBroken
	}
	// A print comes in its own version, and is base64url of its length: a version-1 link is
	// from a page that had none.
	if (g.Print != "") != (version == fmt.Sprint(linkGenPrintVersion)) || g.Print != "" && !isPrint(g.Print) {
		return nil, errLinkGenBroken
	}
	if err := g.Gen.Validate(); err != nil {
		return nil, fmt.Errorf("its writing settings are out of range (%v)", err)
	}
	w, err := lm.ParseWeights(string(g.Weights))
	if err != nil {
		return nil, fmt.Errorf("its writing settings are out of range (%v)", err)
	}
	if w == lm.WeightsBest {
		w = ""
	}
	g.Weights = w
	return &g, nil
}

// isPrint says whether s can be a model's print: printLen characters of base64url.
func isPrint(s string) bool {
	if len(s) != printLen {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
