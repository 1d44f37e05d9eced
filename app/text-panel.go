package app

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// MaxBoxBytes is the largest text, in UTF-8 bytes, that the text box holds. Chromium lays out a
// textarea's whole text when it is set, in one task. Measured here (TestTextBoxFigures: headless
// Chromium on two shared cores, from setting the value to the end of the next frame, two runs):
//
//	         32 KB       64 KB        128 KB       256 KB       1 MB
//	English  27-59 ms    45-65 ms     76-188 ms    214-297 ms   0.7-1 s
//	Korean   88-94 ms    114-180 ms   162-173 ms   271-776 ms   1.3-2.5 s
//
// Korean costs three times English per byte, and sets the limit: 32 KB stays under 100 ms. Typing
// in a full box costs nothing measurable (the layout is incremental). A larger text, up to
// MaxTextBytes, is kept whole by the store, and the box shows its beginning, read-only.
const MaxBoxBytes = 32 << 10

// nativePasteBytes is the largest paste left to the browser, which keeps it in the box's undo
// history. Its editing path is slower than setting the value (measured as above: 4 KB 7-9 ms,
// 8 KB 39-87 ms, 32 KB of Korean 217-442 ms, 128 KB 0.9-3 s, a megabyte over a minute), so a
// larger paste is put in by the page.
const nativePasteBytes = 4 << 10

// previewBytes is how much of a text too large for the box the box shows.
const previewBytes = 4 << 10

// TextPanel takes the corpus: pasted, dropped, uploaded or picked from the samples. It reads the
// textarea's value itself (never binds it: go-app would trim it) and hands the text on.
type TextPanel struct {
	app.Compo
	Chars    int
	Analysis *proto.TextAnalysis
	// AnalysisError is why the text could not be analysed, said in place of the figures.
	AnalysisError string
	Estimating    bool // the seconds per epoch are being timed
	Config        lm.Config
	Blocked       bool // a setting is out of range, so the text cannot be analysed under it
	Text          string
	Preview       bool // Text is too large for the box: it shows the beginning, read-only
	TextRev       int  // bumped when a handler sets the text (a file, a link): then Text goes into the box

	shownRev int
	samples  []string
	edits    int // debounces typing: only the last edit of a burst is sent
}

// OnUpdate puts a text set by a handler into the box, once per revision. An edit pending in the
// box is replaced with it.
func (p *TextPanel) OnUpdate(ctx app.Context) {
	if p.TextRev == p.shownRev || !app.IsClient {
		return
	}
	p.shownRev = p.TextRev
	v := p.Text
	if p.Preview {
		v = preview(p.Text)
	}
	app.Window().GetElementByID(corpusID).Set("value", v)
	pending.done(corpusID)
}

// preview is the beginning of a text too large for the box, cut at a rune.
func preview(text string) string {
	if len(text) <= previewBytes {
		return text
	}
	cut := previewBytes
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "…"
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
		app.Textarea().ID(corpusID).Class("corpus").Rows(12).Spellcheck(false).ReadOnly(p.Preview).
			Placeholder("Paste a story here, or drop a .txt file…").
			OnInput(p.onInput).On("paste", p.onPaste).
			On("dragover", func(ctx app.Context, e app.Event) { e.PreventDefault() }).
			On("drop", p.onDrop),
		app.If(p.Preview, app.P().ID("text-preview").Class("hint").Body(
			app.Text(fmt.Sprintf("This text is %s: the box shows its beginning (it edits texts up to %d KB). "+
				"Training and the saved draft use all of it, and a share link does if it fits in one (a link stops at 32 KB). ", humanBytes(int64(len(p.Text))), MaxBoxBytes>>10)),
			app.Button().ID("clear-text").Text("Clear the text").
				OnClick(func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actLoadText, "") }),
		)),
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
		if p.AnalysisError != "" {
			return app.P().ID("text-stats").Class("hint").Text(fmt.Sprintf("%d characters. %s", p.Chars, sentence(p.AnalysisError)))
		}
		return app.P().ID("text-stats").Class("hint").Text(fmt.Sprintf("%d characters; analysing…", p.Chars))
	}
	// At the character level the tokens are the characters: they are counted once.
	tokens := fmt.Sprintf("%d characters · %d words (%d distinct)", a.Chars, a.Tokens, a.Vocab-1)
	if p.Config.Level == lm.Char {
		tokens = fmt.Sprintf("%d characters (%d distinct)", a.Chars, a.Vocab-1)
		if a.Tokens != a.Chars { // cleaning dropped some
			tokens = fmt.Sprintf("%d characters, %d once cleaned (%d distinct)", a.Chars, a.Tokens, a.Vocab-1)
		}
	}
	line := fmt.Sprintf("%s · %d training windows · %d parameters", tokens, a.Windows, a.Params)
	switch {
	case a.EpochSeconds > 0:
		line += " · " + aboutDuration(a.EpochSeconds) + " per epoch"
	case p.Estimating:
		line += " · estimating time per epoch…"
	}
	return app.Div().ID("text-stats").Class("stats").Body(
		app.P().Text(line),
		app.Ul().Class("advice").Body(app.Range(a.Advice).Slice(func(i int) app.UI {
			return app.Li().Text(a.Advice[i])
		})),
	)
}

