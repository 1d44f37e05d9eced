package inlink

import (
	"os"
	"strconv"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/lm"
)

// TestMeasureLinks prints the link sizes and quantisation errors of character models of a few
// sizes trained on a short story (the first 20,000 bytes of Aesop), for the notes:
//
//	INLINK_MEASURE=400 go test -run TestMeasureLinks -v ./studio/inlink
//
// (400: batches of 16 windows trained). It measures; it asserts only that each link under
// MaxLink decodes.
func TestMeasureLinks(t *testing.T) {
	steps, _ := strconv.Atoi(os.Getenv("INLINK_MEASURE"))
	if steps <= 0 {
		t.Skip("set INLINK_MEASURE=<batches> to measure")
	}
	b := need.Data(t, "aesop.txt")
	text := string(b[:20000])
	const base = "https://example.github.io/fabulist/"
	for _, units := range []int{32, 64, 128} {
		for _, embed := range []int{16, 32} {
			cfg := tinyConfig(units)
			cfg.Embed = embed
			r := trained(t, text, cfg, steps)
			windows := HeldOut(text, cfg, r.Corpus.Tok, Windows)
			c := Choose(r.Net, r.Corpus.Tok, Link{Gen: lm.DefaultGenOptions(), GenSeed: 7}, base, windows)
			t.Logf("units %d embed %d, V %d, %d weights, %d windows, pick %d", units, embed, r.Net.V, len(r.Net.P.Data), len(windows), c.Pick)
			for _, m := range c.All {
				if m.Err == nil && m.Bytes > MaxLink && m.Scheme != Float32 { // Choose measures only links that fit
					m.Error, m.Err = Error(r.Net, r.Corpus.Tok, m.Scheme, windows)
				}
				t.Logf("  %v", m)
				if m.Err == nil && m.Bytes <= MaxLink {
					if _, err := Decode(m.Fragment); err != nil {
						t.Errorf("%s does not decode: %v", m.Scheme, err)
					}
				}
			}
		}
	}
}
