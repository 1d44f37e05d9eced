package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// SharePanel makes a link that reproduces this studio: settings, seeds, generation settings and
// the text (or, when the text is too long for a link, the settings only).
type SharePanel struct {
	app.Compo
	Link    string
	Message string
	Demo    InlinkView // the demo link (inlink-panel.go)
}

func (p *SharePanel) Render() app.UI {
	tooLong := strings.HasSuffix(p.Message, "?") // the question offers the settings-only link
	return app.Div().Class("share").Body(
		app.H3().Text("Share"),
		app.Div().Class("row").Body(
			app.Button().ID("share").Text("Copy a share link").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actShare, false) }),
			app.If(tooLong, app.Button().ID("share-settings").Text("Share the settings only").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actShare, true) })),
		),
		app.Input().Type("text").ID("share-link").Class("share-link").ReadOnly(true).Value(p.Link).Hidden(p.Link == ""),
		app.P().ID("share-msg").Class("hint").Text(p.Message),
		&DemoLinkRow{V: p.Demo},
	)
}