// aboutDuration is an estimate of s seconds as the status lines say it: "about 16 s", "about
// 3 min", or "under a second", which "about" would make read oddly ("about under a second", as a
// trial found) and which "about 0 s" made read as nothing at all.
func aboutDuration(s float64) string {
	d := time.Duration(s * float64(time.Second))
	switch {
	case d < time.Second:
		return "under a second"
	case d < time.Minute:
		return fmt.Sprintf("about %.0f s", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("about %.0f min", d.Minutes())
	}
	return fmt.Sprintf("about %.1f h", d.Hours())
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

// previewPaste says why a paste into a preview of a large text does nothing.
const previewPaste = "The box shows the beginning of a large text and cannot be edited. To paste another text, " +
	"press Clear the text first; the text on show stays until you do."

// onPaste leaves a small paste to the browser. A larger one it puts in itself, as the browser's
// editing path would freeze the tab: into the box when the result fits it, else whole into the
// store (the box then shows a preview); a text over MaxTextBytes is refused before it is copied
// anywhere.
func (p *TextPanel) onPaste(ctx app.Context, e app.Event) {
	data := e.Get("clipboardData")
	if !data.Truthy() {
		return
	}
	if p.Preview { // read-only: the paste did nothing, without a word (a new user's trial)
		e.PreventDefault()
		ctx.NewActionWithValue(actTextError, previewPaste)
		return
	}
	pasted := data.Call("getData", "text")
	n := utf8Bytes(pasted)
	if n <= nativePasteBytes {
		return
	}
	e.PreventDefault()
	if n > MaxTextBytes {
		ctx.NewActionWithValue(actTextError, tooLarge(n))
		return
	}
	area := ctx.JSSrc()
	value := app.Window().Call("Object", area.Get("value")) // boxed, for its methods
	start, end := area.Get("selectionStart").Int(), area.Get("selectionEnd").Int()
	before, after := value.Call("slice", 0, start), value.Call("slice", end)
	total := utf8Bytes(before) + n + utf8Bytes(after)
	switch {
	case total > MaxTextBytes:
		ctx.NewActionWithValue(actTextError, tooLarge(total))
	case total <= MaxBoxBytes:
		// Not an editing command: the value path, as fast as setting the value.
		area.Call("setRangeText", pasted, start, end, "end")
		p.onInput(ctx, e)
	default:
		ctx.NewActionWithValue(actLoadText, before.String()+pasted.String()+after.String())
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

// readFile loads a dropped or chosen file, refusing files too large or not UTF-8 with a message,
// and leaving the current text as it is then. The file's bytes are copied into Go as they are and
// checked there: decoding them to a JavaScript string and encoding that again for Go took a
// quarter of a second for 5 MB.
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
		buf := app.Window().Get("Uint8Array").New(reader.Get("result"))
		b := make([]byte, buf.Length())
		app.CopyBytesToGo(b, buf)
		text, ok := utf8Text(b)
		if !ok {
			ctx.NewActionWithValue(actTextError, fmt.Sprintf("%s is not UTF-8 text. Save it as UTF-8 (plain text) and try again; the current text is unchanged.", name))
			return nil
		}
		ctx.NewActionWithValue(actLoadText, text) // at most MaxTextBytes: the file's size
		return nil
	})
	reader.Set("onload", onload)
	reader.Call("readAsArrayBuffer", file)
}

// utf8Text is a file's text, if its bytes are UTF-8.
func utf8Text(b []byte) (string, bool) {
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
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
			if len(text) > MaxTextBytes {
				ctx.NewActionWithValue(actTextError, tooLarge(len(text)))
				return
			}
			ctx.NewActionWithValue(actLoadText, text)
		})
	})
}

// jsLength is a JavaScript string's length in UTF-16 units, read without copying it into Go
// (syscall/js reads properties of objects only, so the string is boxed first).
func jsLength(s app.Value) int {
	return app.Window().Call("Object", s).Get("length").Int() // Invoke would not unwrap s
}

// utf8Bytes counts a JavaScript string's UTF-8 bytes without copying it into Go or allocating
// its encoding: TextEncoder.encodeInto fills one reused megabyte at a time. Measured on 5 MB
// (TestTextBoxFigures): 20-40 ms, against 26-69 ms for TextEncoder.encode and 33-56 ms for a
// Blob. A loop over the UTF-16 units in JavaScript takes 6-20 ms, but the page's CSP allows no
// script but its own files.
func utf8Bytes(s app.Value) int {
	if utf8Count.enc == nil {
		utf8Count.enc = app.Window().Get("TextEncoder").New()
		utf8Count.buf = app.Window().Get("Uint8Array").New(1 << 20)
	}
	n := 0
	for {
		r := utf8Count.enc.Call("encodeInto", s, utf8Count.buf)
		n += r.Get("written").Int()
		read := r.Get("read").Int()
		if read >= jsLength(s) {
			return n
		}
		s = app.Window().Call("Object", s).Call("slice", read)
	}
}

var utf8Count struct{ enc, buf app.Value }

// domForm reads the page's fields for the store's flush.
type domForm struct{}

func (domForm) box() (text, refused string) {
	v := app.Window().GetElementByID(corpusID).Get("value")
	if n := utf8Bytes(v); n > MaxTextBytes {
		return "", tooLarge(n)
	}
	return v.String(), ""
}

func (domForm) field(id string) string {
	return app.Window().GetElementByID(id).Get("value").String()
}
