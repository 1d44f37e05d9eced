//go:build js && wasm

package worker

import (
	"errors"
	"fmt"
	"syscall/js"

	"fabulist/model/fab"
	"fabulist/studio/session"
)

// idbStore is session.Store on IndexedDB, through web/store.js. Each call waits for its promise:
// while Go waits, the worker's event loop runs, so messages keep arriving.
type idbStore struct{ js js.Value }

func newIDBStore() (idbStore, bool) {
	v := js.Global().Get("fabulistStore")
	if !v.Truthy() {
		return idbStore{}, false
	}
	return idbStore{v}, true
}

var _ session.QAStore = idbStore{}

// PutQA saves the question model (store.js's "qa" object store), its file as a Blob written a
// chunk at a time, as Put does: a question model's file is tens of megabytes (37 MB for a model
// trained on FairytaleQA), which IndexedDB would clone in the renderer.
func (s idbStore) PutQA(meta, model []byte) error {
	_, err := await(s.js.Call("putQA", string(meta), blobOfBytes(model)))
	return err
}

// DeleteQA removes the saved question model (store.js's "qa:current" record).
func (s idbStore) DeleteQA() error {
	_, err := await(s.js.Call("delQA"))
	return err
}

// GetQA reads the saved question model back; store.js has checked its values' types.
func (s idbStore) GetQA() ([]byte, []byte, error) {
	v, err := await(s.js.Call("getQA"))
	if err != nil || v.Type() != js.TypeObject {
		return nil, nil, err
	}
	if f, ok := str(v, "fault"); ok {
		return nil, nil, errors.New(f)
	}
	meta, _ := str(v, "meta")
	m := property(v, "model")
	if !m.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, nil, errors.New("the model is not bytes")
	}
	model := make([]byte, m.Length())
	js.CopyBytesToGo(model, m)
	freeBuffer(m)
	return []byte(meta), model, nil
}

// await waits for a promise and turns a rejection into one of the session's errors.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: jsError(args)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}

func jsError(args []js.Value) error {
	if len(args) == 0 || !args[0].Truthy() {
		return errors.New("unknown storage error")
	}
	e := args[0]
	name, _ := str(e, "name")
	msg, _ := str(e, "message")
	switch name {
	case "QuotaExceededError":
		return fmt.Errorf("%w (%s)", session.ErrQuota, msg)
	case "UnavailableError", "SecurityError", "InvalidStateError":
		return fmt.Errorf("%w (%s)", session.ErrUnavailable, msg)
	}
	if name == "" {
		return fmt.Errorf("storage error: %s", js.Global().Call("String", e).String())
	}
	return fmt.Errorf("%s: %s", name, msg)
}

// Put stores a workspace, its model file (st.File) as a Blob written a chunk at a time
// (blobOf), so that the engine never holds the whole file in Go beside it, and IndexedDB keeps
// the Blob by reference instead of cloning its bytes in the renderer.
func (s idbStore) Put(st session.Stored) error {
	file := js.Null()
	if st.File != nil {
		b, err := blobOf(st.File)
		if err != nil {
			return err
		}
		file = b
	}
	_, err := await(s.js.Call("put", st.ID, string(st.Meta), string(st.Data), file))
	return err
}

// blobChunk is how many bytes of a model file go into the JavaScript buffer that each part of
// its Blob is made from.
const blobChunk = 1 << 20

// blobOf writes a model file into a Blob, blobChunk bytes at a time through one buffer, each part
// a Blob of its own. A model file written whole into a Uint8Array was in the renderer some three
// times over while IndexedDB stored it (the array, IndexedDB's structured clone of it, and what
// that clone is handed to the browser's process in): sampled every 20 ms, private memory rose by
// 46 MB for the book model's 15 MB file for some 150 ms, the renderer's peak in that run of make
// bench-browser; as a Blob, by 4–8 MB. A Blob's bytes go to the browser's process as it is made,
// and IndexedDB keeps a reference to it.
func blobOf(f *fab.Plan) (js.Value, error) {
	w := newBlobWriter(f.Size())
	if _, err := f.WriteTo(w); err != nil {
		return js.Value{}, err
	}
	if w.size != f.Size() {
		return js.Value{}, fmt.Errorf("the model file came to %d bytes, not the %d laid out", w.size, f.Size())
	}
	return w.blob(), nil
}

// blobOfBytes is blobOf for a file already in Go.
func blobOfBytes(b []byte) js.Value {
	w := newBlobWriter(len(b))
	w.Write(b) // a blobWriter takes every byte
	return w.blob()
}

// blobWriter gathers what is written into buf and makes a Blob of it, a part, each time buf fills.
type blobWriter struct {
	buf   js.Value // Uint8Array
	n     int      // bytes in buf
	parts js.Value // Array of Blob
	size  int      // bytes written
}

// newBlobWriter makes a blobWriter for a file of size bytes, its buffer no larger than the file.
func newBlobWriter(size int) *blobWriter {
	return &blobWriter{buf: js.Global().Get("Uint8Array").New(min(blobChunk, max(size, 1))),
		parts: js.Global().Get("Array").New()}
}

