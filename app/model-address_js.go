//go:build js && wasm

package app

import (
	"fmt"
	"strconv"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/fab"
)

// fetchModelFile fetches a model link's file with the browser's fetch (CORS, no cookies), and
// reads it piece by piece, so that a file past MaxAddressModelBytes, or one that does not begin
// as a model file does, is dropped as soon as that shows, before the rest is downloaded. The
// pieces stay in JavaScript; only the first bytes are copied into Go, to check them. What it
// returns has the file as an ArrayBuffer, or the reason it has none.
func fetchModelFile(addr string) demoFetched {
	opts := js.Global().Get("Object").New()
	opts.Set("mode", "cors")
	opts.Set("credentials", "omit")
	resp, err := await(js.Global().Call("fetch", addr, opts))
	if err != nil {
		return modelFetchFailed(addr, "the host did not answer, or does not let other sites read the file "+
			"(it must send the header Access-Control-Allow-Origin; "+err.Error()+")")
	}
	if !resp.Get("ok").Bool() {
		return modelFetchFailed(addr, fmt.Sprintf("the host answered %d %s", resp.Get("status").Int(), resp.Get("statusText").String()))
	}
	tooBig := func(n int64) demoFetched {
		return modelFetchFailed(addr, fmt.Sprintf("the file is %d MB or more; a model link takes files of at most %d MB", n>>20, MaxAddressModelBytes>>20))
	}
	if cl := resp.Get("headers").Call("get", "Content-Length"); cl.Type() == js.TypeString {
		if n, err := strconv.ParseInt(cl.String(), 10, 64); err == nil && n > MaxAddressModelBytes {
			if body := resp.Get("body"); body.Truthy() {
				body.Call("cancel")
			}
			return tooBig(n)
		}
	}
	notModel := func() demoFetched {
		what := "it is not a Fabulist model file (.fab)"
		if ct := resp.Get("headers").Call("get", "Content-Type"); ct.Type() == js.TypeString {
			what += ": the host sent " + ct.String()
		}
		return modelFetchFailed(addr, what)
	}
	body := resp.Get("body")
	if !body.Truthy() { // no body at all
		return notModel()
	}
	reader := body.Call("getReader")
	var pieces []js.Value
	var total int64
	head := make([]byte, 0, len(fab.Magic))
	for {
		r, err := await(reader.Call("read"))
		if err != nil {
			return modelFetchFailed(addr, "the download broke off ("+err.Error()+")")
		}
		if r.Get("done").Bool() {
			break
		}
		piece := r.Get("value") // a Uint8Array
		n := piece.Get("byteLength").Int()
		total += int64(n)
		if total > MaxAddressModelBytes {
			reader.Call("cancel")
			return tooBig(total)
		}
		if len(head) < cap(head) {
			b := make([]byte, min(n, cap(head)-len(head)))
			js.CopyBytesToGo(b, piece.Call("subarray", 0, len(b)))
			head = append(head, b...)
			if string(head) != fab.Magic[:len(head)] {
				reader.Call("cancel")
				return notModel()
			}
		}
		pieces = append(pieces, piece)
	}
	if len(head) < len(fab.Magic) {
		return notModel()
	}
	file := js.Global().Get("Uint8Array").New(total)
	at := 0
	for _, p := range pieces {
		file.Call("set", p, at)
		at += p.Get("byteLength").Int()
	}
	return demoFetched{File: app.ValueOf(file.Get("buffer")), Address: addr}
}
