package inlink

import (
	"math"
	"slices"

	"fabulist/model/lm"
	"fabulist/model/nn"
)

// TopK is how many of the float32 model's most likely next tokens Error compares.
const TopK = 10

// HeldOut returns up to n windows of net's seq_length tokens, spread evenly over the last 10 %
// of text's token stream (tokenized with tok, as lm.Tokenize does): the part validation holds
// out, which the model did not train on. Nil when that part is shorter than a window.
func HeldOut(text string, cfg lm.Config, tok *lm.Tokenizer, n int) [][]int32 {
	_, ids := lm.Tokenize(text, cfg, tok)
	held := ids[len(ids)*9/10:]
	T := cfg.SeqLen
	if len(held) < T || n <= 0 {
		return nil
	}
	starts := len(held) - T + 1
	n = min(n, starts)
	out := make([][]int32, n)
	for i := range n {
		s := i * starts / n
		out[i] = held[s : s+T]
	}
	return out
}

// Error is the quantisation error of scheme s on net: over the windows, the largest difference,
// in probability (0 to 1), between the float32 model's next-token probabilities of its TopK most
// likely tokens and those of the model a link of scheme s gives the receiver. It fails as
// Quantised does; with no windows it is 0.
func Error(net *lm.Net, tok *lm.Tokenizer, s Scheme, windows [][]int32) (float64, error) {
	q, err := Quantised(s, net.P.Tensors, net.P.Data)
	if err != nil {
		return 0, err
	}
	ref, got := lm.NewGenerator(net, tok), lm.NewGenerator(net.WithWeights(q), tok)
	V := net.V
	const batch = 64
	worst := 0.0
	for len(windows) > 0 {
		b := windows[:min(batch, len(windows))]
		windows = windows[len(b):]
		p := slices.Clone(ref.BatchWindowLogits(b))
		r := slices.Clone(got.BatchWindowLogits(b))
		nn.Softmax(p, len(b), V)
		nn.Softmax(r, len(b), V)
		for i := range b {
			row, qrow := p[i*V:(i+1)*V], r[i*V:(i+1)*V]
			for _, c := range lm.TopN(row, min(TopK, V-1), tok) {
				worst = max(worst, math.Abs(float64(row[c.ID])-float64(qrow[c.ID])))
			}
		}
	}
	return worst, nil
}
