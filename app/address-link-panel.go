package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// AddressLinkPanel explains how to put the model file on the web and makes the model link of the
// address the user pastes (model-address.go): PAGE#model=ADDRESS, or with a model on show
// PAGE#gen=…&model=ADDRESS carrying its generation (model-address-gen.go), shown in
// address-link-url with data-kind "address" and its length in data-bytes, and the receiver's
// first text in linkfix-address-preview.
type AddressLinkPanel struct {
	app.Compo
	V AddressView
}

func (p *AddressLinkPanel) Render() app.UI {
	return app.Div().ID("address").Class("address-link").Body(
		app.H3().Text("Share the trained model by its address"),
		app.P().ID("address-how").Class("hint").Body(
			app.Text("A share link makes whoever opens it train again. To give them this model ready to write, save it "+
				"(Download model, a .fab), put the file on the web where other sites may read it, and paste its address here. "+
				"Any static host that sends Access-Control-Allow-Origin will do (GitHub Pages, Netlify, a bucket with CORS on); "+
				"so does a file in a GitHub repository, by its Raw address (https://raw.githubusercontent.com/…/model.fab), "+
				"or a gist's file by its Raw address (https://gist.githubusercontent.com/…; add the .fab to the gist with git, "+
				"since the gist page takes text only). The link holds the address and the prompt, settings and seed of your "+
				"last text, so it stays short, and whoever opens it writes that text first; the file is fetched when the link opens, up to "+strconv.Itoa(MaxAddressModelBytes>>20)+" MB."),
		),
		app.Div().Class("row").Body(
			app.Input().Type("url").ID("address-model-url").Class("address-input").
				Placeholder("https://…/model.fab").Attr("aria-label", "The address of the model file"),
			app.Button().ID("address-make-link").Text("Make the model link").
				OnClick(func(ctx app.Context, e app.Event) {
					ctx.NewActionWithValue(actAddressLink, app.Window().GetElementByID("address-model-url").Get("value").String())
				}),
		),
		app.Input().Type("text").ID("address-link-url").Class("share-link").ReadOnly(true).Value(p.V.Link).
			Hidden(p.V.Link == "").DataSet("kind", "address").DataSet("bytes", p.V.Bytes),
		app.P().ID("address-link-msg").Class("hint").Text(p.V.Msg),
		app.If(p.V.Preview != "", app.P().ID("linkfix-address-preview").Class("hint linkfix-preview").Text("Its first text: "+p.V.Preview)),
	)
}
