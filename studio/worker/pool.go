//go:build js && wasm

package worker

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"syscall/js"
	"unsafe"

	"fabulist/model/fab"
	"fabulist/model/nn"
	"fabulist/studio/proto"
	"fabulist/studio/session"
)

// webPool runs helpers in Web Workers of their own, started from this worker with the same
// engine (worker.js, in helper mode). Weights and gradients travel as transferred
// Float32Arrays, so each crossing is one copy between Go's memory and JavaScript's; one set of
// buffers a helper carries both, the weights out and the gradient back (the helper has copied the
// weights into Go before it writes the gradient), so that the renderer holds one copy of the
// model (7.4 MB for the book's) where it held two. The set is the model in pieces, each its own
// message, so that the copies overlap: the helper copies a piece of the weights in while the
// coordinator writes the next one out, and the coordinator adds a piece of the gradient into the
// batch's while the helper copies the next one out.
type webPool struct {
	size    int
	helpers []*webHelper // index 0 unused: this worker
}

var (
	_ session.QAPool      = (*webPool)(nil)
	_ session.HelperEnder = (*webPool)(nil)
)

type webHelper struct {
	w      js.Value
	answer chan helperAnswer
	grad   []float32 // Receive's copy of the gradient: the question model's runs alone
	chunk  []float32 // AddGradient's buffer
	// spare is the Float32Arrays, one a piece, that the helper sent back with its gradient in
	// them, reused for the next request's weights so that no step allocates megabytes in
	// JavaScript.
	spare []js.Value
	// memory takes the helper's answers to memoryOp (JSON), apart from its gradients.
	memory chan string
	// onMessage and onError are the worker's handlers, released when the helper ends; ended is
	// closed then, for whoever waits on memory.
	onMessage, onError js.Func
	ended              chan struct{}
}

type helperAnswer struct {
	loss float64
	sums []float64 // a validation request's loss sums, one a batch
	err  error
	// part is a piece of a gradient, at its offset; the answer with done carries the loss.
	part js.Value
	at   int
	done bool
}

// pieces is how many pieces a helper's weights go out in and its gradient comes back in: four
// took some 1 ms of the 5.3 ms a two-worker step spends outside the shares (DEVELOPERS.md,
// "What is left of goal 1"), and each piece is a message of its own.
const pieces = 4

// answerRoom is the room in a helper's answer channel: a step's pieces and its loss, so that the
// worker's message handler never waits for Go.
const answerRoom = pieces + 1

// pieceBounds is the range [lo, hi) of piece j of a model of n values; a model smaller than
// pieces has empty pieces.
func pieceBounds(n, j int) (lo, hi int) { return j * n / pieces, (j + 1) * n / pieces }

func newWebPool() *webPool {
	n := 1
	if hc := js.Global().Get("navigator").Get("hardwareConcurrency"); hc.Type() == js.TypeNumber {
		n = hc.Int()
	}
	return &webPool{size: min(max(n, 1), proto.MaxWorkers), helpers: []*webHelper{nil}}
}

func (p *webPool) Size() int { return p.size }

// Start makes sure k-1 helpers run and gives each a text-generator replica that multiplies with
// kernel; they stay until no run trains with them (EndHelpers). The model file is written into
// each helper's buffer a chunk at a time, never whole in Go.
func (p *webPool) Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error) {
	var failed error
	h, err := p.start(k, func() (map[string]any, []any) {
		buf := js.Global().Get("Uint8Array").New(file.Size())
		if _, err := file.WriteTo(&jsWriter{arr: buf}); err != nil && failed == nil {
			failed = err
		}
		return map[string]any{"op": "replica", "file": buf, "text": text, "kernel": kernel.Name()}, []any{buf.Get("buffer")}
	})
	if failed != nil {
		return nil, failed
	}
	return h, err
}

// StartQA makes sure k-1 helpers run and gives each a question-model replica over the training
// examples (session.EncodeQAExamples); it replaces whatever replica they held.
func (p *webPool) StartQA(k int, model, examples []byte) (nn.Helpers, error) {
	return p.start(k, func() (map[string]any, []any) {
		mb, eb := bytesToJS(model), bytesToJS(examples)
		return map[string]any{"op": "qa-replica", "file": mb, "examples": eb}, []any{mb.Get("buffer"), eb.Get("buffer")}
	})
}

// bytesToJS copies bytes into a new Uint8Array.
func bytesToJS(b []byte) js.Value {
	buf := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(buf, b)
	return buf
}

