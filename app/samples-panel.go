package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// SamplesPanel shows what the model wrote after each epoch at the book's four temperatures,
// side by side, newest first.
type SamplesPanel struct {
	app.Compo
	Samples []proto.EpochSamples
	// MinCopied and RawTokens are the meter's least run and the prose toggle, as for the output.
	MinCopied int
	RawTokens bool
}

func (p *SamplesPanel) Render() app.UI {
	return app.Div().ID("samples").Class("samples").DataSet("count", len(p.Samples)).Body(
		app.H3().Text("Samples after each epoch"),
		app.If(len(p.Samples) == 0, app.P().Class("hint").Text("After each epoch the model writes a few lines at temperatures 0.2, 0.33, 0.5 and 1.0.")),
		app.Range(p.Samples).Slice(func(i int) app.UI {
			es := p.Samples[i]
			title := fmt.Sprintf("Epoch %d", es.Epoch)
			if es.Epoch == 0 {
				title = "Sampled during training"
			}
			return app.Div().Class("epoch-samples").Body(
				app.H4().Text(title),
				app.Div().Class("temps").Body(app.Range(es.Samples).Slice(func(j int) app.UI {
					s := es.Samples[j]
					var c *lm.Copied
					if j < len(es.Copied) {
						c = es.Copied[j]
					}
					if c == nil {
						return app.Figure().Class("sample").Body(
							app.FigCaption().Text(fmt.Sprintf("temperature %g", s.Temperature)),
							app.P().Class("sample-text").Text(s.Text),
						)
					}
					least := leastCopied(p.MinCopied, c.Level)
					caption := fmt.Sprintf("temperature %g", s.Temperature)
					fig := app.Figure().Class("sample")
					if measured(c) {
						pct := c.Percent(least)
						caption += fmt.Sprintf(" · %s %% copied", percentText(pct))
						fig = fig.DataSet("percent", percentText(pct)).DataSet("longest", c.Longest)
					}
					return fig.Body(
						app.FigCaption().Text(caption),
						app.P().Class("sample-text").Body(story(c, least, p.RawTokens)...),
					)
				})),
			)
		}),
	)
}
