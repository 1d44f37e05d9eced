package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// workerBridge owns the Web Worker that runs the engine. Requests made before the worker says it
// is ready wait in a queue: the page sends nothing before that.
type workerBridge struct {
	w       app.Value
	isReady bool
	queue   []proto.Message
	// post hook for tests: when set, messages go here instead of a worker.
	sink func(proto.Message)
}

var bridge = &workerBridge{}

// start creates the worker once, in the browser; its messages become actions.
func (b *workerBridge) start(ctx app.Context) {
	if b.w != nil || !app.IsClient || b.sink != nil {
		return
	}
	ctor := app.Window().Get("Worker")
	if !ctor.Truthy() {
		ctx.NewActionWithValue(actWorkerErr, "this browser has no Web Workers")
		return
	}
	onMessage := app.FuncOf(func(this app.Value, args []app.Value) any {
		data := args[0].Get("data")
		switch {
		case data.Type() == app.TypeString:
			ctx.NewActionWithValue(actWorker, fromWorker{JSON: data.String()})
		case data.Type() == app.TypeObject && data.Get("msg").Type() == app.TypeString: // {msg, text}
			m := fromWorker{JSON: data.Get("msg").String()}
			if t := data.Get("text"); t.Type() == app.TypeString {
				m.Text = t.String()
			}
			ctx.NewActionWithValue(actWorker, m)
		}
		return nil
	})
	onError := app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "unknown error"
		if m := args[0].Get("message"); m.Truthy() {
			msg = m.String()
		}
		ctx.NewActionWithValue(actWorkerErr, msg)
		return nil
	})
	// web/page.js started the worker while the page was parsed, so that the engine's start
	// overlaps the page's; it holds what the worker said until now.
	if early := app.Window().Get("fabulistEarlyWorker"); early.Truthy() {
		b.w = early.Call("take", onMessage, onError)
		return
	}
	b.w = ctor.New(ctx.ResolveStaticResource("/web/worker.js"))
	b.w.Set("onmessage", onMessage)
	b.w.Set("onerror", onError)
}

// fromWorker is a message from the worker: its JSON and, when it carries a text, the text, which
// travels beside the JSON (see proto).
type fromWorker struct{ JSON, Text string }

func (b *workerBridge) post(m proto.Message) {
	if b.sink != nil {
		b.sink(m)
		return
	}
	if !b.isReady {
		b.queue = append(b.queue, m)
		return
	}
	if b.w != nil {
		b.w.Call("postMessage", withText(m, nil))
	}
}

// postFile sends a request with a file (an ArrayBuffer that stays in JavaScript) beside it, or a
// dataset's files (a JavaScript array of ArrayBuffers).
func (b *workerBridge) postFile(m proto.Message, buf app.Value) {
	if b.sink != nil {
		b.sink(m)
		return
	}
	if b.w == nil || !b.isReady {
		return // the page offers files only once the worker is ready
	}
	b.w.Call("postMessage", withText(m, buf))
}

// withText is what postMessage sends for m: its JSON alone, or {msg, text, file} when it carries
// a text or a file. A text travels beside the JSON: encoding megabytes of text as JSON, in Go on
// the page's thread, held it for half a second.
func withText(m proto.Message, file app.Value) any {
	if m.Text == "" && file == nil {
		return proto.Encode(m)
	}
	text := m.Text
	m.Text = ""
	out := map[string]any{"msg": proto.Encode(m)}
	if text != "" {
		out["text"] = jsText(text)
	}
	switch {
	case file != nil && app.Window().Get("Array").Call("isArray", file).Bool():
		out["files"] = file
	case file != nil:
		out["file"] = file
	}
	return out
}

// jsText is a Go string as a JavaScript string. The last one made is kept: the same text goes to
// the worker to analyse, to train on and into the draft, and each conversion of a large text
// costs the page's thread (UTF-8 decoding, a copy).
func jsText(s string) app.Value {
	if jsTextCache.v == nil || s != jsTextCache.s { // the same string compares in O(1)
		jsTextCache.s, jsTextCache.v = s, app.ValueOf(s)
	}
	return jsTextCache.v
}

var jsTextCache struct {
	s string
	v app.Value
}

// download saves a blob: URL the worker made under a file name, as a link click would.
func download(url, name string) {
	if !app.IsClient || url == "" {
		return
	}
	doc := app.Window().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
}

func (b *workerBridge) ready() {
	b.isReady = true
	q := b.queue
	b.queue = nil
	for _, m := range q {
		b.post(m)
	}
}
