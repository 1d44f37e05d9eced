package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// SamplesPanel shows what the model wrote after each epoch at the book's four temperatures,
// side by side, newest first.
type SamplesPanel struct {
	app.Compo
	Samples []proto.EpochSamples
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
					return app.Figure().Class("sample").Body(
						app.FigCaption().Text(fmt.Sprintf("temperature %g", s.Temperature)),
						app.P().Class("sample-text").Text(s.Text),
					)
				})),
			)
		}),
	)
}
