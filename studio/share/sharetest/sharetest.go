// Package sharetest makes share links as anyone can: any JSON, under any version, with a correct
// hash and none of share.Encode's checks, for the tests of the decoder and of the pages that
// open links. It does not import share, so that share's own tests can use it.
package sharetest

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
)

// Link is the fragment "#s=<version>.<base64url(deflate(js ‖ first 8 bytes of SHA-256(js)))>",
// the share format's (see package share), of js as it is.
func Link(version int, js []byte) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	sum := sha256.Sum256(js)
	w.Write(js)
	w.Write(sum[:8])
	w.Close()
	return fmt.Sprintf("#s=%d.", version) + base64.RawURLEncoding.EncodeToString(buf.Bytes())
}
