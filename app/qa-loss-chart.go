package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// QALossChart draws the question model's two training losses per batch (smoothed, as LossChart
// does): the tagger's and the question decoder's, each scaled to its own range (the question loss
// starts near ln V, the tagger's below 1), with each epoch's validation question loss. It is
// made of go-app SVG elements changed in place, as LossChart is; the two lines are told apart by
// their order (see app.css).
type QALossChart struct {
	app.Compo
	Losses  []proto.QALoss
	Val     []float64 // each epoch's validation question loss
	Batches int       // per epoch, to place the validation marks

	size chartSize // the viewBox, fitted to the chart's width on the page (fitChart)
}

// OnMount and OnResize fit the chart's viewBox to its width (fitChart).
func (c *QALossChart) OnMount(ctx app.Context)  { fitChartIn(ctx, "qa-loss-chart", &c.size) }
func (c *QALossChart) OnResize(ctx app.Context) { fitChartIn(ctx, "qa-loss-chart", &c.size) }

func (c *QALossChart) Render() app.UI {
	tagger, question := make([]float32, len(c.Losses)), make([]float32, len(c.Losses))
	for i, l := range c.Losses {
		tagger[i], question[i] = l.Tagger, l.Question
	}
	sz := c.size.or()
	q := plotIn(sz, question, c.Val, c.Batches, nil)
	svg := svgElem("svg").ID("qa-loss-chart").Attr("viewBox", sz.viewBox()).Attr("role", "img").
		Aria("label", "question model loss chart").DataSet("points", q.points).DataSet("val-points", len(c.Val))
	if q.points == 0 {
		return emptyChart("chart qa-chart", svg, sz, "The tagger's and the question's losses appear here while training.")
	}
	t := plotIn(sz, tagger, nil, c.Batches, nil)
	return app.Div().Class("chart qa-chart").Body(svg.Body(
		chartAxis(sz),
		scaleLabel(4, q.yHi, q.hi),
		scaleLabel(4, q.yLo, q.lo),
		scaleLabel(sz.w-44, t.yHi, t.hi),
		scaleLabel(sz.w-44, t.yLo, t.lo),
		batchesLabel(q),
		svgElem("polyline").Attr("points", q.line),
		svgElem("polyline").Attr("points", t.line),
		valMarks(q, "validation question loss"),
	), app.P().Class("hint").Text("— question loss (left scale) · ┄ tagger loss (right scale) · ● validation question loss, each epoch"))
}
