package inlink

import (
	"fmt"
	"math/rand/v2"

	"fabulist/model/lm"
)

// MaxError is the largest quantisation error (Error) a link may carry: 0.02, two points of
// probability on one of the ten likeliest next tokens. Past it a scheme changes which token a
// sample draws often enough to show, and the next larger scheme is used.
const MaxError = 0.02

// Windows is how many held-out windows the studio measures Error over.
const Windows = 256

// Measured is one scheme's link for a model: its fragment, the whole link's length in bytes
// (page address included) and its quantisation error (0 for Float32, and for a link longer than
// MaxLink, whose error is not measured). Err says why there is no link of that scheme (a weight
// it cannot carry, a model too large for any link).
type Measured struct {
	Scheme   Scheme
	Fragment string
	Bytes    int
	Error    float64
	Err      error
}

// Choice is the link Choose picks (Pick: an index into All, or -1 when no scheme fits MaxLink
// within MaxError) and every scheme it measured, smallest first.
type Choice struct {
	All  []Measured
	Pick int
}

// Link is the chosen link's measurement; ok is false when none fits.
func (c Choice) Link() (m Measured, ok bool) {
	if c.Pick < 0 {
		return Measured{}, false
	}
	return c.All[c.Pick], true
}

// Choose makes every scheme's link for net and picks the smallest whose length, with base (the
// page's address, before the fragment) in front, is at most MaxLink and whose error (Error over
// windows; see HeldOut and OwnWindows) is at most MaxError. Float32's error is 0, so a model
// whose quantised links err too much still goes in a link when its float32 one fits. Only links
// that fit are measured: the error of a large model's costs seconds and would not be used.
func Choose(net *lm.Net, tok *lm.Tokenizer, l Link, base string, windows [][]int32) Choice {
	c := Choice{Pick: -1}
	for _, s := range Schemes {
		m := Measured{Scheme: s}
		m.Fragment, m.Err = Encode(net, tok, s, l)
		if m.Err == nil {
			m.Bytes = len(base) + len(m.Fragment)
		}
		if m.Err == nil && s != Float32 && m.Bytes <= MaxLink {
			m.Error, m.Err = Error(net, tok, s, windows)
		}
		c.All = append(c.All, m)
		if c.Pick < 0 && m.Err == nil && m.Error <= MaxError && m.Bytes <= MaxLink {
			c.Pick = len(c.All) - 1
		}
	}
	return c
}

// OwnWindows returns n windows of the model's own writing (temperature 1, a fixed seed), for
// measuring Error when the text it learned from is not at hand (a model opened from a file).
func OwnWindows(net *lm.Net, tok *lm.Tokenizer, n int) [][]int32 {
	T := net.Cfg.SeqLen
	o := lm.DefaultGenOptions()
	o.Temperature, o.N, o.IgnoreSeparator = 1, min(n+T, lm.MaxGenTokens), true
	ids := lm.NewGenerator(net, tok).Generate("", o, rand.New(rand.NewPCG(1, 2))).IDs
	var out [][]int32
	for i := 0; i+T <= len(ids) && len(out) < n; i++ {
		out = append(out, ids[i:i+T])
	}
	return out
}

// String is the measurement in a line, for the command line and the notes.
func (m Measured) String() string {
	if m.Err != nil {
		return fmt.Sprintf("%s: %v", m.Scheme, m.Err)
	}
	return fmt.Sprintf("%s: %d bytes, error %.4f", m.Scheme, m.Bytes, m.Error)
}
