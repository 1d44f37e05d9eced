package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// LossChart draws the training loss per batch (smoothed) and the validation loss per epoch as an
// SVG, scaled to the losses seen so far.
//
// The SVG is made of go-app elements rather than one raw string: a progress message then changes
// a few attributes of the chart on the page (the line's points, the scale's labels) instead of
// parsing and laying out a new chart, and dropping the old one, twice a second. go-app sets a
// class through className, which SVG elements do not take, so the stylesheet finds the chart's
// parts by tag.
type LossChart struct {
	app.Compo
	Losses  []float32 // every batch
	Val     []float64 // every epoch
	Batches int       // per epoch, to place the epoch marks
	// Checks are the validation checks (lm.Config.ValChecks); the chart marks the best, whose
	// weights write unless the user picks the latest.
	Checks []lm.Check

	size chartSize // the viewBox, fitted to the chart's width on the page (fitChart)
}

// chartSize is a chart's viewBox, in SVG user units; the zero value is wideChart.
type chartSize struct{ w, h float64 }

// wideChart is the viewBox of a chart 600 px wide or more, and of one not yet measured.
var wideChart = chartSize{chartW, chartH}

// or is s, or wideChart when s is the zero value.
func (s chartSize) or() chartSize {
	if s.w <= 0 || s.h <= 0 {
		return wideChart
	}
	return s
}

// viewBox is s as the SVG attribute.
func (s chartSize) viewBox() string { return fmt.Sprintf("0 0 %g %g", s.w, s.h) }

// fitChart is the viewBox for a chart px CSS pixels wide. An SVG scales its text with its
// viewBox, so a 600-unit-wide chart 326 px wide (a 400 px screen) drew its 12-unit text 6.5 px
// high, which nobody could read. The viewBox is as wide as the chart on the page, from
// minChartW to chartW units in steps of 20 (a resize by a few pixels redraws nothing), so the text
// is about 12 px high and never under 10 px on a screen 320 px wide or more; it is shorter when
// narrow, so that the chart does not stand twice as tall as at 1280 px. px 0 (not measured) is
// wideChart.
func fitChart(px float64) chartSize {
	if px <= 0 {
		return wideChart
	}
	w := math.Min(math.Max(math.Round(px/20)*20, minChartW), chartW)
	return chartSize{w, math.Min(math.Max(w*chartH/chartW, minChartH), chartH)}
}

// measureChart is the viewBox that fits the chart whose SVG has id, as the page lays it out now.
func measureChart(id string) chartSize {
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return wideChart
	}
	return fitChart(el.Call("getBoundingClientRect").Get("width").Float())
}

// fitChartIn sets *size, a chart component's viewBox, to fit the chart whose SVG has id, when it
// does not already.
func fitChartIn(ctx app.Context, id string, size *chartSize) {
	if sz := measureChart(id); sz != size.or() {
		ctx.Dispatch(func(app.Context) { *size = sz })
	}
}

// OnMount and OnResize fit the chart's viewBox to its width (fitChart).
func (c *LossChart) OnMount(ctx app.Context)  { fitChartIn(ctx, "loss-chart", &c.size) }
func (c *LossChart) OnResize(ctx app.Context) { fitChartIn(ctx, "loss-chart", &c.size) }

const (
	chartW, chartH = 600.0, 220.0
	// minChartW and minChartH are the smallest viewBox a narrow chart takes (fitChart).
	minChartW, minChartH = 300.0, 170.0
	chartPad             = 36.0
	// chartTop is where the plot starts, below the legend's band: a rising validation loss put its
	// newest dot on the legend (a new user's trial).
	chartTop       = 28.0
	maxChartPoints = 400 // more batches than this are averaged into buckets
	svgNS          = "http://www.w3.org/2000/svg"
)

// lossPlot is a chart's geometry in SVG user units.
type lossPlot struct {
	points  int    // training points drawn
	line    string // the polyline's points: "x,y x,y …"
	batches int    // batches drawn
	hi, lo  float64
	yHi     float64 // where the labels of hi and lo sit
	yLo     float64
	val     []valMark
	best    *valMark // the best validation check, at its batch; nil without checks
	sz      chartSize
}

