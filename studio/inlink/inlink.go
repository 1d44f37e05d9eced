// Package inlink puts a trained text generator inside a link: its weights, quantised (Scheme),
// with its vocabulary, settings and the generation to start with, in a URL fragment of its own
// key, and reads it back. The fragment is
//
//	#m=<version>.<base64url(deflate(body ‖ first 8 bytes of SHA-256(body)))>
//	body = uvarint n, n bytes of JSON header (Header), then the weights in the header's scheme
//
// in package fragment's envelope, as share links are, so that a cut or edited link is refused
// whole. A crafted
// link can carry a correct hash, so Decode checks the header (settings, vocabulary, scheme) and
// that the weights are exactly the size the header implies before it allocates a network; the
// fragment (MaxFragment) and the inflated body (maxBody) are bounded first, so that a crafted
// link costs little whatever it holds.
package inlink

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"fabulist/model/lm"
	"fabulist/studio/fragment"
)

// Version is the format's version.
const Version = 1

// Prefix starts a model link's fragment.
const Prefix = "#" + key + "="

// key names a model link's fragment (package fragment).
const key = "m"

// MaxLink is the longest model link the studio makes, page address included: 40,000 bytes.
// Browsers take far more (Chromium's URLs go to 2 MB, its address bar shows 32 KB; Firefox's
// shows 64 KB), so the limit is the chat apps': Slack cuts messages at 40,000 characters
// (api.slack.com changelog 2018-04, "truncating really long messages"), WhatsApp's at 65,536;
// Discord (2,000) and Telegram (4,096) take no model at all. The link is ASCII, so characters
// are bytes.
const MaxLink = 40_000

// MaxFragment is the longest fragment Decode reads: every link the studio makes is shorter
// (MaxLink counts the page's address too).
const MaxFragment = MaxLink

// maxBody bounds the inflated body, so that a short link of zeros cannot expand without limit:
// 1 MB, a float32 network of 256k weights, which no link under MaxLink holds unless it is mostly
// zeros. Encode refuses a larger body, so every link it makes decodes.
const maxBody = 1 << 20

// maxHeader bounds the JSON header: the vocabulary of a character model is a few hundred bytes.
const maxHeader = 256 << 10

// Errors of Decode, in a user's words; the errors Decode returns wrap one of them with
// technical detail, and Reason gives the words alone.
var (
	ErrNotModel = errors.New("inlink: not a Fabulist model link")
	ErrVersion  = errors.New("inlink: this model link was made by a newer Fabulist; reload the page for the newest, then open the link again")
	ErrBroken   = errors.New("inlink: the model link is incomplete or has been changed")
	ErrTooLong  = errors.New("inlink: the model link is longer than any Fabulist makes")
)

// Reason is why a model link cannot be opened, in a user's words: the text of the error of
// Decode that err wraps without the package's prefix, or "" for another error.
func Reason(err error) string {
	for _, e := range []error{ErrNotModel, ErrVersion, ErrBroken, ErrTooLong} {
		if errors.Is(err, e) {
			return strings.TrimPrefix(e.Error(), "inlink: ")
		}
	}
	return ""
}

// Is says whether fragment (with or without its '#') is a model link, good or bad.
func Is(frag string) bool {
	return strings.HasPrefix(strings.TrimPrefix(frag, "#"), key+"=")
}

// Header is the JSON at the start of a link's body.
type Header struct {
	Config lm.Config `json:"config"`
	Split  lm.Split  `json:"split"`
	// Vocab is the tokenizer's vocabulary from id 1 (id 0 is reserved).
	Vocab  []string      `json:"vocab"`
	Scheme Scheme        `json:"scheme"`
	Gen    lm.GenOptions `json:"gen"`
	// GenSeed and Prompt are the generation the sender made: with them the receiver's first text
	// is the sender's (for Float32; for a quantised link, the quantised model's).
	GenSeed uint64 `json:"gen_seed"`
	Prompt  string `json:"prompt"`
}

// Link is what a model link carries: a model ready to write (no training state, no history)
// and the generation to start with.
type Link struct {
	Model   *lm.Model
	Scheme  Scheme
	Gen     lm.GenOptions
	GenSeed uint64
	Prompt  string
}

