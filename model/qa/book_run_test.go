package qa

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// nameTask makes examples the book's model can learn without copying: a passage of common words
// with one name in it, the name is the answer, and the question is "who is <name> ?". Names are
// in the vocabulary.
func nameTask(rng *rand.Rand, v *Vocab, n int, names []string) []Example {
	var out []Example
	for range n {
		L := 5 + rng.IntN(5)
		passage := make([]string, L)
		for i := range passage {
			passage[i] = fmt.Sprintf("w%d", rng.IntN(12))
		}
		at := rng.IntN(L)
		name := names[rng.IntN(len(names))]
		passage[at] = name
		out = append(out, v.NewExample(passage, at, at+1, []string{"who", "is", name, "?"}))
	}
	return out
}

// TestBookRunLearnsNames trains a small BookNet through Run and uses it as a Generator: the
// tagger must find the name, the answer encoder carry it to the decoder, and beam search write it.
func TestBookRunLearnsNames(t *testing.T) {
	words := append(slices.Clone(reserved), "who", "is", "?")
	for i := range 12 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	var names []string
	for i := range 4 {
		names = append(names, fmt.Sprintf("name%d", i))
	}
	words = append(words, names...)
	v := NewVocab(words)
	rng := rand.New(rand.NewPCG(1, 2))
	cfg := BookConfig(len(words))
	cfg.Shape = Shape{V: len(words), Embed: 16, Units: 16, Decoder: 24}
	cfg.LR, cfg.Batch, cfg.Epochs = 0.01, 16, 30
	r, err := NewRun(cfg, v, nameTask(rng, v, 320, names), nameTask(rng, v, 64, names))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Model.Net.(*BookNet); !ok {
		t.Fatalf("arch %q made a %T; want a *BookNet", cfg.Arch, r.Model.Net)
	}
	for !r.Done() {
		r.Step()
	}
	h := r.Model.History
	t.Logf("validation losses by epoch %+v", h.Val)
	if first, last := h.Val[0], h.Val[len(h.Val)-1]; last.Question > first.Question/4 || last.Tagger > first.Tagger/4 {
		t.Errorf("validation losses went from %+v to %+v; want each below a quarter", first, last)
	}
	g, err := NewTrained(r.Model, 3)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for k := range 12 {
		name := names[k%len(names)]
		text := fmt.Sprintf("w1 w%d %s w4 w%d", k%12, name, (k+5)%12)
		start := strings.Index(text, name)
		p, err := g.Ask(text, start, start+len(name))
		if err != nil {
			t.Fatal(err)
		}
		if want := "Who is " + name + "?"; p.Question == want {
			right++
		} else {
			t.Logf("Ask: %q; want %q", p.Question, want)
		}
		pairs, err := g.Pairs(text, 3)
		if err != nil || len(pairs) == 0 || pairs[0].Answer != name {
			t.Errorf("Pairs(%q): %+v, %v; want %s first", text, pairs, err, name)
		}
	}
	if right < 9 {
		t.Errorf("%d of 12 questions right; want 9", right)
	}
}