// valMark is an epoch's validation loss on the chart.
type valMark struct {
	x, y, loss float64
	epoch      int
	batch      int // of a check: batches trained when it was measured
}

func svgElem(tag string) app.HTMLElem { return app.Elem(tag).XMLNS(svgNS) }

func (c *LossChart) Render() app.UI {
	sz := c.size.or()
	p := plotIn(sz, c.Losses, c.Val, c.Batches, c.Checks)
	// data-val holds the validation losses exactly, for tests and for anyone reading the page.
	val := make([]string, len(c.Val))
	for i, v := range c.Val {
		val[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	svg := svgElem("svg").ID("loss-chart").Attr("viewBox", sz.viewBox()).Attr("role", "img").
		Aria("label", "loss chart").DataSet("points", p.points).DataSet("val-points", len(c.Val)).DataSet("val", strings.Join(val, " "))
	if p.points == 0 {
		return emptyChart("chart", svg, sz, "The loss appears here while training.")
	}
	return app.Div().Class("chart").Body(svg.Body(
		chartAxis(sz),
		scaleLabel(4, p.yHi, p.hi),
		scaleLabel(4, p.yLo, p.lo),
		batchesLabel(p),
		svgElem("polyline").Attr("points", p.line),
		svgElem("text").Attr("x", num(sz.w-8)).Attr("y", 20).Attr("text-anchor", "end").Text("— training (smoothed)  ● validation"),
		valMarks(p, "validation loss"),
		bestMark(p.best),
	), c.overfitNote())
}

// overfitNote is the chart's note on overfitting: rising now (overfitting), or past its best by
// far (pastBest); nil when neither.
func (c *LossChart) overfitNote() app.UI {
	if overfitting(c.Losses, c.Val, c.Batches) {
		return overfitNote()
	}
	if best, latest, ok := pastBest(c.Losses, c.Val, c.Batches); ok {
		return pastBestNote(best, latest)
	}
	return nil
}

// emptyChart is a chart before its first batch: svg, of size sz, with what will appear in it,
// in lines that fit its width (SVG text does not wrap).
func emptyChart(class string, svg app.HTMLElem, sz chartSize, msg string) app.UI {
	lines := wrapWords(msg, int((sz.w-16)/chartGlyph))
	texts := make([]app.UI, len(lines))
	for i, l := range lines {
		y := sz.h/2 + (float64(i)-float64(len(lines)-1)/2)*chartLine
		texts[i] = svgElem("text").Attr("x", num(sz.w/2)).Attr("y", num(y)).Attr("text-anchor", "middle").Text(l)
	}
	return app.Div().Class(class).Body(svg.Body(texts...))
}

// chartGlyph is the widest a 12-unit character of the chart's text is on average, in user units
// (a sans-serif's lower case and spaces, with room to spare); chartLine is a line's height.
const chartGlyph, chartLine = 7.0, 16.0

// wrapWords cuts s at spaces into lines of at most most runes (a word longer than that is a
// line of its own).
func wrapWords(s string, most int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= most:
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	return append(lines, line)
}

// chartAxis is the batch axis of a chart of size sz.
func chartAxis(sz chartSize) app.UI {
	return svgElem("line").Attr("x1", num(chartPad)).Attr("y1", num(sz.h-chartPad)).Attr("x2", num(sz.w-8)).Attr("y2", num(sz.h-chartPad))
}

// scaleLabel writes the loss v at x, level with y where it is plotted: a scale's high or low end.
func scaleLabel(x, y, v float64) app.UI {
	return svgElem("text").Attr("x", num(x)).Attr("y", f1(y)).Text(fmt.Sprintf("%.2f", v))
}

// batchesLabel names the batch axis with the batches plotted.
func batchesLabel(p lossPlot) app.UI {
	return svgElem("text").Attr("x", num(p.sz.w/2)).Attr("y", num(p.sz.h-10)).Attr("text-anchor", "middle").Text(fmt.Sprintf("batches (%d)", p.batches))
}

// valMarks are p's validation losses, each a circle titled "epoch N: <what> L". They come in a
// group of their own, after the lines, so that a new epoch's mark is one element added rather
// than every element after it replaced.
func valMarks(p lossPlot, what string) app.UI {
	marks := make([]app.UI, len(p.val))
	for i, m := range p.val {
		marks[i] = svgElem("circle").Attr("cx", f1(m.x)).Attr("cy", f1(m.y)).Attr("r", 4).Body(
			svgElem("title").Text(fmt.Sprintf("epoch %d: %s %.3f", m.epoch, what, m.loss)))
	}
	return svgElem("g").Body(marks...)
}

// f1 formats a coordinate to a tenth of a unit; num formats a constant one as briefly as it can
// (go-app writes a float64 attribute with four decimals).
func f1(v float64) string  { return strconv.FormatFloat(v, 'f', 1, 64) }
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// plotIn scales the smoothed batch losses and the epochs' validation losses to a chart of size
// sz, with the best of the validation checks (nil: none) placed at its batch.
func plotIn(sz chartSize, losses []float32, val []float64, batchesPerEpoch int, checks []lm.Check) lossPlot {
	pts := smooth(losses)
	p := lossPlot{points: len(pts), batches: len(losses), sz: sz}
	if len(pts) == 0 {
		return p
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range pts {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	for _, v := range val {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	bi := bestCheck(checks)
	if bi >= 0 {
		v := checks[bi].ValLoss
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi-lo < 1e-6 {
		hi = lo + 1
	}
	n := len(losses)
	x := func(batch float64) float64 { return chartPad + (sz.w-chartPad-8)*batch/math.Max(float64(n), 1) }
	y := func(v float64) float64 { return chartTop + (sz.h-chartPad-chartTop)*(hi-v)/(hi-lo) }
	p.hi, p.lo, p.yHi, p.yLo = hi, lo, y(hi)+4, y(lo)
	b := make([]byte, 0, len(pts)*12)
	for i, v := range pts {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendFloat(b, x((float64(i)+0.5)*float64(n)/float64(len(pts))), 'f', 1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, y(v), 'f', 1, 64)
	}
	p.line = string(b)
	for e, v := range val {
		// An epoch's validation loss sits at the end of its batches.
		bx := float64(n)
		if batchesPerEpoch > 0 {
			bx = math.Min(float64((e+1)*batchesPerEpoch), float64(n))
		}
		p.val = append(p.val, valMark{x: x(bx), y: y(v), loss: v, epoch: e + 1})
	}
	if bi >= 0 {
		c := checks[bi]
		p.best = &valMark{x: x(math.Min(float64(c.Batch), float64(n))), y: y(c.ValLoss), loss: c.ValLoss, epoch: c.Epoch, batch: c.Batch}
	}
	return p
}

// bestMark is the best validation check's mark: a ring, with data-batch and data-loss for tests
// and for anyone reading the page; an empty group without checks, so that the chart's other
// elements keep their places.
func bestMark(m *valMark) app.UI {
	g := svgElem("g").ID("best-mark")
	if m == nil {
		return g
	}
	return g.DataSet("batch", m.batch).DataSet("loss", strconv.FormatFloat(m.loss, 'g', -1, 64)).Body(
		svgElem("circle").Attr("cx", f1(m.x)).Attr("cy", f1(m.y)).Attr("r", 7).Attr("fill", "none").Attr("stroke-width", 2).Body(
			svgElem("title").Text(fmt.Sprintf("best validation loss %.3f, after batch %d (epoch %d): the model writes with these weights", m.loss, m.batch, m.epoch))),
	)
}

// smooth averages the batch losses into at most maxChartPoints points, then applies an
// exponential moving average so that the trend shows through batch noise.
func smooth(losses []float32) []float64 {
	n := len(losses)
	if n == 0 {
		return nil
	}
	buckets := min(n, maxChartPoints)
	out := make([]float64, buckets)
	for b := range buckets {
		lo, hi := b*n/buckets, (b+1)*n/buckets
		var s float64
		for _, l := range losses[lo:hi] {
			s += float64(l)
		}
		out[b] = s / float64(hi-lo)
	}
	ema := out[0]
	for i, v := range out {
		ema = 0.8*ema + 0.2*v
		if i == 0 {
			ema = v
		}
		out[i] = ema
	}
	return out
}