// Encode makes the fragment (starting with Prefix) of net and tok in scheme s, with the
// generation l names (l.Model is not read). It fails for weights s cannot carry (see quantise),
// and for a body past maxBody; it does not bound the fragment's length, which the caller
// measures against MaxLink with its page's address.
func Encode(net *lm.Net, tok *lm.Tokenizer, s Scheme, l Link) (string, error) {
	h := Header{Config: net.Cfg, Split: tok.Split, Vocab: tok.Words[1:], Scheme: s,
		Gen: l.Gen, GenSeed: l.GenSeed, Prompt: l.Prompt}
	js, err := json.Marshal(h)
	if err != nil {
		return "", err
	}
	size := binary.MaxVarintLen64 + len(js) + weightBytes(s, net.P.Tensors, len(net.P.Data))
	if size > maxBody { // known before the weights are quantised: a large model costs nothing here
		return "", fmt.Errorf("inlink: the model takes %d KB in %s, more than a link holds", size>>10, s)
	}
	body := binary.AppendUvarint(make([]byte, 0, size), uint64(len(js)))
	body = append(body, js...)
	if body, err = quantise(body, s, net.P.Tensors, net.P.Data); err != nil {
		return "", err
	}
	return fragment.Seal(key, Version, body)
}

// Decode reads a fragment Encode made (with or without its leading '#'). It refuses anything
// else with an error wrapping ErrTooLong (past MaxFragment bytes, not read), ErrNotModel,
// ErrVersion or ErrBroken (with what is wrong: a bad hash, settings out of range, weights of the
// wrong size or not finite), and returns no link.
func Decode(frag string) (Link, error) {
	if len(frag) > MaxFragment {
		return Link{}, ErrTooLong
	}
	version, sealed, err := fragment.Cut(frag, key)
	switch {
	case errors.Is(err, fragment.ErrOtherKey):
		return Link{}, ErrNotModel
	case err != nil:
		return Link{}, ErrBroken
	}
	if version != fmt.Sprint(Version) {
		return Link{}, ErrVersion
	}
	b, err := fragment.Unseal(sealed, maxBody)
	if err != nil {
		return Link{}, ErrBroken
	}
	broken := func(format string, a ...any) (Link, error) {
		return Link{}, fmt.Errorf("%w: %s", ErrBroken, fmt.Sprintf(format, a...))
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n > maxHeader || n > uint64(len(b)-k) {
		return broken("a header of %d bytes in a body of %d", n, len(b))
	}
	var h Header
	dec := json.NewDecoder(bytes.NewReader(b[k : k+int(n)]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return broken("%v", err)
	}
	if err := h.Config.Validate(); err != nil {
		return broken("%v", err)
	}
	if err := h.Gen.Validate(); err != nil {
		return broken("%v", err)
	}
	V := len(h.Vocab) + 1
	if V < 2 || V > lm.MaxVocab {
		return broken("a vocabulary of %d ids", V)
	}
	tok, err := lm.NewTokenizer(h.Config.Level, h.Split, append([]string{""}, h.Vocab...))
	if err != nil {
		return broken("%v", err)
	}
	switch h.Scheme {
	case Int8, Float16, Float32:
	default:
		return broken("unknown scheme %q", h.Scheme)
	}
	w := b[k+int(n):]
	// The network's size follows from the header; it must fit the weights the link holds before
	// anything of that size is allocated. Every weight takes at least a byte, so a network that
	// passes is at most 4·maxBody bytes of float32.
	count := h.Config.ParamCount(V)
	if count > lm.MaxParams || count > len(w) {
		return broken("%d weights in %d bytes", count, len(w))
	}
	net, err := lm.NewNet(h.Config, V)
	if err != nil {
		return broken("%v", err)
	}
	if want := weightBytes(h.Scheme, net.P.Tensors, count); len(w) != want {
		return broken("%d bytes of %s weights where the settings need %d", len(w), h.Scheme, want)
	}
	if err := dequantise(w, h.Scheme, net.P.Tensors, net.P.Data); err != nil {
		return broken("%v", err)
	}
	net.Changed()
	return Link{Model: &lm.Model{Net: net, Tok: tok}, Scheme: h.Scheme, Gen: h.Gen, GenSeed: h.GenSeed, Prompt: h.Prompt}, nil
}
