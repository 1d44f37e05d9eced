package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// DemoLinkRow is the share panel's demo link: a button that makes a link opening on this model,
// ready to write, and the link with its kind and length (demo-link-url, data-kind, data-bytes).
type DemoLinkRow struct {
	app.Compo
	V InlinkView
}

func (r *DemoLinkRow) Render() app.UI {
	v := r.V
	return app.Div().Class("inlink").Body(
		app.Button().ID("demo-link").Text("Make a demo link").Disabled(v.Busy).
			OnClick(func(ctx app.Context, e app.Event) { ctx.NewAction(actDemoLink) }),
		app.Input().Type("text").ID("demo-link-url").Class("share-link").ReadOnly(true).Value(v.URL).
			Hidden(v.URL == "").DataSet("kind", v.Kind).DataSet("bytes", strconv.Itoa(v.Bytes)),
		app.P().ID("demo-link-msg").Class("hint").Text(v.Msg),
		app.If(v.Preview != "", app.P().ID("demo-link-preview").Class("hint linkfix-preview").Text("Its first text: "+v.Preview)),
	)
}
