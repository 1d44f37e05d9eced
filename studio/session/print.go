package session

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"math"
)

// printBytes is how much of the SHA-256 a model's print keeps: 6 bytes, 8 characters of
// base64url. Two different models share a print by chance once in 2⁴⁸.
const printBytes = 6

// weightsPrint is a fingerprint of the model on show ("" without one): the first printBytes of
// SHA-256 over its latest weights and then its best (when it keeps them), each float32 as its
// little-endian bits, in base64url without padding. A model file keeps both sets exactly, so the
// file exported from a model has its print; a model link carries the print of the model it was
// made from (app/model-address-gen.go), which lets whoever opens the file it names learn that it
// is another model. It reads every weight: the book's model with its best weights is 15 MB of
// hashing, some 0.3 s in wasm, so only an Import or a Generate that asks (PrintWanted) gets one.
func (s *Session) weightsPrint() string {
	if s.gen == nil {
		return ""
	}
	h := sha256.New()
	var buf [4096]byte
	put := func(ws []float32) {
		for len(ws) > 0 {
			n := min(len(ws), len(buf)/4)
			for i, w := range ws[:n] {
				binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(w))
			}
			h.Write(buf[:4*n])
			ws = ws[n:]
		}
	}
	put(s.gen.Net.P.Data)
	if b := s.best(); b != nil {
		h.Write([]byte("best"))
		put(b.Weights)
	}
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:printBytes])
}
