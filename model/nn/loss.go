package nn

import "math"

// expShift replaces row with exp(row - max(row)) and returns that maximum and the sum, so that
// exp never overflows; softmax and the loss then scale the row.
func expShift(row []float32) (m float32, sum float64) {
	m = DefaultVector.Max(row)
	return m, DefaultVector.ExpSub(row, m)
}

// Softmax turns each row of logits (R, V) into probabilities in place.
func Softmax(logits []float32, R, V int) {
	for r := range R {
		row := logits[r*V : (r+1)*V]
		_, s := expShift(row)
		DefaultVector.Scale(row, float32(1/s))
	}
}

// SoftmaxCrossEntropy is Keras' sparse categorical cross-entropy on logits: it turns logits
// (R, V) in place into the gradient of the cross-entropy summed and divided by denom
// ((p - onehot(y)) / denom), and returns the mean loss of the R rows. denom is R for the mean over
// these rows; a share of a batch divides by the batch's targets instead, so that the shares'
// gradients add up to the batch's without another pass over them. Log-probabilities are taken as
// z - m - log Σ so that a tiny probability gives a large finite loss, not -log 0.
func SoftmaxCrossEntropy(logits []float32, y []int32, R, V, denom int) float64 {
	return SoftmaxCrossEntropySum(logits, y, R, V, denom, 0) / float64(R)
}

// SoftmaxCrossEntropySum is SoftmaxCrossEntropy that returns from plus the R rows' losses, added
// one row at a time to from: so rows taken in pieces, each piece's call given the last one's
// result, sum to the bits one call over all of them gives (validation in pieces, evalBatch).
func SoftmaxCrossEntropySum(logits []float32, y []int32, R, V, denom int, from float64) float64 {
	loss := from
	inv := float32(1) / float32(denom)
	for r := range R {
		row := logits[r*V : (r+1)*V]
		target := int(y[r])
		zt := row[target]
		m, s := expShift(row)
		loss -= float64(zt-m) - math.Log(s)
		DefaultVector.Scale(row, float32(1/s)*inv)
		row[target] -= inv
	}
	return loss
}