// newWebHelper is the coordinator's side of the helper in worker w: it takes w's messages.
func newWebHelper(w js.Value) *webHelper {
	h := &webHelper{w: w, answer: make(chan helperAnswer, answerRoom), memory: make(chan string, 1), ended: make(chan struct{})}
	h.onMessage = js.FuncOf(func(_ js.Value, args []js.Value) any {
		h.receive(args[0].Get("data"))
		return nil
	})
	h.w.Set("onmessage", h.onMessage)
	h.onError = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "a training worker failed"
		if m := args[0].Get("message"); m.Type() == js.TypeString {
			msg = m.String()
		}
		select {
		case h.answer <- helperAnswer{err: errors.New(msg)}:
		default:
		}
		return nil
	})
	h.w.Set("onerror", h.onError)
	return h
}

// start makes sure k-1 helpers run and sends each the replica message msg makes (with what it
// transfers), then waits for every one to be ready.
func (p *webPool) start(k int, msg func() (map[string]any, []any)) (nn.Helpers, error) {
	for len(p.helpers) < k {
		// The name tells worker.js to wait for this engine's module instead of compiling its own.
		w := js.Global().Get("Worker").New("worker.js", map[string]any{"name": "fabulist-module-from-engine"})
		w.Call("postMessage", map[string]any{"op": "module", "module": js.Global().Get("fabulistModule")})
		p.helpers = append(p.helpers, newWebHelper(w))
	}
	for _, h := range p.helpers[1:k] {
		freeBuffers(h.spare)
		h.grad, h.spare = nil, nil
		m, transfer := msg()
		h.w.Call("postMessage", m, transfer)
	}
	for i, h := range p.helpers[1:k] {
		if a := <-h.answer; a.err != nil {
			return nil, fmt.Errorf("worker %d: %v", i+1, a.err)
		}
	}
	return webHelpers{p.helpers[:k]}, nil
}

// release lets go of the buffers kept between steps (each helper's gradient in Go, and the
// Float32Array that travels to it and back: 15 MB a helper for the book's model), which the next
// step makes again: the engine calls it whenever nothing trains, so that a paused or stopped run,
// or a later run on fewer workers, does not keep them.
func (p *webPool) release() {
	for _, h := range p.helpers[1:] {
		freeBuffers(h.spare)
		h.grad, h.spare = nil, nil
	}
}

// EndHelpers ends the helpers beyond the k-1 that a run of k workers uses (all of them for k ≤ 1),
// and the next Start starts fresh ones: an idle helper's Go instance keeps its WebAssembly memory
// (31–33 MB for the book's model) and its JavaScript heap until it ends. The session calls it
// whenever no run trains with them (session.HelperEnder), never within a step.
func (p *webPool) EndHelpers(k int) {
	k = max(k, 1)
	if len(p.helpers) <= k {
		return
	}
	for _, h := range p.helpers[k:] {
		h.end()
	}
	clear(p.helpers[k:])
	p.helpers = p.helpers[:k]
}

// end terminates the helper's worker, which frees its memory at once, and lets go of what this
// side holds for it. Its handlers are taken off before they are released, so that a message it
// posted before it ended finds none rather than a released function.
func (h *webHelper) end() {
	h.w.Set("onmessage", js.Null())
	h.w.Set("onerror", js.Null())
	h.w.Call("terminate")
	h.onMessage.Release()
	h.onError.Release()
	freeBuffers(h.spare)
	h.grad, h.chunk, h.spare = nil, nil, nil
	close(h.ended)
}

// receive takes a helper's message: "ready" after a replica, "grad" with a gradient, "error".
func (h *webHelper) receive(d js.Value) {
	if d.Type() != js.TypeObject { // the helper's own Ready, as every worker posts on start
		return
	}
	switch d.Get("op").String() {
	case "ready":
		h.answer <- helperAnswer{}
	case memoryOp:
		select {
		case h.memory <- d.Get("instances").String():
		default: // an answer nobody waits for any more
		}
	case "part": // a piece of the gradient stays in JavaScript until Receive or AddGradient reads it
		h.answer <- helperAnswer{part: d.Get("grad"), at: d.Get("at").Int()}
	case "grad":
		h.answer <- helperAnswer{loss: d.Get("loss").Float(), done: true}
	case "sums":
		h.spare = array(d.Get("weights"))
		v := d.Get("sums")
		sums := make([]float64, v.Length())
		for j := range sums {
			sums[j] = v.Index(j).Float()
		}
		h.answer <- helperAnswer{sums: sums}
	default:
		h.answer <- helperAnswer{err: errors.New(d.Get("error").String())}
	}
}

