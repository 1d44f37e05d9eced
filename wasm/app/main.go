//go:build js && wasm

// Command app is the studio's one WebAssembly module, built to web/app.wasm: the page (go-app)
// when go-app's loader starts it, and the training engine when web/worker.js does. One module
// instead of two carries one Go runtime, reflect, encoding/json and fmt instead of two: a cold
// load transfers about 1 MB less, and the worker's fetch of the same URL is answered from the
// browser's cache.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	studio "fabulist/app"
	"fabulist/studio/memstat"
	"fabulist/studio/worker"
)

// modeGlobal is the global web/worker.js sets to engineMode before it runs the module. It is read
// first: a Web Worker has no document either, but "no document" alone would also send the page
// into the engine's loop if a browser ever started it without one.
const (
	modeGlobal = "fabulistMode"
	engineMode = "engine"
)

func main() {
	global := js.Global()
	switch mode := global.Get(modeGlobal); {
	case mode.Type() == js.TypeString && mode.String() == engineMode:
		worker.Run()
	case mode.Type() != js.TypeUndefined:
		fmt.Fprintf(os.Stderr, "app.wasm: unknown mode %v (%s)\n", mode, modeGlobal)
		os.Exit(2)
	case !global.Get("document").Truthy():
		fmt.Fprintf(os.Stderr, "app.wasm: no document and no %s: start the engine with web/worker.js\n", modeGlobal)
		os.Exit(2)
	default:
		// For web/page.js's fabulistMemory: the page's memory, as JSON of a memstat.Instance.
		global.Set("fabulistGoMemory", js.FuncOf(func(_ js.Value, args []js.Value) any {
			b, _ := json.Marshal(memstat.ReadHere(args[0].String()))
			return string(b)
		}))
		studio.Register()
		// Before go-app reads the address: it cannot survive every address a user can be sent.
		studio.GuardAddress()
		app.RunWhenOnBrowser()
	}
}
