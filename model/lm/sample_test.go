package lm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestSamplerTemperatureZeroIsArgmax(t *testing.T) {
	var s Sampler
	logits := []float32{100, 0.1, 3, -2, 2.9} // id 0 is reserved and never drawn
	if got := s.Sample(logits, SampleOptions{Temperature: 0, TopP: 1}, nil); got != 2 {
		t.Errorf("argmax: got %d; want 2", got)
	}
}

func TestSamplerIsSeededAndFollowsProbabilities(t *testing.T) {
	var s Sampler
	logits := []float32{0, 0, 1, 2, 0} // p ∝ 1, e, e², 1 for ids 1..4
	draw := func(seed uint64, o SampleOptions) []int {
		rng := rand.New(rand.NewPCG(seed, 1))
		counts := make([]int, len(logits))
		for range 20000 {
			counts[s.Sample(logits, o, rng)]++
		}
		return counts
	}
	o := SampleOptions{Temperature: 1, TopP: 1}
	a, b := draw(7, o), draw(7, o)
	if a[0] != 0 || a[3] < a[2] || a[2] < a[1] {
		t.Errorf("counts %v do not follow the probabilities", a)
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different draws: %v and %v", a, b)
		}
	}
	// e²/(2+e+e²) ≈ 0.6 of draws go to id 3.
	if f := float64(a[3]) / 20000; f < 0.57 || f > 0.63 {
		t.Errorf("id 3 drawn %.3f of the time; want ≈ 0.60", f)
	}
	if k := draw(7, SampleOptions{Temperature: 1, TopK: 2, TopP: 1}); k[1] != 0 || k[4] != 0 || k[2] == 0 {
		t.Errorf("top-2 drew outside {2, 3}: %v", k)
	}
	// top-p 0.5: id 3 alone holds 0.6.
	if p := draw(7, SampleOptions{Temperature: 1, TopP: 0.5}); p[3] != 20000 {
		t.Errorf("top-p 0.5 drew %v; want only id 3", p)
	}
	// A low temperature sharpens towards the argmax.
	if c := draw(7, SampleOptions{Temperature: 0.2, TopP: 1}); c[3] < 19000 {
		t.Errorf("temperature 0.2 drew id 3 only %d times of 20000", c[3])
	}
}

func TestGenerationStopsAtSeparatorAndReportsUnknowns(t *testing.T) {
	// LossEvery teaches every position of the window, which stateful generation relies on.
	net, data, tok := smallSetup(t, func(c *Config) { c.Epochs = 30; c.LR = 0.01; c.Loss = LossEvery })
	tr, _ := NewTrainer(net, data)
	trainAll(t, tr)
	g := NewGenerator(net, tok)
	for _, mode := range []GenMode{GenWindow, GenStateful} {
		t.Run(string(mode), func(t *testing.T) {
			res := g.Generate("the fox saw the zebra", GenOptions{SampleOptions: SampleOptions{Temperature: 0, TopP: 1}, N: 50, Mode: mode}, nil)
			if len(res.Unknown) != 1 || res.Unknown[0] != "zebra" {
				t.Errorf("unknown = %q; want [zebra]", res.Unknown)
			}
			// The corpus always goes on "grapes and said they were sour ." then ends the story.
			if !res.Stopped || !strings.HasPrefix(res.Text, "grapes and said they were sour .") || strings.Contains(res.Text, "|") {
				t.Errorf("got %q (stopped %v); want the fable's end, then a stop", res.Text, res.Stopped)
			}
		})
	}
	input, next, _ := g.Predict("the tortoise won the", 3)
	if len(input) != net.Cfg.SeqLen || len(next) != 3 || next[0].Token != "race" || next[0].P < next[1].P {
		t.Errorf("Predict: input %v, next %+v; want %d ids and \"race\" first", input, next, net.Cfg.SeqLen)
	}
}

// cellLayer is a cell and a number of layers, for tests that run each.
type cellLayer struct {
	name   string
	cell   Cell
	layers int
}

// cellLayers is every cell with one layer and with two.
func cellLayers() []cellLayer {
	var out []cellLayer
	for _, cell := range cells {
		for _, layers := range []int{1, 2} {
			out = append(out, cellLayer{fmt.Sprintf("%s/%d layers", cell, layers), cell, layers})
		}
	}
	return out
}

// TestStatefulMatchesWindow: the generator's window pass must give the training forward's logits,
// and from a zero state, feeding the window token by token must give them too, with every cell.
func TestStatefulMatchesWindow(t *testing.T) {
	for _, cl := range cellLayers() {
		t.Run(cl.name, func(t *testing.T) { testStatefulMatchesWindow(t, cl.cell, cl.layers) })
	}
}

