package app

import (
	"strings"
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

// Once the held-out loss has levelled off far above its lowest, the chart still says the model
// has learned the text by heart: a trial found the note gone at the end of a run whose held-out
// loss had gone from 4.70 to 7.76, since it no longer rose at each check.
func TestPastItsBest(t *testing.T) {
	falling := []float32{5, 5, 4, 4, 3, 3, 2, 2, 1, 1} // two batches a check, five checks
	for _, c := range []struct {
		name   string
		losses []float32
		val    []float64
		want   bool
	}{
		{"levelled off far above its lowest", falling, []float64{5.0, 4.7, 6.9, 7.8, 7.76}, true},
		{"rising still", falling, []float64{5.0, 4.7, 4.8, 5.0, 5.2}, true},
		{"within the margin of its lowest", falling, []float64{5.0, 4.7, 4.8, 4.9, 4.9}, false},
		{"the latest is the lowest", falling, []float64{5.0, 4.9, 4.8, 4.7, 4.6}, false},
		{"training rose since the lowest", []float32{5, 5, 1, 1, 3, 3, 4, 4, 5, 5}, []float64{5.0, 4.7, 6.9, 7.8, 7.76}, false},
		{"one check", falling[:2], []float64{5.0}, false},
		{"fewer batches than the checks need", falling[:5], []float64{5.0, 4.7, 6.9}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			best, latest, got := pastBest(c.losses, c.val, 2)
			if got != c.want || got && (best != 4.7 || latest != c.val[len(c.val)-1]) {
				t.Errorf("got %v (%v, %v); want %v", got, best, latest, c.want)
			}
		})
	}
	chart := &LossChart{Losses: falling, Val: []float64{5.0, 4.7, 6.9, 7.8, 7.76}, Batches: 2}
	if html := app.HTMLString(chart); !strings.Contains(html, "is 7.760, up from its lowest, 4.700") {
		t.Errorf("the chart does not say how far past its best the model is:\n%s", html)
	}
}
