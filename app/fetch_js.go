//go:build js && wasm

package app

import (
	"fmt"
	"syscall/js"
)

// fetchText gets a small static file with the browser's fetch. Not net/http: its client links
// the TLS and certificate code into the page's binary, 600 KB of the download (brotli) for
// requests that fetch makes anyway. It blocks its goroutine, never the page's event loop.
func fetchText(url string) (string, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return "", fmt.Errorf("%s: %v", url, err)
	}
	if !resp.Get("ok").Bool() {
		return "", fmt.Errorf("%s: %d %s", url, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return "", fmt.Errorf("%s: %v", url, err)
	}
	bytes := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, min(bytes.Length(), MaxTextBytes+1))
	js.CopyBytesToGo(b, bytes)
	return string(b), nil
}

// await waits for a promise to settle and returns its value or its rejection's message.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	done := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{v: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "failed"
		if len(args) > 0 {
			msg = js.Global().Get("String").Invoke(args[0]).String()
		}
		done <- result{err: fmt.Errorf("%s", msg)}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-done
	ok.Release()
	fail.Release()
	return r.v, r.err
}