func testStatefulMatchesWindow(t *testing.T, cell Cell, layers int) {
	net, _, tok := smallSetup(t, func(c *Config) { c.Cell, c.Layers = cell, layers })
	g := NewGenerator(net, tok)
	ctx, _ := g.Context("the fox saw")
	win := g.Window(ctx)
	want := append([]float32(nil), g.WindowLogits(ctx)...)
	w := net.newBatchWork(1, len(win), LossLast)
	copy(w.x, win)
	net.forward(w, nil)
	for j := range want {
		if d := want[j] - w.logits[j]; d > 1e-5 || d < -1e-5 {
			t.Fatalf("logit %d: generator window %g, training forward %g", j, want[j], w.logits[j])
		}
	}
	g.resetState()
	for i, id := range win {
		g.feed(id, i == len(win)-1)
	}
	for j := range want {
		if d := want[j] - g.logits[j]; d > 1e-5 || d < -1e-5 {
			t.Fatalf("logit %d: stateful %g, window %g", j, g.logits[j], want[j])
		}
	}
}

// TestGenOptionsRules: the studio and the command line check generation options with these
// rules; the length was checked apart, by each, and the command line took 0. The defaults pass.
func TestGenOptionsRules(t *testing.T) {
	ok := DefaultGenOptions()
	if err := ok.Validate(); err != nil {
		t.Fatalf("%+v: %v", ok, err)
	}
	for _, c := range []struct {
		field  string
		mutate func(*GenOptions)
	}{
		{"n", func(o *GenOptions) { o.N = 0 }},
		{"n", func(o *GenOptions) { o.N = MaxGenTokens + 1 }},
		{"temperature", func(o *GenOptions) { o.Temperature = math.NaN() }},
		{"temperature", func(o *GenOptions) { o.Temperature = math.Inf(1) }},
		{"top_k", func(o *GenOptions) { o.TopK = -1 }},
		{"top_k", func(o *GenOptions) { o.TopK = MaxVocab + 1 }},
		{"top_p", func(o *GenOptions) { o.TopP = math.NaN() }},
		{"top_p", func(o *GenOptions) { o.TopP = 0 }},
		{"mode", func(o *GenOptions) { o.Mode = "sideways" }},
	} {
		o := ok
		c.mutate(&o)
		t.Run(fmt.Sprintf("%+v", o), func(t *testing.T) {
			if fe := o.FieldErrors(); len(fe) != 1 || fe[c.field] == "" || o.Validate() == nil {
				t.Errorf("got %v; want one error, for %s", fe, c.field)
			}
		})
	}
}

// TestPredictNeverOffersAnEmptyStory: Generate never starts a story with the separator, and
// Predict offered it after an empty prompt.
func TestPredictNeverOffersAnEmptyStory(t *testing.T) {
	net, _, tok := smallSetup(t, nil)
	g := NewGenerator(net, tok)
	sep := tok.ID(Separator)
	for _, c := range []struct {
		prompt string
		offer  bool
	}{{"", false}, {"zebra", false}, {"the fox", true}} {
		t.Run(fmt.Sprintf("%q", c.prompt), func(t *testing.T) {
			_, next, _ := g.Predict(c.prompt, net.V)
			offered := slices.ContainsFunc(next, func(n Candidate) bool { return n.ID == sep })
			want := net.V - 1 // every id but the reserved 0
			if !c.offer {
				want--
			}
			if sep == 0 || offered != c.offer || len(next) != want {
				t.Errorf("got %d candidates, separator offered %v; want %d, offered %v", len(next), offered, want, c.offer)
			}
		})
	}
	if _, next, _ := g.Predict("", math.MaxInt); len(next) != net.V-2 {
		t.Errorf("k = MaxInt: %d candidates; want all %d but id 0 and the separator", len(next), net.V-2)
	}
}

// TestTopNTakesAnyN: a huge n allocated n candidates and panicked.
func TestTopNTakesAnyN(t *testing.T) {
	tok := FitTokenizer(Word, SplitSpace, "a b b")
	probs := []float32{0, 0.25, 0.75}
	for _, n := range []int{math.MaxInt, 3, 2, 0, -1} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			got := TopN(probs, n, tok)
			if want := max(0, min(n, 2)); len(got) != want {
				t.Errorf("got %d candidates; want %d", len(got), want)
			}
		})
	}
}
