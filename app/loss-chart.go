package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// LossChart draws the training loss per batch (smoothed) and the validation loss per epoch as an
// SVG, scaled to the losses seen so far.
type LossChart struct {
	app.Compo
	Losses  []float32 // every batch
	Val     []float64 // every epoch
	Batches int       // per epoch, to place the epoch marks
}

const (
	chartW, chartH = 600.0, 220.0
	chartPad       = 36.0
	maxChartPoints = 400 // more batches than this are averaged into buckets
)

func (c *LossChart) Render() app.UI {
	return app.Div().Class("chart").Body(app.Raw(c.svg()))
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

func (c *LossChart) svg() string {
	pts := smooth(c.Losses)
	var b strings.Builder
	// data-val holds the validation losses exactly, for tests and for anyone reading the page.
	val := make([]string, len(c.Val))
	for i, v := range c.Val {
		val[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	fmt.Fprintf(&b, `<svg id="loss-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" role="img" aria-label="loss chart" data-points="%d" data-val-points="%d" data-val="%s">`,
		chartW, chartH, len(pts), len(c.Val), strings.Join(val, " "))
	if len(pts) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" class="empty">The loss appears here while training.</text></svg>`, chartW/2, chartH/2)
		return b.String()
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range pts {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	for _, v := range c.Val {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi-lo < 1e-6 {
		hi = lo + 1
	}
	n := len(c.Losses)
	x := func(batch float64) float64 { return chartPad + (chartW-chartPad-8)*batch/math.Max(float64(n), 1) }
	y := func(v float64) float64 { return 8 + (chartH-chartPad-8)*(hi-v)/(hi-lo) }
	fmt.Fprintf(&b, `<line class="axis" x1="%g" y1="%g" x2="%g" y2="%g"/>`, chartPad, chartH-chartPad, chartW-8, chartH-chartPad)
	fmt.Fprintf(&b, `<text class="tick" x="4" y="%.1f">%.2f</text><text class="tick" x="4" y="%.1f">%.2f</text>`, y(hi)+4, hi, y(lo), lo)
	fmt.Fprintf(&b, `<text class="tick" x="%g" y="%g">batches (%d)</text>`, chartW/2-30, chartH-10, n)
	b.WriteString(`<polyline class="train" points="`)
	for i, v := range pts {
		fmt.Fprintf(&b, "%.1f,%.1f ", x((float64(i)+0.5)*float64(n)/float64(len(pts))), y(v))
	}
	b.WriteString(`"/>`)
	for e, v := range c.Val {
		// An epoch's validation loss sits at the end of its batches.
		bx := float64(n)
		if c.Batches > 0 {
			bx = math.Min(float64((e+1)*c.Batches), float64(n))
		}
		fmt.Fprintf(&b, `<circle class="val" cx="%.1f" cy="%.1f" r="4"><title>epoch %d: validation loss %.3f</title></circle>`, x(bx), y(v), e+1, v)
	}
	fmt.Fprintf(&b, `<text class="legend" x="%g" y="20">— training (smoothed)  ● validation</text></svg>`, chartW-230)
	return b.String()
}
