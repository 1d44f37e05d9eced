package app

import (
	"strconv"
	"strings"
	"testing"
)

// legendBottom is the lowest the chart's legend reaches: its baseline (y 20) and the descent of
// its 12-unit text.
const legendBottom = 24.0

// The plot stays below the legend: a trial's rising validation loss put its newest dot, at the
// top right, on the legend's words.
func TestLossChartKeepsThePlotBelowTheLegend(t *testing.T) {
	losses := []float32{6, 5, 4, 3, 2.5, 2, 1.8, 1.6}
	val := []float64{5.9, 6.4, 7.8, 9.3} // rising to the chart's top at the last epoch, on the right
	p := plotChecked(losses, val, 2, nil)
	for _, v := range p.val {
		if v.y < legendBottom {
			t.Errorf("epoch %d's validation dot at y %.1f, on the legend (which reaches %g)", v.epoch, v.y, legendBottom)
		}
	}
	for _, xy := range strings.Fields(p.line) {
		_, ys, _ := strings.Cut(xy, ",")
		if y, err := strconv.ParseFloat(ys, 64); err != nil || y < legendBottom {
			t.Errorf("the training line's point %s is on the legend (which reaches %g)", xy, legendBottom)
		}
	}
}
