//go:build js && wasm

package app

import (
	"fmt"
	"strconv"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// loadDemo fetches the published demo the page's meta tags name, if any, and hands it to the
// store (actDemo), once a page.
func loadDemo(ctx app.Context) {
	model := demoMeta(DemoModelMeta)
	if model == "" {
		return
	}
	modelURL, textURL := ctx.ResolveStaticResource(model), ""
	if text := demoMeta(DemoTextMeta); text != "" {
		textURL = ctx.ResolveStaticResource(text)
	}
	minCopied, _ := strconv.Atoi(demoMeta(DemoMinCopiedMeta)) // 0 (the default) when there is none
	demoOnce.Do(func() {
		go func() {
			d := fetchDemo(modelURL, textURL)
			d.MinCopied = minCopied
			ctx.NewActionWithValue(actDemo, d)
		}()
	})
}

// demoMeta is the content of the page's meta tag of that name; "" when there is none.
func demoMeta(name string) string {
	el := js.Global().Get("document").Call("querySelector", `meta[name="`+name+`"]`)
	if !el.Truthy() {
		return ""
	}
	return el.Call("getAttribute", "content").String()
}

// fetchDemo gets the demo's model, as an ArrayBuffer left in JavaScript, and its text.
func fetchDemo(modelURL, textURL string) demoFetched {
	fail := func(what string, err error) demoFetched {
		return demoFetched{Error: fmt.Sprintf("This demo's %s could not be fetched (%v). The studio works as usual: train a model of your own.", what, err)}
	}
	resp, err := await(js.Global().Call("fetch", modelURL))
	if err == nil && !resp.Get("ok").Bool() {
		err = fmt.Errorf("%s: %d %s", modelURL, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	if err != nil {
		return fail("model", err)
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return fail("model", err)
	}
	if n := buf.Get("byteLength").Int(); n > maxModelBytes {
		return fail("model", fmt.Errorf("%s is %d MB: too large to be a Fabulist model", modelURL, n>>20))
	}
	d := demoFetched{File: app.ValueOf(buf)}
	if textURL != "" {
		if d.Text, err = fetchText(textURL); err != nil {
			return fail("text", err)
		}
	}
	return d
}
