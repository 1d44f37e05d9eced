package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model"
	"fabulist/proto"
)

// TextPanel takes the corpus: pasted, dropped, uploaded or picked from the samples. It reads the
// textarea's value itself (never binds it: go-app would trim it) and hands the text on.
type TextPanel struct {
	app.Compo
	Chars    int
	Analysis *proto.TextAnalysis
	Config   model.Config
	Blocked  bool // a setting is out of range, so the text cannot be analysed under it
	Text     string
	TextRev  int // bumped when a handler sets the text (a share link): then Text goes into the box

	shownRev int
	samples  []string
	edits    int // debounces typing: only the last edit of a burst is sent
}

// OnUpdate puts a text set by a handler into the box, once per revision.
func (p *TextPanel) OnUpdate(ctx app.Context) {
	if p.TextRev != p.shownRev && app.IsClient {
		p.shownRev = p.TextRev
		app.Window().GetElementByID("corpus").Set("value", p.Text)
	}
}

func (p *TextPanel) OnMount(ctx app.Context) {
	if !app.IsClient {
		return
	}
	p.OnUpdate(ctx)
	// The server lists the sample texts it offers.
	ctx.Async(func() {
		names := fetchSampleIndex(ctx.ResolveStaticResource("/web/samples/index.json"))
		ctx.Dispatch(func(ctx app.Context) { p.samples = names })
	})
}

func (p *TextPanel) Render() app.UI {
	return app.Div().Body(
		app.H2().Text("1. Your text"),
		app.Textarea().ID("corpus").Class("corpus").Rows(12).Spellcheck(false).
			Placeholder("Paste a story here, or drop a .txt file…").
			OnInput(p.onInput).On("paste", p.onPaste).
			On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault() }).
			On("drop", p.onDrop),
		app.Div().Class("row").Body(
			app.Label().Text("Upload ").Body(
				app.Input().Type("file").ID("file").Accept(".txt,text/plain").OnChange(p.onFile),
			),
			app.Label().Text(" or try ").Body(
				app.Select().ID("sample").OnChange(p.onSample).Body(
					app.Option().Value("").Text("a sample…"),
					app.Range(p.samples).Slice(func(i int) app.UI {
						return app.Option().Value(p.samples[i]).Text(p.samples[i])
					}),
				),
			),
		),
		p.renderStats(),
	)
}

func (p *TextPanel) renderStats() app.UI {
	a := p.Analysis
	if a == nil {
		if p.Chars == 0 {
			return app.P().ID("text-stats").Class("hint").Text("No text yet.")
		}
		if p.Blocked {
			return app.P().ID("text-stats").Class("hint").Text(fmt.Sprintf("%d characters; correct the settings marked in red to see how they suit this text.", p.Chars))
		}
		return app.P().ID("text-stats").Class("hint").Text(fmt.Sprintf("%d characters; analysing…", p.Chars))
	}
	unit := "words"
	if p.Config.Level == model.Char {
		unit = "characters"
	}
	estimate := "estimating time per epoch…"
	if a.EpochSeconds > 0 {
		estimate = "about " + humanDuration(a.EpochSeconds) + " per epoch"
	}
	return app.Div().ID("text-stats").Class("stats").Body(
		app.P().Text(fmt.Sprintf("%d characters · %d %s (%d distinct) · %d training windows · %d parameters · %s",
			a.Chars, a.Tokens, unit, a.Vocab-1, a.Windows, a.Params, estimate)),
		app.Ul().Class("advice").Body(app.Range(a.Advice).Slice(func(i int) app.UI {
			return app.Li().Text(a.Advice[i])
		})),
	)
}

func humanDuration(s float64) string {
	d := time.Duration(s * float64(time.Second))
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%.0f s", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("%.0f min", d.Minutes())
	}
	return fmt.Sprintf("%.1f h", d.Hours())
}

func tooLarge(n int) string {
	return fmt.Sprintf("That text is %.1f MB; the studio takes texts up to %d MB. Try a part of it.", float64(n)/(1<<20), MaxTextBytes>>20)
}