type webHelpers struct{ hs []*webHelper }

func (w webHelpers) Count() int { return len(w.hs) }

func (w webHelpers) Send(i int, weights []float32, starts []int32, seed uint64, total int) {
	stamp(stampSend)
	h := w.hs[i]
	h.weightsOut(weights)
	sb := int32sToJS(starts)
	h.w.Call("postMessage", map[string]any{"op": "grad", "starts": sb,
		"seed": strconv.FormatUint(seed, 10), "total": total}, []any{sb.Get("buffer")})
	stamp(stampSent)
}

// weightsOut posts weights to the helper a piece at a time ({op: "weights"}), each written into
// the Float32Array its piece of the helper's last answer came back in (the gradient, read
// already, or the weights of a validation request), or into a new one.
func (h *webHelper) weightsOut(weights []float32) {
	spare := h.spare
	h.spare = nil
	if len(spare) != pieces {
		freeBuffers(spare)
		spare = make([]js.Value, pieces)
	}
	for j, wb := range spare {
		lo, hi := pieceBounds(len(weights), j)
		if wb.Type() != js.TypeObject || wb.Length() != hi-lo {
			freeBuffer(wb)
			wb = js.Global().Get("Float32Array").New(hi - lo)
		}
		js.CopyBytesToJS(js.Global().Get("Uint8Array").New(wb.Get("buffer")), rawBytes(weights[lo:hi]))
		h.w.Call("postMessage", map[string]any{"op": "weights", "at": lo, "part": wb}, []any{wb.Get("buffer")})
	}
}

// freeBuffers lets go of the memory of each typed array in bufs.
func freeBuffers(bufs []js.Value) {
	for _, b := range bufs {
		freeBuffer(b)
	}
}

// int32sToJS copies s into a new Int32Array.
func int32sToJS(s []int32) js.Value {
	a := js.Global().Get("Int32Array").New(len(s))
	js.CopyBytesToJS(js.Global().Get("Uint8Array").New(a.Get("buffer")), rawBytes(s))
	return a
}

var _ nn.Evaluator = webHelpers{}

// SendEval asks helper i for the loss sums of batches with weights ({op: "eval"}): the weights
// go in the helper's buffers as a step's do, and come back in them with the sums ({op: "sums"}),
// and the batches as their starts one after the other, with each batch's size.
func (w webHelpers) SendEval(i int, weights []float32, batches [][]int32) {
	h := w.hs[i]
	var starts []int32
	sizes := make([]int32, len(batches))
	for j, b := range batches {
		starts = append(starts, b...)
		sizes[j] = int32(len(b))
	}
	h.weightsOut(weights)
	sb, zb := int32sToJS(starts), int32sToJS(sizes)
	h.w.Call("postMessage", map[string]any{"op": "eval", "starts": sb, "sizes": zb},
		[]any{sb.Get("buffer"), zb.Get("buffer")})
}

// ReceiveEval waits for helper i's loss sums.
func (w webHelpers) ReceiveEval(i int) ([]float64, error) {
	a := <-w.hs[i].answer
	return a.sums, a.err
}

