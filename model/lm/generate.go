package lm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"fabulist/model/nn"
)

// GenMode says how the context reaches the network during generation.
type GenMode string

const (
	// GenWindow is the book's: every token re-feeds the last seq_length tokens from a zero state.
	GenWindow GenMode = "window"
	// GenStateful carries the recurrent layers' state and feeds one token per step.
	GenStateful GenMode = "stateful"
)

// GenOptions are the settings of one generation.
type GenOptions struct {
	SampleOptions
	N    int     `json:"n"` // at most this many tokens
	Mode GenMode `json:"mode"`
	// IgnoreSeparator writes on past the end of a story instead of stopping there.
	IgnoreSeparator bool `json:"ignore_separator,omitempty"`
}

// MaxGenTokens is the most tokens one generation writes: a few pages, which a tab writes in seconds.
const MaxGenTokens = 5000

// DefaultGenOptions are the settings of a generation nobody has set: 100 tokens in window mode
// (the book's), at temperature 0.5, the book's middle one, which keeps a young model on its
// words, with neither top-k nor top-p cutting. The studio's form starts from them and a share
// link made before any generation carries them; the command line takes them but for its
// temperature, 1, the model's own distribution.
func DefaultGenOptions() GenOptions {
	return GenOptions{SampleOptions: SampleOptions{Temperature: 0.5, TopK: 0, TopP: 1}, N: 100, Mode: GenWindow}
}

// Validate explains an option out of range, in the words the studio and the command line show.
// An empty Mode is window mode.
func (o GenOptions) Validate() error {
	return firstFieldError(o.FieldErrors(), genFields)
}

// genFields are GenOptions' JSON names in the order a form shows them.
var genFields = append([]string{"n"}, append(sampleFields, "mode")...)

// FieldErrors maps each option out of range (by its JSON name) to what is wrong with it, so that
// a form can show the message next to the field.
func (o GenOptions) FieldErrors() map[string]string {
	errs := o.SampleOptions.fieldErrors(map[string]string{})
	if o.N < 1 || o.N > MaxGenTokens {
		errs["n"] = fmt.Sprintf("length must be between 1 and %d tokens", MaxGenTokens)
	}
	if o.Mode != GenWindow && o.Mode != GenStateful && o.Mode != "" {
		errs["mode"] = "mode must be window or stateful"
	}
	return errs
}

// GenResult is a generated continuation.
type GenResult struct {
	IDs     []int32  `json:"ids"`
	Text    string   `json:"text"`    // the continuation alone, joined as the tokenizer decodes
	Unknown []string `json:"unknown"` // prompt tokens the model does not know (left out of its input)
	Stopped bool     `json:"stopped"` // the model ended the story with the separator
	// Tokens are the continuation's tokens, one per id, and Probs the model's probability of each
	// where it was drawn: softmax of the logits at temperature 1 over the whole vocabulary, before
	// top-k or top-p cut it, so that it reads as Predict's candidates do whatever the sampling
	// settings were (the page colours each token by it, beside its alternatives). The first token
	// is drawn without the separator (a story never ends before it begins), so its probability is
	// among the other tokens'.
	Tokens []string  `json:"tokens,omitempty"`
	Probs  []float32 `json:"probs,omitempty"`
}

// Generator writes with a trained network. It keeps its buffers between calls; it is not safe
// for concurrent use.
type Generator struct {
	Net     *Net
	Tok     *Tokenizer
	states  []*cellState // stateful mode: one sequence's, per layer
	z       []float32    // (1, G) the input's projection: G is 4H, 3H or H as the cell has gates
	x       []float32    // (1, max(E, H)) input of a step
	logits  []float32    // (V)
	probs   []float32    // (V) softmax of the logits a token was drawn from (probOf)
	sampler Sampler

	// Window mode re-reads up to seq_length tokens per generated token. Layer 0's input projection
	// x·W + b depends on the token alone, so it is cached per id (and dropped when the weights
	// change), leaving the recurrent products as the work per token.
	proj        map[int32][]float32 // id → (G)
	projVersion uint64
	windows     map[int]*windowBufs // by the number of contexts run at once
	one         [1][]int32          // WindowLogits' one context, without allocating
	wins        [][]int32           // the windows of the contexts being run
}

// maxProj bounds the projection cache: 2,048 ids of a 256-unit model hold 8 MB.
const maxProj = 2048

// NewGenerator prepares generation with net and its tokenizer.
func NewGenerator(net *Net, tok *Tokenizer) *Generator {
	H := net.Cfg.Units
	g := &Generator{Net: net, Tok: tok,
		z: make([]float32, net.Cfg.Cell.gates(H)), x: make([]float32, max(net.Cfg.Embed, H)),
		logits: make([]float32, net.V), proj: map[int32][]float32{}, windows: map[int]*windowBufs{}}
	for _, l := range net.rnns {
		g.states = append(g.states, l.newState(1))
	}
	return g
}

// Context turns a prompt into the ids the model starts from: seq_length separators (as every
// story of the corpus starts, when the vocabulary has the separator) and the prompt, cleaned as
// the corpus was. Unknown tokens are reported, not fed.
func (g *Generator) Context(prompt string) (ids []int32, unknown []string) {
	cfg := g.Net.Cfg
	if sep := g.Tok.ID(Separator); sep != 0 {
		for range cfg.SeqLen {
			ids = append(ids, sep)
		}
	}
	p, unknown := g.Tok.Encode(CleanPrompt(prompt, cfg.Cleaning, cfg.SeqLen))
	ids = append(ids, p...)
	if len(ids) == 0 {
		ids = append(ids, 1) // no separator and no prompt: start from the most frequent token
	}
	return ids, unknown
}

