package lm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"fabulist/model/nn"
)

// tinyNet is a model small enough for finite differences: every parameter is checked.
func tinyNet(t *testing.T, cell Cell, layers int, loss LossMode, dropout, inputDropout float32) (*Net, *batchWork) {
	t.Helper()
	cfg := BookConfig()
	cfg.Embed, cfg.Units, cfg.Layers, cfg.SeqLen, cfg.Loss, cfg.Dropout = 3, 4, layers, 5, loss, dropout
	cfg.InputDropout = inputDropout
	cfg.Cell = cell
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

// cells are every cell, for tests that run each.
var cells = []Cell{CellLSTM, CellGRU, CellSimple}

// TestGradientsWholeModel checks backward's gradient of every tensor of the whole network, with
// each cell, against central differences (nn.GradCheck; model/nn checks each layer alone, and
// that a broken gate fails the check).
func TestGradientsWholeModel(t *testing.T) {
	for _, cell := range cells {
		t.Run(string(cell), func(t *testing.T) { testGradientsWholeModel(t, cell) })
	}
}

func testGradientsWholeModel(t *testing.T, cell Cell) {
	const tol = 2e-3
	for _, layers := range []int{1, 2} {
		for _, loss := range []LossMode{LossLast, LossEvery} {
			for _, d := range [][2]float32{{0, 0}, {0.3, 0}, {0.3, 0.4}} {
				p, q := d[0], d[1]
				t.Run(fmt.Sprintf("layers=%d/loss=%s/dropout=%g/input_dropout=%g", layers, loss, p, q), func(t *testing.T) {
					n, w := tinyNet(t, cell, layers, loss, p, q)
					rngFor := func() *rand.Rand {
						if p == 0 && q == 0 {
							return nil
						}
						return rand.New(rand.NewPCG(9, 9)) // the same mask on every evaluation
					}
					n.P.ZeroGrad()
					n.trainStep(w, rngFor(), w.B)
					errs := nn.GradCheck(&n.P, 1e-2, func() float64 {
						n.forward(w, rngFor())
						return nn.SoftmaxCrossEntropy(w.logits, w.y, w.R, n.V, w.R)
					})
					for name, e := range errs {
						if e > tol {
							t.Errorf("%s: relative gradient error %.2e > %.0e", name, e, tol)
						} else {
							t.Logf("%s: %.2e", name, e)
						}
					}
				})
			}
		}
	}
}
