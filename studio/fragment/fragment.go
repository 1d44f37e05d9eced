// Package fragment is the envelope both kinds of Fabulist link share, a share link (#s=) and a
// model link (#m=):
//
//	#<key>=<version>.<base64url(deflate(body ‖ first 8 bytes of SHA-256(body)))>
//
// The hash catches a link that was cut or edited; what the body says is the caller's to check,
// since a crafted link can carry a correct hash. Cut and Unseal are apart so that a caller refuses
// a version it does not know (a newer page's link) before it reads the body, which a newer
// version may lay out otherwise.
package fragment

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Errors of Cut and Unseal: callers turn them into their own, in a user's words.
var (
	ErrOtherKey = errors.New("fragment: not a link of this kind")
	ErrBroken   = errors.New("fragment: the link is incomplete or has been changed")
)

// sumLen is the bytes of the SHA-256 kept after the body.
const sumLen = 8

// Seal makes the fragment of body under key and version, deflated at the best compression.
func Seal(key string, version int, body []byte) (string, error) {
	sum := sha256.Sum256(body)
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(body)
	w.Write(sum[:sumLen])
	if err := w.Close(); err != nil {
		return "", err
	}
	return fmt.Sprintf("#%s=%d.%s", key, version, base64.RawURLEncoding.EncodeToString(buf.Bytes())), nil
}

// Cut splits a fragment (with or without its leading '#') into its version and sealed body. It
// returns ErrOtherKey when the fragment is not key's, and ErrBroken when it has no version.
func Cut(fragment, key string) (version, sealed string, err error) {
	s, ok := strings.CutPrefix(strings.TrimPrefix(fragment, "#"), key+"=")
	if !ok {
		return "", "", ErrOtherKey
	}
	version, sealed, ok = strings.Cut(s, ".")
	if !ok {
		return "", "", ErrBroken
	}
	return version, sealed, nil
}

// Unseal returns the body of a sealed fragment of at most max bytes. It inflates no more than
// max bytes and the hash, so that a short link cannot expand without limit, and returns
// ErrBroken for text that is not base64url, not deflate, longer than max, or whose hash does not
// match.
func Unseal(sealed string, max int) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil {
		return nil, ErrBroken
	}
	data, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), int64(max+sumLen+1)))
	if err != nil || len(data) < sumLen || len(data) > max+sumLen {
		return nil, ErrBroken
	}
	body, sum := data[:len(data)-sumLen], data[len(data)-sumLen:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:sumLen]) {
		return nil, ErrBroken
	}
	return body, nil
}