// TestBookFileRoundTrip writes a trained BookNet with its optimizer state and reads it back: the
// file names the architecture, and the decoder lays out a BookNet.
func TestBookFileRoundTrip(t *testing.T) {
	words := append(slices.Clone(reserved), "who", "is", "the", "fox", "?", "여우", "🦊")
	cfg := BookConfig(len(words))
	cfg.Shape = Shape{V: len(words), Embed: 4, Units: 3, Decoder: 5}
	cfg.Batch, cfg.Epochs = 2, 1
	v := NewVocab(words)
	train := []Example{
		v.NewExample([]string{"the", "fox", "여우"}, 1, 2, []string{"who", "is", "the", "fox", "?"}),
		v.NewExample([]string{"🦊", "is", "Reynard"}, 2, 3, []string{"who", "is", "Reynard", "?"}),
	}
	r, err := NewRun(cfg, v, train, nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Step()
	r.Model.Train = r.State()
	b, err := Encode(r.Model)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"arch":"book"`)) {
		t.Errorf("the file does not name the book's architecture")
	}
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Net.(*BookNet); !ok {
		t.Fatalf("decoded a %T; want a *BookNet", got.Net)
	}
	m := r.Model
	if !reflect.DeepEqual(got.Config, m.Config) || !slices.Equal(got.Net.Params().Data, m.Net.Params().Data) ||
		!reflect.DeepEqual(got.History, m.History) || !reflect.DeepEqual(got.Train, m.Train) {
		t.Errorf("decoded model differs from the encoded one")
	}
	if again, err := Encode(got); err != nil || !bytes.Equal(again, b) {
		t.Errorf("encoding the decoded model gives other bytes (err %v)", err)
	}
	// A default network's weights are too few for the book's shape and vice versa.
	other := bytes.Replace(b, []byte(`"arch":"book"`), []byte(`"arch":"xxxx"`), 1)
	if _, err := Decode(other); err == nil {
		t.Errorf("an unknown architecture decodes")
	}
}

func TestBookParamsCountsTheLayout(t *testing.T) {
	for _, s := range []Shape{tinyBookShape, BookConfig(5000).Shape} {
		if got, want := s.bookParams(), len(bookLayout(s).P.Data); got != want {
			t.Errorf("shape %+v: bookParams() %d; the layout has %d", s, got, want)
		}
	}
	// The book's count (../shared/QA.md): 300·V + 542,202 with Keras 2.2.4's GRUs
	// (reset_after=False: one bias row) and no output bias; model/nn's GRUs carry a second bias
	// row (3 GRUs: 2·300 + 600 + 600) and the output a bias of V.
	s := BookConfig(10004).Shape
	if got, want := s.bookParams(), 300*10004+542202+2*300+600+600+10004; got != want {
		t.Errorf("V=10004: %d parameters; want %d", got, want)
	}
}

func TestValidateArch(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		ok   bool
	}{
		{"default", func(c *Config) {}, true},
		{"book", func(c *Config) { *c = BookConfig(c.V) }, true},
		{"book with attention", func(c *Config) { *c = BookConfig(c.V); c.Attention = 10 }, false},
		{"book with an answer feature", func(c *Config) { *c = BookConfig(c.V); c.Answer = 4 }, false},
		{"default without attention", func(c *Config) { c.Attention = 0 }, false},
		{"unknown", func(c *Config) { c.Arch = "books" }, false},
		{"book too large", func(c *Config) { *c = BookConfig(MaxVocab); c.Embed, c.Decoder = 1024, 1024 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig(5000)
			tc.edit(&c)
			if err := c.Validate(); (err == nil) != tc.ok {
				t.Errorf("Validate: %v; want ok %v", err, tc.ok)
			}
		})
	}
}

// bookFile is a small book-architecture model file, a seed for FuzzDecode.
func bookFile(f *testing.F) []byte {
	words := append(slices.Clone(reserved), "who", "is", "the", "fox", "?")
	cfg := BookConfig(len(words))
	cfg.Shape = Shape{V: len(words), Embed: 3, Units: 2, Decoder: 3}
	n, err := NewBookNet(cfg.Shape, 1)
	if err != nil {
		f.Fatal(err)
	}
	good, err := Encode(&Model{Config: cfg, Net: n, Vocab: NewVocab(words)})
	if err != nil {
		f.Fatal(err)
	}
	return good
}

// bookRun starts a small book run on nameTask, with an odd batch so that shares are uneven and
// passages of unlike lengths so that each share pads to its own.
func bookRun(t *testing.T) *Run {
	t.Helper()
	words := append(slices.Clone(reserved), "who", "is", "?")
	for i := range 12 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	names := []string{"name0", "name1", "name2"}
	words = append(words, names...)
	v := NewVocab(words)
	rng := rand.New(rand.NewPCG(5, 6))
	cfg := BookConfig(len(words))
	cfg.Shape = Shape{V: len(words), Embed: 6, Units: 5, Decoder: 7}
	cfg.Batch, cfg.LR = 7, 0.01
	r, err := NewRun(cfg, v, nameTask(rng, v, 60, names), nameTask(rng, v, 10, names))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
