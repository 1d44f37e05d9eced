package app

import (
	"fmt"

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
}

func (c *QALossChart) Render() app.UI {
	tagger, question := make([]float32, len(c.Losses)), make([]float32, len(c.Losses))
	for i, l := range c.Losses {
		tagger[i], question[i] = l.Tagger, l.Question
	}
	q := plotLosses(question, c.Val, c.Batches)
	svg := svgElem("svg").ID("qa-loss-chart").Attr("viewBox", fmt.Sprintf("0 0 %g %g", chartW, chartH)).Attr("role", "img").
		Aria("label", "question model loss chart").DataSet("points", q.points).DataSet("val-points", len(c.Val))
	if q.points == 0 {
		return app.Div().Class("chart qa-chart").Body(svg.Body(
			svgElem("text").Attr("x", num(chartW/2)).Attr("y", num(chartH/2)).Attr("text-anchor", "middle").Text("The tagger's and the question's losses appear here while training."),
		))
	}
	t := plotLosses(tagger, nil, c.Batches)
	marks := make([]app.UI, len(q.val))
	for i, m := range q.val {
		marks[i] = svgElem("circle").Attr("cx", f1(m.x)).Attr("cy", f1(m.y)).Attr("r", 4).Body(
			svgElem("title").Text(fmt.Sprintf("epoch %d: validation question loss %.3f", m.epoch, m.loss)))
	}
	return app.Div().Class("chart qa-chart").Body(svg.Body(
		svgElem("line").Attr("x1", num(chartPad)).Attr("y1", num(chartH-chartPad)).Attr("x2", num(chartW-8)).Attr("y2", num(chartH-chartPad)),
		svgElem("text").Attr("x", 4).Attr("y", f1(q.yHi)).Text(fmt.Sprintf("%.2f", q.hi)),
		svgElem("text").Attr("x", 4).Attr("y", f1(q.yLo)).Text(fmt.Sprintf("%.2f", q.lo)),
		svgElem("text").Attr("x", num(chartW-44)).Attr("y", f1(t.yHi)).Text(fmt.Sprintf("%.2f", t.hi)),
		svgElem("text").Attr("x", num(chartW-44)).Attr("y", f1(t.yLo)).Text(fmt.Sprintf("%.2f", t.lo)),
		svgElem("text").Attr("x", num(chartW/2-30)).Attr("y", num(chartH-10)).Text(fmt.Sprintf("batches (%d)", q.batches)),
		svgElem("polyline").Attr("points", q.line),
		svgElem("polyline").Attr("points", t.line),
		svgElem("g").Body(marks...),
	), app.P().Class("hint").Text("— question loss (left scale) · ┄ tagger loss (right scale) · ● validation question loss, each epoch"))
}
