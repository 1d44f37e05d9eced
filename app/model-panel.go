package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ModelPanel saves the model (the engine's file, or a TF.js export) and opens a saved one, by the
// file picker or by dropping it on the panel.
type ModelPanel struct {
	app.Compo
	HasModel bool
	Ready    bool
	Locked   bool // a model cannot be opened while training runs
}

func (p *ModelPanel) Render() app.UI {
	return app.Div().ID("model-panel").Class("model-panel").
		On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault() }).
		On("drop", p.onDrop).Body(
		app.H3().Text("Model file"),
		app.Div().Class("buttons").Body(
			app.Button().ID("export-model").Text("Download model (.fab)").Disabled(!p.HasModel).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actExport, "fabulist") }),
			app.Button().ID("export-tfjs").Text("Export for TF.js (.zip)").Disabled(!p.HasModel).
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actExport, "tfjs") }),
			app.Label().Class("file-button").Body(
				app.Span().Text("Open a model… "),
				app.Input().Type("file").ID("model-file").Accept(".fab").Disabled(!p.Ready || p.Locked).OnChange(p.onFile),
			),
		),
		app.P().Class("hint").Text("A .fab file holds the model, its vocabulary, settings, history and optimizer state; "+
			"with its text in the box above, Resume continues its training. Drop one here to open it."),
	)
}

func (p *ModelPanel) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.read(ctx, files.Index(0))
		ctx.JSSrc().Set("value", "")
	}
}

func (p *ModelPanel) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.Locked || !p.Ready {
		ctx.NewActionWithValue(actFileError, "Pause or stop training before opening a model file.")
		return
	}
	files := e.Get("dataTransfer").Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.read(ctx, files.Index(0))
	}
}

// maxModelBytes bounds what is read: the largest model the engine accepts is far below it.
const maxModelBytes = 1 << 30

func (p *ModelPanel) read(ctx app.Context, file app.Value) {
	if size := file.Get("size").Int(); size > maxModelBytes {
		ctx.NewActionWithValue(actFileError, fmt.Sprintf("%s is %d MB: too large to be a Fabulist model.", file.Get("name").String(), size>>20))
		return
	}
	reader := app.Window().Get("FileReader").New()
	var onload app.Func
	onload = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer onload.Release()
		ctx.NewActionWithValue(actImport, reader.Get("result"))
		return nil
	})
	reader.Set("onload", onload)
	reader.Call("readAsArrayBuffer", file)
}
