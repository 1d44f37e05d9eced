package lm

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGenerateGivesEachTokenItsProbability: the page colours each generated token by the model's
// probability of it and lists the alternatives Predict gives at that point, so the two must agree:
// each token's probability is Predict's for it after the text before it, whatever the sampling
// settings (here a temperature and top-k that change what is drawn, not what the model thinks).
// The first token is drawn without the separator, so its probability is among the others'.
func TestGenerateGivesEachTokenItsProbability(t *testing.T) {
	net, _, tok := smallSetup(t, nil)
	g := NewGenerator(net, tok)
	for _, mode := range []GenMode{GenWindow, GenStateful} {
		t.Run(string(mode), func(t *testing.T) {
			o := GenOptions{SampleOptions: SampleOptions{Temperature: 0.7, TopK: 3, TopP: 1}, N: 12, Mode: mode, IgnoreSeparator: true}
			res := g.Generate("the fox", o, rand.New(rand.NewPCG(4, 0)))
			if len(res.Tokens) != len(res.IDs) || len(res.Probs) != len(res.IDs) || len(res.IDs) == 0 {
				t.Fatalf("got %d ids, %d tokens, %d probabilities; want as many of each, at least one", len(res.IDs), len(res.Tokens), len(res.Probs))
			}
			text := "the fox"
			for i, id := range res.IDs {
				if res.Tokens[i] != tok.Token(id) {
					t.Errorf("token %d: got %q; want %q", i, res.Tokens[i], tok.Token(id))
				}
				_, next, _ := g.Predict(text, net.V)
				want, sep := -1.0, 0.0
				for _, c := range next {
					if c.ID == id {
						want = c.P
					}
					if c.ID == tok.ID(Separator) {
						sep = c.P
					}
				}
				if i == 0 { // a story never ends before it begins: the first draw is without the separator
					want /= 1 - sep
				}
				// The window of a stateful step is longer than seq_length, so only window mode
				// matches Predict exactly; stateful probabilities are still probabilities.
				if p := res.Probs[i]; p <= 0 || p > 1 || (mode == GenWindow && math.Abs(float64(p)-want) > 1e-5) {
					t.Errorf("token %d (%q) after %q: got probability %v; want %v", i, res.Tokens[i], text, p, want)
				}
				text = Join(tok.Level, text, res.Tokens[i])
			}
		})
	}
}
