package app

import (
	"runtime"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// warmUpGC runs the page's first garbage collection once the page is idle after loading.
//
// The page's Go heap first reaches its collection goal (4 MB) some seconds into a first training
// run, after a long text was pasted. That first collection held the page's thread for 50–100 ms
// (GODEBUG=gctrace=1: 14+27+7 ms for a 3 MB heap): Chromium compiles WebAssembly functions when
// they are first called, and the collector's are first called then, in one task, as Go's wasm
// has a single thread. Run while the page waits for the engine, the same work freezes nothing
// that moves; later collections find the collector compiled and a small heap.
func warmUpGC() {
	if !app.IsClient {
		return
	}
	whenIdle(func() { go runtime.GC() })
}

// whenIdle calls f once the browser has nothing else to do (requestIdleCallback, at most 2 s
// late), or after the current task where the browser has no idle callbacks.
func whenIdle(f func()) {
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		f()
		return nil
	})
	w := app.Window()
	if w.Get("requestIdleCallback").Truthy() {
		w.Call("requestIdleCallback", cb, map[string]any{"timeout": 2000})
		return
	}
	w.Call("setTimeout", cb, 0)
}
