package qa

import "fabulist/model/nn"

// tagLoss is the tagger's loss on a batch's real passage tokens only, and its gradient: the
// buffers and the step both architectures share.
type tagLoss struct {
	real    []int     // indices of real passage tokens
	tagRows []float32 // (len(real), 2)
	tagY    []int32   // (len(real))
	dTag    []float32 // (S·B, 2): the logits' gradient, zero at padding
}

func newTagLoss(S, B int) tagLoss {
	return tagLoss{tagRows: make([]float32, S*B*2), tagY: make([]int32, S*B), dTag: make([]float32, S*B*2)}
}

// loss is the softmax cross-entropy of logits (S·B, 2) against bt.Tags on bt's real tokens,
// summed and divided by denom (0: their count), in nats/token; it leaves the logits' gradient
// in t.dTag.
func (t *tagLoss) loss(logits []float32, bt *Batch, denom int) float64 {
	t.real = t.real[:0]
	for r, ok := range bt.Mask {
		if ok {
			t.real = append(t.real, r)
		}
	}
	N := len(t.real)
	for k, r := range t.real {
		copy(t.tagRows[k*2:k*2+2], logits[r*2:r*2+2])
		t.tagY[k] = bt.Tags[r]
	}
	clear(t.dTag)
	if N == 0 {
		return 0
	}
	if denom == 0 {
		denom = N
	}
	l := nn.SoftmaxCrossEntropy(t.tagRows[:2*N], t.tagY[:N], N, 2, denom)
	for k, r := range t.real {
		copy(t.dTag[r*2:r*2+2], t.tagRows[k*2:k*2+2])
	}
	return l
}