// onInput notes the box's edit as pending and, once typing pauses, has the store take it.
func (p *TextPanel) onInput(ctx app.Context, e app.Event) {
	pending.mark(corpusID)
	p.edits++
	n := p.edits
	ctx.After(300*time.Millisecond, func(ctx app.Context) {
		if n == p.edits {
			ctx.NewAction(actTyped)
		}
	})
}

// sendText hands the textarea's value on, unless it is too large to copy into Go at all.
func (p *TextPanel) sendText(ctx app.Context, v app.Value) {
	// JavaScript lengths count UTF-16 units: at most 3 bytes each in UTF-8.
	if n := jsLength(v); n > MaxTextBytes {
		ctx.NewActionWithValue(actTextError, tooLarge(n))
		return
	}
	ctx.NewActionWithValue(actSetText, v.String())
}

// onPaste refuses a huge paste before it reaches the textarea, so the tab never has to lay out
// fifty megabytes of text.
func (p *TextPanel) onPaste(ctx app.Context, e app.Event) {
	data := e.Get("clipboardData")
	if !data.Truthy() {
		return
	}
	if n := jsLength(data.Call("getData", "text")); n > MaxTextBytes {
		e.PreventDefault()
		ctx.NewActionWithValue(actTextError, tooLarge(n))
	}
}

func (p *TextPanel) onDrop(ctx app.Context, e app.Event) {
	e.PreventDefault()
	files := e.Get("dataTransfer").Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
}

func (p *TextPanel) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if files.Truthy() && files.Length() > 0 {
		p.readFile(ctx, files.Index(0))
	}
}

// readFile loads a dropped or chosen file, refusing files too large or not UTF-8 (a fatal
// TextDecoder throws on the first invalid byte) with a message, and leaving the current text as
// it is then.
func (p *TextPanel) readFile(ctx app.Context, file app.Value) {
	name := file.Get("name").String()
	if size := file.Get("size").Int(); size > MaxTextBytes {
		ctx.NewActionWithValue(actTextError, fmt.Sprintf("%s: %s", name, tooLarge(size)))
		return
	}
	reader := app.Window().Get("FileReader").New()
	var onload app.Func
	onload = app.FuncOf(func(this app.Value, args []app.Value) any {
		defer onload.Release()
		decoder := app.Window().Get("TextDecoder").New("utf-8", map[string]any{"fatal": true})
		text, ok := decode(decoder, reader.Get("result"))
		if !ok {
			ctx.NewActionWithValue(actTextError, fmt.Sprintf("%s is not UTF-8 text. Save it as UTF-8 (plain text) and try again; the current text is unchanged.", name))
			return nil
		}
		area := app.Window().GetElementByID("corpus")
		area.Set("value", text)
		p.sendText(ctx, area.Get("value"))
		return nil
	})
	reader.Set("onload", onload)
	reader.Call("readAsArrayBuffer", file)
}

// decode runs a fatal TextDecoder, turning its exception into ok=false.
func decode(decoder, buf app.Value) (text app.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return decoder.Call("decode", buf), true
}

func (p *TextPanel) onSample(ctx app.Context, e app.Event) {
	name := ctx.JSSrc().Get("value").String()
	if name == "" {
		return
	}
	url := ctx.ResolveStaticResource("/web/samples/" + name)
	ctx.Async(func() {
		text, err := fetchText(url)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				ctx.NewActionWithValue(actTextError, "The sample could not be loaded: "+err.Error())
				return
			}
			area := app.Window().GetElementByID("corpus")
			area.Set("value", text)
			p.sendText(ctx, area.Get("value"))
		})
	})
}

// jsLength is a JavaScript string's length, read without copying it into Go (syscall/js reads
// properties of objects only, so the string is boxed first).
func jsLength(s app.Value) int {
	return app.Window().Call("Object", s).Get("length").Int() // Invoke would not unwrap s
}

// domForm reads the page's fields for the store's flush.
type domForm struct{}

func (domForm) box() (text, refused string) {
	v := app.Window().GetElementByID(corpusID).Get("value")
	// JavaScript lengths count UTF-16 units: at most 3 bytes each in UTF-8.
	if n := jsLength(v); n > MaxTextBytes {
		return "", tooLarge(n)
	}
	return v.String(), ""
}

func (domForm) field(id string) string {
	return app.Window().GetElementByID(id).Get("value").String()
}
