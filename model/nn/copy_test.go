package nn

import (
	"math"
	"testing"
)

// A batch of B=3 sources of S=4 extended ids over a vocabulary of V=5, with words 5 and 6 only in
// the sources and word 2 twice in source 0, and T=2 decoder steps of targets: in the vocabulary
// and the source, in the vocabulary only, in the source only, and no target (padding).
const copyV, copyS, copyB, copyT = 5, 4, 3, 2

var (
	copySrc = []int32{ // (S·B), time-major
		2, 1, 6,
		5, 3, 0,
		2, 4, 6,
		0, 3, 1,
	}
	copyY = []int32{2, 0, 6, 5, 3, -1} // (T·B)
)

// copyInputs makes logits, gate logits and positive attention weights as parameters.
func copyInputs() (p *Params, logits, gen, weights Tensor) {
	R := copyT * copyB
	p = &Params{}
	logits = p.Add("logits", R, copyV)
	gen = p.Add("gen", R)
	weights = p.Add("weights", R, copyS)
	p.Alloc()
	randomize(p, 0)
	for i, v := range p.W(weights) {
		p.W(weights)[i] = float32(math.Abs(float64(v))) + 0.1
	}
	return p, logits, gen, weights
}

func TestCopyLossGradients(t *testing.T) {
	R := copyT * copyB
	p, logits, gen, weights := copyInputs()
	scratchL, scratchG, scratchW := make([]float32, R*copyV), make([]float32, R), make([]float32, R*copyS)
	loss := func() float64 {
		copy(scratchL, p.W(logits))
		copy(scratchG, p.W(gen))
		l, n := CopyLoss(scratchL, scratchG, p.W(weights), scratchW, copySrc, copyY, R, copyV, copyS, copyB, R)
		return l * float64(n) / float64(R) // the sum over rows divided by denom, as the gradients are
	}
	copy(p.G(logits), p.W(logits))
	copy(p.G(gen), p.W(gen))
	if _, n := CopyLoss(p.G(logits), p.G(gen), p.W(weights), p.G(weights), copySrc, copyY, R, copyV, copyS, copyB, R); n != R-1 {
		t.Fatalf("%d rows counted; want %d (one row has no target)", n, R-1)
	}
	checkTensors(t, GradCheck(p, 1e-3, loss))
}

// TestCopyLossIsTheMixture checks each row's loss against −log of CopyDistribution at its target,
// and that the distribution sums to one over the extended vocabulary when the weights do.
func TestCopyLossIsTheMixture(t *testing.T) {
	R, Vext := copyT*copyB, 7
	p, logits, gen, weights := copyInputs()
	w := p.W(weights)
	for r := range R { // weights that sum to one, as attention's do
		var s float32
		for i := range copyS {
			s += w[r*copyS+i]
		}
		for i := range copyS {
			w[r*copyS+i] /= s
		}
	}
	for r := range R {
		if copyY[r] < 0 {
			continue
		}
		probs := append([]float32(nil), p.W(logits)[r*copyV:(r+1)*copyV]...)
		Softmax(probs, 1, copyV)
		src := make([]int32, copyS)
		for i := range copyS {
			src[i] = copySrc[i*copyB+r%copyB]
		}
		dist := make([]float32, Vext)
		CopyDistribution(dist, probs, p.W(gen)[r], w[r*copyS:(r+1)*copyS], src)
		var sum float64
		for _, q := range dist {
			sum += float64(q)
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Errorf("row %d: distribution sums to %g; want 1", r, sum)
		}
		l := append([]float32(nil), p.W(logits)[r*copyV:(r+1)*copyV]...)
		g := []float32{p.W(gen)[r]}
		one := make([]float32, copyS)
		// One row alone: B=1, its own source.
		got, _ := CopyLoss(l, g, w[r*copyS:(r+1)*copyS], one, src, copyY[r:r+1], 1, copyV, copyS, 1, 1)
		if want := -math.Log(float64(dist[copyY[r]])); math.Abs(got-want) > 1e-5 {
			t.Errorf("row %d target %d: loss %g; want −log P = %g", r, copyY[r], got, want)
		}
	}
}
