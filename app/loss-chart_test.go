package app

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// legendBottom is the lowest the chart's legend reaches: its baseline (y 20) and the descent of
// its 12-unit text.
const legendBottom = 24.0

// The plot stays below the legend: a trial's rising validation loss put its newest dot, at the
// top right, on the legend's words.
func TestLossChartKeepsThePlotBelowTheLegend(t *testing.T) {
	losses := []float32{6, 5, 4, 3, 2.5, 2, 1.8, 1.6}
	val := []float64{5.9, 6.4, 7.8, 9.3} // rising to the chart's top at the last epoch, on the right
	p := plotIn(wideChart, losses, val, 2, nil)
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

// TestChartTextStaysReadableWhenNarrow: an SVG scales its text with its viewBox, and a trial at
// 400 px read the charts' 12-unit labels about 6 px high. The viewBox follows the chart's width
// on the page, so that its text is 10 px or more on screen from a 320 px phone up, and the
// placeholder's words, which SVG does not wrap, are cut into lines that fit.
func TestChartTextStaysReadableWhenNarrow(t *testing.T) {
	for _, px := range []float64{250, 286, 326, 400, 600, 720, 1100} {
		sz := fitChart(px)
		if on := 12 * px / sz.w; on < 10 || sz.w > chartW || sz.h > chartH || sz.h < minChartH {
			t.Errorf("a chart %g px wide gets viewBox %gx%g: its 12-unit text is %.1f px on screen; want 10 or more", px, sz.w, sz.h, on)
		}
	}
	if sz := fitChart(0); sz != wideChart {
		t.Errorf("a chart not measured gets %v; want %v", sz, wideChart)
	}
	narrow := fitChart(326) // the charts' width on a 400 px screen
	for _, c := range []app.UI{&QALossChart{size: narrow}, &LossChart{size: narrow}} {
		c := app.HTMLString(c)
		if want := `viewBox="0 0 320 170"`; !strings.Contains(c, want) {
			t.Errorf("the narrow chart lacks %s: %s", want, c)
		}
		for _, line := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(c, -1) {
			if n := utf8.RuneCountInString(html.UnescapeString(line[1])); float64(n)*chartGlyph > narrow.w-16 {
				t.Errorf("the placeholder's line %q (%d runes) is wider than the chart (%g units)", line[1], n, narrow.w)
			}
		}
	}
	// With losses, the labels stay inside the narrow chart: the legend ends at its right edge.
	c := app.HTMLString(&LossChart{size: narrow, Losses: []float32{3, 2.5, 2}, Batches: 3})
	if want := `x="312"`; !strings.Contains(c, want) || !strings.Contains(c, `text-anchor="end"`) {
		t.Errorf("the narrow chart's legend is not anchored at its right edge (%s): %s", want, c)
	}
}