// Receive copies helper i's gradient into Go whole; the question model's runs use it, the text
// generator's AddGradient.
func (w webHelpers) Receive(i int) ([]float32, float64, error) {
	h := w.hs[i]
	h.grad = h.grad[:0]
	loss, _, err := h.gradientIn(func(at int, part js.Value) error { // at is len(h.grad): the pieces join up
		h.grad = slices.Grow(h.grad, part.Length())[:at+part.Length()]
		js.CopyBytesToGo(rawBytes(h.grad[at:]), js.Global().Get("Uint8Array").New(part.Get("buffer")))
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return h.grad, loss, nil
}

// gradientIn waits for the helper's answer to a step: each piece of its gradient, handed to take
// as it comes (its offset and its Float32Array, still in JavaScript), then its items' loss, which
// it returns with how many values the pieces held. The pieces must come in order and join up;
// their buffers are kept for the next request's weights.
func (h *webHelper) gradientIn(take func(at int, part js.Value) error) (loss float64, n int, err error) {
	stamp(stampWait)
	var failed error
	next := 0
	for {
		a := <-h.answer
		switch {
		case a.err != nil:
			return 0, 0, a.err
		case a.done:
			if failed == nil && len(h.spare) != pieces {
				failed = fmt.Errorf("the worker answered %d pieces of its gradient for %d", len(h.spare), pieces)
			}
			return a.loss, next, failed
		}
		if len(h.spare) == 0 {
			stamp(stampAnswer)
		}
		h.spare = append(h.spare, a.part)
		if failed == nil && a.at != next {
			failed = fmt.Errorf("the worker answered a piece of its gradient at %d; want %d", a.at, next)
		}
		if failed == nil {
			failed = take(a.at, a.part)
		}
		next = a.at + a.part.Length()
	}
}

// addChunk is how many values of a helper's gradient AddGradient copies into Go at a time.
const addChunk = 1 << 16

var _ nn.GradAdder = webHelpers{}

// AddGradient adds helper i's gradient into grad a piece at a time as the pieces come, each a
// chunk at a time through a buffer of addChunk values, instead of copying it into Go whole
// first.
func (w webHelpers) AddGradient(i int, grad []float32) (float64, error) {
	h := w.hs[i]
	if h.chunk == nil {
		h.chunk = make([]float32, addChunk)
	}
	loss, n, err := h.gradientIn(func(at int, part js.Value) error {
		if at+part.Length() > len(grad) {
			return fmt.Errorf("worker %d answered gradients past the %d parameters", i, len(grad))
		}
		all := js.Global().Get("Uint8Array").New(part.Get("buffer"))
		for lo := 0; lo < part.Length(); lo += addChunk {
			hi := min(lo+addChunk, part.Length())
			piece := h.chunk[:hi-lo]
			js.CopyBytesToGo(rawBytes(piece), all.Call("subarray", 4*lo, 4*hi))
			nn.DefaultVector.Add(grad[at+lo:at+hi], piece)
		}
		if at+part.Length() == len(grad) {
			stamp(stampAdded)
		}
		return nil
	})
	if err == nil && n != len(grad) {
		err = fmt.Errorf("worker %d answered %d gradients for %d parameters", i, n, len(grad))
	}
	return loss, err
}

// rawBytes views a slice of 4-byte numbers as its bytes, for one copy to or from JavaScript.
func rawBytes[T float32 | int32](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), 4*len(s))
}

// bytesFromJS copies a Uint8Array (or an ArrayBuffer) into Go, and detaches it (freeBuffer): what
// a helper is sent is its own. A Uint8Array is read as it is: new Uint8Array(aUint8Array) would
// copy it first, megabytes for a model file.
func bytesFromJS(v js.Value) []byte {
	buf := v
	if u8 := js.Global().Get("Uint8Array"); !v.InstanceOf(u8) {
		buf = u8.New(v) // a view of an ArrayBuffer
	}
	b := make([]byte, buf.Length())
	js.CopyBytesToGo(b, buf)
	freeBuffer(buf)
	return b
}

