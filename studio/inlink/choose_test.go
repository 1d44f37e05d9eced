package inlink

import (
	"strings"
	"testing"
)

// TestChoose: the smallest scheme within the length and error limits is picked; a model whose
// int8 link errs too much keeps float16; one whose links are all too long gets none, and the
// error of a link too long is not measured.
func TestChoose(t *testing.T) {
	text := sampleText(t)
	r, l := tinyLink(t)
	tok := r.Corpus.Tok
	windows := HeldOut(text, r.Net.Cfg, tok, Windows)

	c := Choose(r.Net, tok, l, "https://example.org/", windows)
	m, ok := c.Link()
	if !ok || m.Scheme != Int8 || m.Error > MaxError || m.Bytes > MaxLink || len(c.All) != 3 {
		t.Errorf("picked %v of %v; want int8", m, c.All)
	}

	// An output bias that makes three tokens likely (logits 0, 0.2 and 0.4; probabilities 0.27,
	// 0.33 and 0.40), with one outlier: int8's step for the row becomes 60/127 nats, which rounds
	// the three to 0, 0 and 0.47 and moves their probabilities by 5 points; float16 holds them.
	bad := r.Net.WithWeights(r.Net.P.Data)
	bias := bad.P.Tensors[len(bad.P.Tensors)-1]
	b := bad.P.Data[bias.Off : bias.Off+bias.Size()]
	for j := range b {
		b[j] = -20
	}
	b[1], b[2], b[3], b[4] = -60, 0, 0.2, 0.4
	c = Choose(bad, tok, l, "https://example.org/", windows)
	if m, ok := c.Link(); !ok || m.Scheme != Float16 || c.All[0].Error <= MaxError {
		t.Errorf("with outliers picked %v of %v; want float16, int8 erring by more than %g", m, c.All, MaxError)
	}

	long := "https://example.org/" + strings.Repeat("x", MaxLink)
	c = Choose(r.Net, tok, l, long, windows)
	if m, ok := c.Link(); ok {
		t.Errorf("picked %v behind a %d-byte address; want none", m, len(long))
	}
	for _, m := range c.All {
		if m.Error != 0 || m.Err != nil || m.Bytes <= MaxLink {
			t.Errorf("a link too long: %v; want its length, no error measured", m)
		}
	}
}
