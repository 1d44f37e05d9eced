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
	b.w = ctor.New(ctx.ResolveStaticResource("/web/worker.js"))
	b.w.Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
		if data := args[0].Get("data"); data.Type() == app.TypeString {
			ctx.NewActionWithValue(actWorker, data.String())
		}
		return nil
	}))
	b.w.Set("onerror", app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "unknown error"
		if m := args[0].Get("message"); m.Truthy() {
			msg = m.String()
		}
		ctx.NewActionWithValue(actWorkerErr, msg)
		return nil
	}))
}

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
		b.w.Call("postMessage", proto.Encode(m))
	}
}

// postFile sends a request with a file (an ArrayBuffer that stays in JavaScript) beside it.
func (b *workerBridge) postFile(m proto.Message, buf app.Value) {
	if b.sink != nil {
		b.sink(m)
		return
	}
	if b.w == nil || !b.isReady {
		return // the page offers files only once the worker is ready
	}
	b.w.Call("postMessage", map[string]any{"msg": proto.Encode(m), "file": buf})
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
