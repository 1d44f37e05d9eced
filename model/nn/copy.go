package nn

import "math"

// The pointer-generator's copy mechanism (See et al. 2017, "Get To The Point"): at each decoder
// step, a gate p_gen = σ(g) mixes the vocabulary's softmax with the attention weights over the
// source, so that a word of the passage can be written even when the vocabulary lacks it:
//
//	P(w) = p_gen·softmax(logits)[w] + (1 − p_gen)·Σ_{i: src_i = w} α_i
//
// Words are ids of an extended vocabulary: [0, V) the model's own, [V, V_ext) the source's words
// outside it, numbered per batch. Rows are time-major decoder steps (R = T·B); row r belongs to
// sequence r mod B, whose source ids are src[i·B + r mod B] for i in [0, S).

// minCopyProb bounds P(target) from below in the loss, so that a target neither generated nor
// found in the source costs a large finite loss instead of −log 0.
const minCopyProb = 1e-20

// CopyLoss is the pointer-generator's loss: the cross-entropy −log P(y) of each row's target y
// (R; y < 0 marks a row with no target, e.g. the decoder's padding). It turns logits (R, V) in
// place into their gradient and gen (R), the gate's logits g, into theirs, and writes the
// attention weights' gradient into dWeights (R, S); weights (R, S) are the attention's α. Every
// gradient is of the loss summed over the rows and divided by denom. It returns the mean loss
// over the rows that have a target (nats/token), and their number.
func CopyLoss(logits, gen, weights, dWeights []float32, src, y []int32, R, V, S, B, denom int) (float64, int) {
	var loss float64
	n := 0
	inv := 1 / float64(denom)
	for r := range R {
		row, w, dw := logits[r*V:(r+1)*V], weights[r*S:(r+1)*S], dWeights[r*S:(r+1)*S]
		clear(dw)
		target := int(y[r])
		if target < 0 {
			clear(row)
			gen[r] = 0
			continue
		}
		_, s := expShift(row)
		DefaultVector.Scale(row, float32(1/s)) // the vocabulary's probabilities
		var pv float64
		if target < V {
			pv = float64(row[target])
		}
		var copied float64
		b := r % B
		for i := range S {
			if int(src[i*B+b]) == target {
				copied += float64(w[i])
			}
		}
		p := 1 / (1 + math.Exp(-float64(gen[r])))
		P := max(p*pv+(1-p)*copied, minCopyProb)
		loss -= math.Log(P)
		n++
		// dL/dP = −1/P. Through the vocabulary: dz_j = −(p/P)·pv·(δ_jy − softmax_j).
		scale := p * pv / P * inv
		for j := range row {
			row[j] = float32(float64(row[j]) * scale)
		}
		if target < V {
			row[target] -= float32(scale)
		}
		gen[r] = float32(-(pv - copied) * p * (1 - p) / P * inv)
		for i := range S {
			if int(src[i*B+b]) == target {
				dw[i] = float32(-(1 - p) / P * inv)
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return loss / float64(n), n
}

// CopyDistribution writes into dst (V_ext) one step's distribution over the extended vocabulary:
// probs (V) is the vocabulary's softmax, gen the gate's logit, weights (S) the attention over the
// source and src (S) its extended ids. It is what beam search ranks.
func CopyDistribution(dst, probs []float32, gen float32, weights []float32, src []int32) {
	p := float32(1 / (1 + math.Exp(-float64(gen))))
	clear(dst)
	for j, q := range probs {
		dst[j] = p * q
	}
	for i, w := range weights {
		dst[src[i]] += (1 - p) * w
	}
}