// Window returns the ids that window mode feeds for a context: its last seq_length.
func (g *Generator) Window(ctx []int32) []int32 {
	return ctx[max(0, len(ctx)-g.Net.Cfg.SeqLen):]
}

// WindowLogits runs the window of ctx through the network from a zero state and returns the
// next-token logits (V); the slice is reused by the next call. It computes what the training
// forward pass does for one window: it is BatchWindowLogits for one context.
func (g *Generator) WindowLogits(ctx []int32) []float32 {
	g.one[0] = ctx
	return g.BatchWindowLogits(g.one[:])
}

// dropStaleProjections empties the projection cache when the weights changed or it grew too big.
func (g *Generator) dropStaleProjections() {
	if g.projVersion != g.Net.version || len(g.proj) > maxProj {
		clear(g.proj)
		g.projVersion = g.Net.version
	}
}

func (g *Generator) projection(id int32, w, b []float32, E, G int) []float32 {
	if p, ok := g.proj[id]; ok {
		return p
	}
	p := make([]float32, G)
	copy(p, b)
	g.Net.mm.NN(1, G, E, g.Net.emb.Row(id), w, p)
	g.proj[id] = p
	return p
}

// resetState zeroes the stateful mode's state.
func (g *Generator) resetState() {
	for _, s := range g.states {
		s.reset()
	}
}

// feed advances the stateful mode by one token; with logits true it also computes the next-token
// logits into g.logits.
func (g *Generator) feed(id int32, logits bool) {
	n := g.Net
	H := n.Cfg.Units
	x := n.emb.Row(id)
	for l, layer := range n.rnns {
		w, b := layer.input()
		copy(g.z, b)
		n.mm.NN(1, len(g.z), len(x), x, w, g.z)
		layer.advance(g.states[l], g.z, 1, n.mm)
		copy(g.x, g.states[l].h)
		x = g.x[:H]
	}
	if logits {
		n.dense.Forward(g.logits, x, 1, n.mm)
	}
}

// Generate continues prompt by up to o.N tokens drawn with rng, stopping early at the separator.
func (g *Generator) Generate(prompt string, o GenOptions, rng *rand.Rand) GenResult {
	ctx, unknown := g.Context(prompt)
	res := GenResult{Unknown: unknown}
	sep := g.Tok.ID(Separator)
	stateful := o.Mode == GenStateful
	if stateful {
		// Prime with the window only: the model learned from states that start at zero
		// seq_length tokens back, and a longer run-up drifts away from them.
		g.resetState()
		win := g.Window(ctx)
		for i, id := range win {
			g.feed(id, i == len(win)-1)
		}
	}
	for range o.N {
		logits := g.logits
		if !stateful {
			logits = g.WindowLogits(ctx)
		}
		if len(res.IDs) == 0 {
			noEmptyStory(logits, sep)
		}
		id := g.sampler.Sample(logits, o.SampleOptions, rng)
		if id == sep && sep != 0 && !o.IgnoreSeparator {
			res.Stopped = true
			break
		}
		res.IDs = append(res.IDs, id)
		res.Tokens = append(res.Tokens, g.Tok.Token(id))
		res.Probs = append(res.Probs, g.probOf(logits, id))
		ctx = append(ctx, id)
		if stateful {
			g.feed(id, true)
		}
	}
	res.Text = g.Tok.Decode(res.IDs)
	return res
}

// probOf returns softmax(logits)[id] as Predict computes it (nn.Softmax, the engine's Vector
// kernels), on a copy kept between tokens, so that logits stay as the sampler left them and a
// token's shade in the page is the probability its alternatives list shows.
func (g *Generator) probOf(logits []float32, id int32) float32 {
	g.probs = append(g.probs[:0], logits...)
	nn.Softmax(g.probs, 1, len(g.probs))
	return g.probs[id]
}

// noEmptyStory forbids the separator sep (0: none) as the next token: a story of no words is no
// story, and the separator may end one, not replace it.
func noEmptyStory(logits []float32, sep int32) {
	if sep != 0 {
		logits[sep] = float32(math.Inf(-1))
	}
}

// Predict returns the window fed for prompt, the k most likely next tokens (window mode) and
// the prompt's unknown tokens: the book's human-led writing. After a prompt with no words of its
// own (empty, or only unknown tokens) the separator is not offered, for the reason Generate never
// starts with it: a story cannot end before it begins.
func (g *Generator) Predict(prompt string, k int) (input []int32, next []Candidate, unknown []string) {
	ctx, unknown := g.Context(prompt)
	logits := g.WindowLogits(ctx)
	probs := make([]float32, len(logits))
	copy(probs, logits)
	sep := g.Tok.ID(Separator)
	p, _ := g.Tok.Encode(CleanPrompt(prompt, g.Net.Cfg.Cleaning, g.Net.Cfg.SeqLen))
	noWords := !slices.ContainsFunc(p, func(id int32) bool { return id != sep })
	if noWords {
		noEmptyStory(probs, sep)
	}
	nn.Softmax(probs, 1, len(probs))
	next = TopN(probs, min(k, len(probs))+1, g.Tok)
	if noWords {
		// The SIMD softmax gives -Inf about 1e-38 rather than 0: drop it from the list too.
		next = slices.DeleteFunc(next, func(c Candidate) bool { return c.ID == sep && sep != 0 })
	}
	return append([]int32(nil), g.Window(ctx)...), next[:min(k, len(next))], unknown
}