func (w *blobWriter) Write(p []byte) (int, error) {
	written := len(p)
	for len(p) > 0 {
		k := min(len(p), w.buf.Length()-w.n)
		js.CopyBytesToJS(w.buf.Call("subarray", w.n, w.n+k), p[:k])
		w.n, w.size, p = w.n+k, w.size+k, p[k:]
		if w.n == w.buf.Length() {
			w.flush()
		}
	}
	return written, nil
}

// flush makes a part of the bytes in buf; the Blob copies them, so buf is free again.
func (w *blobWriter) flush() {
	if w.n == 0 {
		return
	}
	w.parts.Call("push", js.Global().Get("Blob").New([]any{w.buf.Call("subarray", 0, w.n)}))
	w.n = 0
}

// blob is the Blob of everything written.
func (w *blobWriter) blob() js.Value {
	w.flush()
	return js.Global().Get("Blob").New(w.parts, map[string]any{"type": "application/octet-stream"})
}

// jsWriter writes into a Uint8Array from its start, and refuses to write past its end.
type jsWriter struct {
	arr js.Value
	off int
}

func (w *jsWriter) Write(p []byte) (int, error) {
	if w.off+len(p) > w.arr.Length() {
		return 0, fmt.Errorf("the model file outgrew the %d bytes laid out", w.arr.Length())
	}
	js.CopyBytesToJS(w.arr.Call("subarray", w.off, w.off+len(p)), p)
	w.off += len(p)
	return len(p), nil
}

func (s idbStore) Get(id string) (session.Stored, error) {
	v, err := await(s.js.Call("get", id))
	if err != nil {
		return session.Stored{}, err
	}
	if v.Type() != js.TypeObject {
		return session.Stored{}, session.ErrNoWorkspace
	}
	return storedOf(id, v), nil
}

func (s idbStore) Index() ([]session.Stored, []string, error) {
	v, err := await(s.js.Call("index"))
	if err != nil {
		return nil, nil, err
	}
	if v.Type() != js.TypeObject {
		return nil, nil, errors.New("the storage answered no index")
	}
	var metas []session.Stored
	for _, m := range array(v.Get("metas")) {
		if id, ok := str(m, "id"); ok {
			metas = append(metas, storedOf(id, m))
		}
	}
	var data []string
	for _, k := range array(v.Get("data")) {
		if k.Type() == js.TypeString {
			data = append(data, k.String())
		}
	}
	return metas, data, nil
}

// storedOf reads what store.js's get or index made of a workspace's records. store.js checked
// the types already; this reads every property as if it had not, so that nothing it hands over
// can make the worker panic.
func storedOf(id string, v js.Value) session.Stored {
	st := session.Stored{ID: id, HasMeta: boolean(v, "hasMeta"), HasData: boolean(v, "hasData")}
	if st.HasMeta {
		meta, ok := str(v, "meta")
		if st.MetaFault, st.MetaFaultBytes = fault(v, "meta"); st.MetaFault == "" && !ok {
			st.MetaFault = "its description cannot be read"
		}
		st.Meta = []byte(meta) // kept beside a fault too: it counts in the size
	}
	if !st.HasData {
		return st
	}
	data, ok := str(v, "data")
	if st.DataFault, st.DataFaultBytes = fault(v, "data"); st.DataFault == "" && !ok {
		st.DataFault = "its text and settings cannot be read"
	}
	if st.Data = []byte(data); st.DataFault != "" {
		return st
	}
	switch m := property(v, "model"); {
	case m.IsUndefined() || m.IsNull():
	case m.InstanceOf(js.Global().Get("Uint8Array")):
		st.Model = make([]byte, m.Length())
		js.CopyBytesToGo(st.Model, m)
		freeBuffer(m)
	default:
		st.DataFault = "the model cannot be read"
	}
	return st
}

// fault is the reason store.js gave for a record's value of the wrong type, with its size; ""
// when it gave none.
func fault(v js.Value, record string) (string, int) {
	reason, _ := str(v, record+"Fault")
	if reason == "" {
		return "", 0
	}
	n := property(v, record+"FaultBytes")
	if n.Type() != js.TypeNumber || !(n.Float() >= 0) {
		return reason, 0
	}
	return reason, int(min(n.Float(), 1<<50))
}

// property is v[k], or undefined when v is not an object.
func property(v js.Value, k string) js.Value {
	if t := v.Type(); t != js.TypeObject && t != js.TypeFunction {
		return js.Undefined()
	}
	return v.Get(k)
}

func str(v js.Value, k string) (string, bool) {
	if x := property(v, k); x.Type() == js.TypeString {
		return x.String(), true
	}
	return "", false
}

func boolean(v js.Value, k string) bool {
	x := property(v, k)
	return x.Type() == js.TypeBoolean && x.Bool()
}

// array is the elements of a JavaScript array; none when v is not one.
func array(v js.Value) []js.Value {
	if v.Type() != js.TypeObject || !js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil
	}
	out := make([]js.Value, v.Length())
	for i := range out {
		out[i] = v.Index(i)
	}
	return out
}

func (s idbStore) Delete(id string) error {
	_, err := await(s.js.Call("del", id))
	return err
}

func (s idbStore) Estimate() (int64, int64) {
	v, err := await(s.js.Call("estimate"))
	if err != nil || !v.Truthy() {
		return 0, 0
	}
	num := func(k string) int64 {
		if x := v.Get(k); x.Type() == js.TypeNumber {
			return int64(x.Float())
		}
		return 0
	}
	return num("usage"), num("quota")
}
