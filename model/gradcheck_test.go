package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// tinyNet is a model small enough for finite differences: every parameter is checked.
func tinyNet(t *testing.T, layers int, loss LossMode, dropout float32) (*Net, *batchWork) {
	t.Helper()
	cfg := BookConfig()
	cfg.Embed, cfg.Units, cfg.Layers, cfg.SeqLen, cfg.Loss, cfg.Dropout = 3, 4, layers, 5, loss, dropout
	n, err := NewNet(cfg, 7)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	// Larger weights than the initialisers give, so that every gate works away from its
	// linear region and a wrong derivative shows.
	for i := range n.P.Data {
		n.P.Data[i] = float32(rng.NormFloat64() * 0.5)
	}
	w := n.newBatchWork(3, cfg.SeqLen, loss)
	for i := range w.x {
		w.x[i] = int32(1 + rng.IntN(6))
	}
	for i := range w.y {
		w.y[i] = int32(1 + rng.IntN(6))
	}
	return n, w
}

// gradError compares backward's gradient with central differences over every parameter and
// returns the largest relative error ‖g - ĝ‖ / (‖g‖ + ‖ĝ‖) per tensor.
func gradError(n *Net, w *batchWork, dropout bool) map[string]float64 {
	rngFor := func() *rand.Rand {
		if !dropout {
			return nil
		}
		return rand.New(rand.NewPCG(9, 9)) // the same mask on every evaluation
	}
	lossAt := func() float64 {
		n.forward(w, rngFor())
		return softmaxCrossEntropy(w.logits, w.y, w.R, n.V, w.R)
	}
	n.P.ZeroGrad()
	n.trainStep(w, rngFor(), w.B)
	errs := map[string]float64{}
	const eps = 1e-2
	for _, ts := range n.P.Tensors {
		var diff, na, nn float64
		data, grad := n.P.W(ts), n.P.G(ts)
		for i := range data {
			orig := data[i]
			data[i] = orig + eps
			lp := lossAt()
			data[i] = orig - eps
			lm := lossAt()
			data[i] = orig
			// The perturbation as float32 actually applied, not eps itself.
			h := float64(orig+eps) - float64(orig-eps)
			fd := (lp - lm) / h
			g := float64(grad[i])
			diff += (g - fd) * (g - fd)
			na += g * g
			nn += fd * fd
		}
		if na+nn == 0 {
			errs[ts.Name] = 0
			continue
		}
		errs[ts.Name] = math.Sqrt(diff) / (math.Sqrt(na) + math.Sqrt(nn))
	}
	return errs
}

const gradTol = 2e-3

func TestGradientsWholeModel(t *testing.T) {
	for _, layers := range []int{1, 2} {
		for _, loss := range []LossMode{LossLast, LossEvery} {
			for _, p := range []float32{0, 0.3} {
				t.Run(fmt.Sprintf("layers=%d/loss=%s/dropout=%g", layers, loss, p), func(t *testing.T) {
					n, w := tinyNet(t, layers, loss, p)
					for name, e := range gradError(n, w, p > 0) {
						if e > gradTol {
							t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, gradTol)
						} else {
							t.Logf("%s: %.2e", name, e)
						}
					}
				})
			}
		}
	}
}

// TestGradientCheckCatchesFaults breaks each gate's derivative and the recurrent path in turn and
// requires the check to see it: a check too loose to fail proves nothing.
func TestGradientCheckCatchesFaults(t *testing.T) {
	faults := map[lstmFault]string{lstmFaultGateI: "input gate", lstmFaultGateF: "forget gate",
		lstmFaultGateC: "cell gate", lstmFaultGateO: "output gate", lstmFaultRecurrent: "recurrent path"}
	for fault, name := range faults {
		for _, loss := range []LossMode{LossLast, LossEvery} {
			n, w := tinyNet(t, 1, loss, 0)
			n.fault = fault
			worst := 0.0
			for _, e := range gradError(n, w, false) {
				worst = max(worst, e)
			}
			if worst <= gradTol {
				t.Errorf("%s broken, loss %s: worst error %.2e passes the %.0e tolerance", name, loss, worst, gradTol)
			} else {
				t.Logf("%s broken, loss %s: worst error %.2e", name, loss, worst)
			}
		}
	}
}
