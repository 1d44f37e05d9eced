package lm

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBatchWindowLogitsAreEachWindowsLogits(t *testing.T) {
	for _, cl := range cellLayers() {
		t.Run(cl.name, func(t *testing.T) {
			net, _, tok := smallSetup(t, func(c *Config) { c.Cell, c.Layers = cl.cell, cl.layers })
			g := NewGenerator(net, tok)
			ctxs := [][]int32{}
			for _, p := range []string{"the fox saw", "the tortoise won the race", "sour grapes", "he never stopped ."} {
				ids, _ := g.Context(p)
				ctxs = append(ctxs, ids[len(ids)-net.Cfg.SeqLen:])
			}
			batch := append([]float32(nil), g.BatchWindowLogits(ctxs)...)
			for r, ctx := range ctxs {
				want := g.WindowLogits(ctx)
				for j, w := range want {
					if d := math.Abs(float64(batch[r*net.V+j] - w)); d > 1e-5*(1+math.Abs(float64(w))) {
						t.Fatalf("context %d, id %d: batched %v, alone %v", r, j, batch[r*net.V+j], w)
					}
				}
			}
		})
	}
}

func TestEpochSamplesAreBatchedAndReproducible(t *testing.T) {
	net, _, tok := smallSetup(t, nil)
	g := NewGenerator(net, tok)
	a := EpochSamples(g, "", 15, rand.New(rand.NewPCG(3, 4)))
	b := EpochSamples(g, "", 15, rand.New(rand.NewPCG(3, 4)))
	if len(a) != 4 {
		t.Fatalf("%d samples", len(a))
	}
	for i := range a {
		if a[i] != b[i] || a[i].Text == "" {
			t.Errorf("temperature %g: %q then %q", a[i].Temperature, a[i].Text, b[i].Text)
		}
	}
	// A story that ends early ends alone: the others keep writing.
	opts := []GenOptions{{SampleOptions: SampleOptions{Temperature: 1, TopP: 1}, N: 3}, {SampleOptions: SampleOptions{Temperature: 1, TopP: 1}, N: 12, IgnoreSeparator: true}}
	res := g.GenerateBatch("the fox", opts, rand.New(rand.NewPCG(1, 1)))
	if len(res[0].IDs) > 3 || len(res[1].IDs) != 12 {
		t.Errorf("lengths %d (at most 3) and %d (12)", len(res[0].IDs), len(res[1].IDs))
	}
}
