//go:build js && wasm

// Package worker is the training engine's side of a Web Worker: it turns protocol messages into
// calls on a session.Session and posts what comes back. Training runs here, never on the page's
// thread. It is built into the one WebAssembly module the page also runs (wasm/app), which calls
// Run when web/worker.js has started it.
package worker

import (
	"errors"
	"runtime/debug"
	"syscall/js"
	"time"

	"fabulist/model/nn"
	"fabulist/model/nn/simd"
	"fabulist/studio/proto"
	"fabulist/studio/session"
)

// yieldEvery is how long the engine computes before it lets the worker's event loop deliver
// messages (pause, stop, generate). Go's wasm has no preemption: JavaScript runs only while every
// goroutine waits, so the loop waits for a message it posts to itself (see yielder).
const yieldEvery = 50 * time.Millisecond

// EngineGOGC is the garbage collector's percentage in the engine and its helpers (Go's default is
// 100): the heap may grow this much past what the last collection found live before the next one.
// A WebAssembly memory never shrinks, so whatever the heap once reached stays the worker's for
// good; at 100 an engine whose run holds 35 MB grew to 100–150 MB. Training allocates almost
// nothing per step (its buffers are reused), so the extra collections come when a run starts or
// a model is saved, and cost little: what they mark is mostly float32 slices, which hold no
// pointers. Measured in DEVELOPERS.md ("Memory").
const EngineGOGC = 20

// yielder hands the thread to the event loop for as short a time as it can. time.Sleep would do
// it with a timer, but a timer set from a timer's callback waits at least 4 ms (the HTML
// standard's clamp on nested timers): 4% of a one-worker step. A message posted to ourselves is
// queued behind those already waiting, and comes back at once.
type yielder struct {
	port js.Value
	back chan struct{}
}

func newYielder() *yielder {
	y := &yielder{back: make(chan struct{}, 1)}
	ch := js.Global().Get("MessageChannel").New()
	ch.Get("port1").Set("onmessage", js.FuncOf(func(js.Value, []js.Value) any {
		y.back <- struct{}{}
		return nil
	}))
	y.port = ch.Get("port2")
	return y
}

func (y *yielder) yield() {
	y.port.Call("postMessage", 0)
	<-y.back
}

// Run serves the page (or, in a helper, the coordinating worker) until the worker is closed. It
// must be called in a Web Worker started by web/worker.js, whose script has installed the SIMD
// kernels' imports and the IndexedDB bridge (web/store.js).
func Run() {
	debug.SetGCPercent(EngineGOGC)
	inbox := make(chan proto.Message, 1024)
	helperInbox := make(chan js.Value, 16)
	js.Global().Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		data := args[0].Get("data")
		if data.Type() == js.TypeObject && data.Get("op").Type() == js.TypeString { // we are a helper
			helperInbox <- data
			return nil
		}
		m, err := fromPage(data)
		if err != nil {
			post(proto.Message{Kind: proto.Error, Error: err.Error()})
			return nil
		}
		select {
		case inbox <- m:
		default:
			post(proto.Message{Kind: proto.Error, Seq: m.Seq, Error: "worker: too many requests at once"})
		}
		return nil
	}))
	pool := newWebPool()
	go helperMode(helperInbox, pool)

	s := session.New()
	if st, ok := newIDBStore(); ok {
		s.SetStore(st)
		s.SetQAStore(st)
	}
	s.SetPool(pool)
	kernel := "go"
	if simd.Enable() {
		kernel = nn.DefaultGemm.Name() // simd, or simd-fma where the browser has fused multiply-add
	}
	post(proto.Message{Kind: proto.Ready, Workers: pool.Size(), Kernel: kernel})
	serve(s, inbox, pool)
}

// serve answers the page's messages and, while a run trains, steps it, letting the event loop
// deliver messages every yieldEvery. While nothing trains, the pool keeps no buffers.
func serve(s *session.Session, inbox <-chan proto.Message, pool *webPool) {
	lastYield, y := time.Now(), newYielder()
	for {
		if !s.Busy() {
			pool.release()
			post(s.Handle(<-inbox)...) // waiting here hands the thread back to JavaScript
			continue
		}
		select {
		case m := <-inbox:
			post(s.Handle(m)...)
		default:
			stamp(stampStep)
			ms := s.Step()
			stamp(stampStepped)
			post(ms...)
		}
		if time.Since(lastYield) >= yieldEvery {
			stamp(stampYield)
			y.yield()
			stamp(stampYielded)
			lastYield = time.Now()
		}
	}
}

// fromPage reads a message from the page: a protocol string, or {msg, file, files, text} with a
// model file (an ArrayBuffer), a dataset's files (an array of ArrayBuffers) or the message's text
// (a string) beside it.
func fromPage(data js.Value) (proto.Message, error) {
	var file []byte
	var files [][]byte
	text := js.Undefined()
	if data.Type() == js.TypeObject {
		if f := data.Get("file"); f.Truthy() {
			b, err := bytesOf(f)
			if err != nil {
				return proto.Message{}, err
			}
			file = b
			freeBuffer(f) // the worker's own copy (the page's stays the page's): a model file, megabytes
		}
		if fs := data.Get("files"); fs.Truthy() {
			if !js.Global().Get("Array").Call("isArray", fs).Bool() {
				return proto.Message{}, errors.New("worker: files must come as an array of ArrayBuffers")
			}
			for i := range fs.Length() {
				b, err := bytesOf(fs.Index(i))
				if err != nil {
					return proto.Message{}, err
				}
				files = append(files, b)
			}
		}
		text = data.Get("text")
		data = data.Get("msg")
	}
	if data.Type() != js.TypeString {
		return proto.Message{}, errors.New("worker: messages must be strings")
	}
	m, err := proto.Decode(data.String())
	if err != nil {
		return m, err
	}
	m.File, m.Files = file, files
	if text.Type() == js.TypeString {
		m.Text = text.String()
	}
	return m, nil
}

// bytesOf copies an ArrayBuffer into Go.
func bytesOf(f js.Value) ([]byte, error) {
	if !f.InstanceOf(js.Global().Get("ArrayBuffer")) {
		return nil, errors.New("worker: a file must come as an ArrayBuffer")
	}
	buf := js.Global().Get("Uint8Array").New(f)
	b := make([]byte, buf.Length())
	js.CopyBytesToGo(b, buf)
	return b, nil
}

// post sends messages to the page; a file goes as a blob: URL, and a text beside the JSON (the
// page would decode megabytes of JSON on its thread).
func post(ms ...proto.Message) {
	self := js.Global()
	for _, m := range ms {
		if m.File != nil {
			m.URL = blobURL(m.File)
		}
		if m.Text == "" {
			self.Call("postMessage", proto.Encode(m))
			continue
		}
		text := m.Text
		m.Text = ""
		self.Call("postMessage", map[string]any{"msg": proto.Encode(m), "text": text})
	}
}

// blobURL hands bytes to the page as a blob: URL, so that a download never passes through the
// page's Go or a string.
func blobURL(b []byte) string {
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": "application/octet-stream"})
	return js.Global().Get("URL").Call("createObjectURL", blob).String()
}
