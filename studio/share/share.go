// Package share encodes what a share link carries — settings, random seeds, generation settings
// and (when it fits) the text — into a URL fragment, and decodes it back. The fragment is
//
//	#s=1.<base64url(deflate(JSON payload ‖ first 8 bytes of SHA-256(JSON payload)))>
//
// The leading "1." is the format's version. The hash catches links that were cut or edited:
// a link that does not decode exactly is refused, never half-applied.
package share

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"fabulist/model/lm"
)

// Version is the link format's version.
const Version = 1

// Prefix starts a share fragment.
const Prefix = "#s="

// MaxLink is the longest link the studio makes: longer ones break in chat apps and some browsers.
const MaxLink = 32 << 10

// MaxFragment is the longest fragment Decode reads: every link the studio makes is shorter
// (MaxLink counts the page's address too, which is the margin). A longer one is refused before
// any decoding, so that a crafted multi-megabyte link costs nothing.
const MaxFragment = MaxLink

// maxPayload bounds what a decoder inflates, so that a small link cannot expand without limit.
const maxPayload = 8 << 20

// Errors of Decode. Each says, in a user's words, why a link cannot be opened: the errors Decode
// returns wrap one of them with technical detail, and Reason gives the words alone.
var (
	ErrNotShare = errors.New("share: not a Fabulist share link")
	ErrVersion  = errors.New("share: this link was made by a newer Fabulist; reload the page")
	ErrBroken   = errors.New("share: the link is incomplete or has been changed")
	ErrTooLong  = errors.New("share: the link is longer than any Fabulist makes")
)

// Reason is why a link cannot be opened, in a user's words, for an error of Decode: one of its
// errors' texts without the package's prefix and the technical detail, or "" for another error.
func Reason(err error) string {
	for _, e := range []error{ErrNotShare, ErrVersion, ErrBroken, ErrTooLong} {
		if errors.Is(err, e) {
			return strings.TrimPrefix(e.Error(), "share: ")
		}
	}
	return ""
}

// Payload is what a link carries.
type Payload struct {
	Config  lm.Config     `json:"config"`
	Gen     lm.GenOptions `json:"gen"`
	GenSeed uint64        `json:"gen_seed"`
	Prompt  string        `json:"prompt"`
	Text    string        `json:"text,omitempty"` // empty in a settings-only link
	// Workers that shared each batch: a run is reproducible for a given count (0: the receiver's
	// default, as links made before data parallelism say).
	Workers int `json:"workers,omitempty"`
}

// Encode makes the fragment (starting with Prefix) for p.
func Encode(p Payload) (string, error) {
	js, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(js)
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(js)
	w.Write(sum[:8])
	if err := w.Close(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%d.%s", Prefix, Version, base64.RawURLEncoding.EncodeToString(buf.Bytes())), nil
}

// Decode reads a fragment made by Encode (with or without its leading '#'). It refuses anything
// else with an error and returns no payload: ErrTooLong past MaxFragment bytes, ErrNotShare,
// ErrVersion, or ErrBroken (possibly wrapped with what is out of range).
func Decode(fragment string) (Payload, error) {
	if len(fragment) > MaxFragment {
		return Payload{}, ErrTooLong
	}
	s := strings.TrimPrefix(fragment, "#")
	if !strings.HasPrefix(s, "s=") {
		return Payload{}, ErrNotShare
	}
	s = strings.TrimPrefix(s, "s=")
	version, body, ok := strings.Cut(s, ".")
	if !ok {
		return Payload{}, ErrBroken
	}
	if version != fmt.Sprint(Version) {
		return Payload{}, ErrVersion
	}
	raw, err := base64.RawURLEncoding.DecodeString(body)
	if err != nil {
		return Payload{}, ErrBroken
	}
	data, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), maxPayload+1))
	if err != nil || len(data) < 8 || len(data) > maxPayload {
		return Payload{}, ErrBroken
	}
	js, sum := data[:len(data)-8], data[len(data)-8:]
	if want := sha256.Sum256(js); !bytes.Equal(sum, want[:8]) {
		return Payload{}, ErrBroken
	}
	var p Payload
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Payload{}, ErrBroken
	}
	if err := p.Config.Validate(); err != nil {
		return Payload{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if err := p.Gen.Validate(); err != nil {
		return Payload{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	return p, nil
}
