package app

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestOverfitting(t *testing.T) {
	falling := []float32{5, 5, 4, 4, 3, 3, 2, 2} // two batches a check, four checks
	for _, c := range []struct {
		name   string
		losses []float32
		val    []float64
		want   bool
	}{
		{"validation rises twice while training falls", falling, []float64{4.5, 4.4, 4.6, 4.7}, true},
		{"it rose once only", falling, []float64{4.5, 4.4, 4.3, 4.7}, false},
		{"it fell again", falling, []float64{4.5, 4.6, 4.7, 4.6}, false},
		{"training rose too", []float32{5, 5, 4, 4, 4, 5, 2, 2}, []float64{4.5, 4.4, 4.6, 4.7}, false},
		{"too few checks", falling[:4], []float64{4.5, 4.6}, false},
		{"fewer batches than the checks need", falling[:5], []float64{4.5, 4.6, 4.7}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := overfitting(c.losses, c.val, 2); got != c.want {
				t.Errorf("got %v; want %v", got, c.want)
			}
		})
	}
}

func TestLossChartSaysWhenTheModelOverfits(t *testing.T) {
	c := &LossChart{Losses: []float32{5, 5, 4, 4, 3, 3}, Val: []float64{4.5, 4.6, 4.7}, Batches: 2}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 1), app.P().ID("overfit").Class("overfit"))
}