// helperMode serves a coordinator as one of its helpers: a replica per "replica" message, a
// gradient per "grad" message. It also answers memoryOp, from the page in the engine (with its
// helpers' memory) and from the engine in a helper.
func helperMode(inbox <-chan js.Value, pool *webPool) {
	self := js.Global()
	var rep nn.Replica
	var starts, sizes []int32 // a request's windows, and a validation request's batch sizes
	var in weightsIn          // the request's weights, as their pieces come
	fail := func(err error) { self.Call("postMessage", map[string]any{"op": "error", "error": err.Error()}) }
	// took makes a replica the one that answers, or says why there is none.
	took := func(r nn.Replica, err error) {
		if err != nil {
			fail(err)
			return
		}
		rep = r
		self.Call("postMessage", map[string]any{"op": "ready"})
	}
	for d := range inbox {
		switch d.Get("op").String() {
		case memoryOp:
			answerMemory(pool)
		case "replica":
			r, err := session.NewReplica(bytesFromJS(d.Get("file")), d.Get("text").String())
			if err == nil {
				err = session.SetKernel(r, d.Get("kernel").String())
			}
			took(r, err)
		case "qa-replica":
			took(session.NewQAReplica(bytesFromJS(d.Get("file")), bytesFromJS(d.Get("examples"))))
		case "weights":
			if len(in.parts) == 0 {
				stamp(stampHGot)
			}
			in.take(rep, d.Get("part"), d.Get("at").Int())
		case "eval":
			parts, err := in.done(rep)
			er, ok := rep.(nn.EvalReplica)
			if err == nil && !ok {
				err = errors.New("this replica does not measure losses")
			}
			if err != nil {
				fail(err)
				continue
			}
			starts = int32sFromJS(starts, d.Get("starts"))
			sizes = int32sFromJS(sizes, d.Get("sizes"))
			sums := js.Global().Get("Float64Array").New(len(sizes))
			var failed error
			for j, at := 0, 0; j < len(sizes) && failed == nil; j++ {
				n := int(sizes[j])
				if n < 0 || at+n > len(starts) {
					failed = fmt.Errorf("a batch of %d windows past the %d sent", n, len(starts))
					break
				}
				var sum float64
				sum, failed = er.LossSum(starts[at : at+n])
				sums.SetIndex(j, sum)
				at += n
			}
			if failed != nil {
				fail(failed)
				continue
			}
			transfer := make([]any, len(parts))
			back := make([]any, len(parts))
			for j, p := range parts {
				back[j], transfer[j] = p, p.Get("buffer")
			}
			self.Call("postMessage", map[string]any{"op": "sums", "sums": sums, "weights": back}, transfer)
		case "grad":
			parts, err := in.done(rep)
			if err != nil {
				fail(err)
				continue
			}
			stamp(stampHCopied)
			starts = int32sFromJS(starts, d.Get("starts"))
			seed, _ := strconv.ParseUint(d.Get("seed").String(), 10, 64)
			g, loss, err := rep.Gradient(starts, seed, d.Get("total").Int())
			if err != nil {
				fail(err)
				continue
			}
			stamp(stampHDone)
			// The weights are in Go now: the gradient goes back in their buffers, a piece a message,
			// so that the coordinator adds one while the next is copied.
			for j := range pieces {
				lo, hi := pieceBounds(len(g), j)
				out := parts[j]
				if out.Length() != hi-lo {
					out = js.Global().Get("Float32Array").New(hi - lo)
				}
				js.CopyBytesToJS(js.Global().Get("Uint8Array").New(out.Get("buffer")), rawBytes(g[lo:hi]))
				self.Call("postMessage", map[string]any{"op": "part", "at": lo, "grad": out}, []any{out.Get("buffer")})
			}
			self.Call("postMessage", map[string]any{"op": "grad", "loss": loss})
			stamp(stampHPosted)
		}
	}
}

// weightsIn is a helper's request's weights as their pieces come ({op: "weights"}), each copied
// into the replica's at once; the request ({op: "grad"} or "eval") then takes them (done).
type weightsIn struct {
	parts []js.Value // the pieces' Float32Arrays, in order: the answer goes back in them
	next  int        // where the next piece must start
	err   error      // the first piece that did not fit
}

// take copies a piece of the weights, at offset at, into the replica's.
func (in *weightsIn) take(rep nn.Replica, part js.Value, at int) {
	in.parts = append(in.parts, part)
	if in.err != nil {
		return
	}
	switch {
	case rep == nil:
		in.err = errors.New("no replica yet")
	case part.Type() != js.TypeObject || !part.InstanceOf(js.Global().Get("Float32Array")):
		in.err = errors.New("a piece of the weights is not a Float32Array")
	case at != in.next || at+part.Length() > len(rep.Weights()):
		in.err = fmt.Errorf("a piece of %d weights at %d, where %d of %d have come", part.Length(), at, in.next, len(rep.Weights()))
	default:
		js.CopyBytesToGo(rawBytes(rep.Weights()[at:at+part.Length()]), js.Global().Get("Uint8Array").New(part.Get("buffer")))
		in.next = at + part.Length()
	}
}

// done ends the request's weights: it returns their pieces' buffers, or why they are not the
// replica's whole weights in pieces, and starts afresh for the next request.
func (in *weightsIn) done(rep nn.Replica) ([]js.Value, error) {
	parts, next, err := in.parts, in.next, in.err
	*in = weightsIn{}
	switch {
	case err != nil:
		return nil, err
	case rep == nil:
		return nil, errors.New("no replica yet")
	case next != len(rep.Weights()) || len(parts) != pieces:
		return nil, fmt.Errorf("got %d weights in %d pieces for %d parameters in %d", next, len(parts), len(rep.Weights()), pieces)
	}
	return parts, nil
}

// int32sFromJS copies an Int32Array into buf, grown to its length, and returns it.
func int32sFromJS(buf []int32, v js.Value) []int32 {
	buf = slices.Grow(buf[:0], v.Length())[:v.Length()]
	js.CopyBytesToGo(rawBytes(buf), js.Global().Get("Uint8Array").New(v.Get("buffer")))
	return buf
}
