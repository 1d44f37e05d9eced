//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"

	"fabulist/model"
	"fabulist/proto"
	"fabulist/session"
)

// idbStore is session.Store on IndexedDB, through web/store.js. Each call waits for its promise:
// while Go waits, the worker's event loop runs, so messages keep arriving.
type idbStore struct{ js js.Value }

func newIDBStore() (session.Store, bool) {
	v := js.Global().Get("fabulistStore")
	if !v.Truthy() {
		return nil, false
	}
	return idbStore{v}, true
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
	name, msg := "", ""
	if n := e.Get("name"); n.Type() == js.TypeString {
		name = n.String()
	}
	if m := e.Get("message"); m.Type() == js.TypeString {
		msg = m.String()
	}
	switch name {
	case "QuotaExceededError":
		return fmt.Errorf("%w (%s)", session.ErrQuota, msg)
	case "UnavailableError", "SecurityError", "InvalidStateError":
		return fmt.Errorf("%w (%s)", session.ErrUnavailable, msg)
	}
	if name == "" {
		return errors.New(e.Call("toString").String())
	}
	return fmt.Errorf("%s: %s", name, msg)
}

// stored is the JSON half of a record; the model file travels as bytes beside it.
type stored struct {
	Text    string               `json:"text"`
	Config  model.Config         `json:"config"`
	Samples []proto.EpochSamples `json:"samples,omitempty"`
}

func (s idbStore) Put(r session.Record) error {
	meta, err := json.Marshal(r.Info)
	if err != nil {
		return err
	}
	data, err := json.Marshal(stored{Text: r.Text, Config: r.Config, Samples: r.Samples})
	if err != nil {
		return err
	}
	file := js.Null()
	if r.Model != nil {
		file = js.Global().Get("Uint8Array").New(len(r.Model))
		js.CopyBytesToJS(file, r.Model)
	}
	_, err = await(s.js.Call("put", r.Info.ID, string(meta), string(data), file))
	return err
}

func (s idbStore) Get(id string) (session.Record, error) {
	v, err := await(s.js.Call("get", id))
	if err != nil {
		return session.Record{}, err
	}
	if !v.Truthy() {
		return session.Record{}, session.ErrNoWorkspace
	}
	var st stored
	if err := json.Unmarshal([]byte(v.Get("data").String()), &st); err != nil {
		return session.Record{}, fmt.Errorf("the saved workspace is damaged: %v", err)
	}
	r := session.Record{Text: st.Text, Config: st.Config, Samples: st.Samples}
	if err := json.Unmarshal([]byte(v.Get("meta").String()), &r.Info); err != nil {
		return session.Record{}, fmt.Errorf("the saved workspace is damaged: %v", err)
	}
	if m := v.Get("model"); m.Truthy() {
		r.Model = make([]byte, m.Length())
		js.CopyBytesToGo(r.Model, m)
	}
	return r, nil
}

func (s idbStore) List() ([]proto.Workspace, error) {
	v, err := await(s.js.Call("list"))
	if err != nil {
		return nil, err
	}
	var out []proto.Workspace
	for i := range v.Length() {
		var w proto.Workspace
		if json.Unmarshal([]byte(v.Index(i).String()), &w) == nil {
			out = append(out, w)
		}
	}
	return out, nil
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
