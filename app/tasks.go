package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// nextTask calls f in a browser task of its own (setTimeout 0): timers already due run first, and
// the browser may render in between, so that the page's thread is not held for the sum of two
// pieces of work. Outside a browser it calls f at once.
func nextTask(f func()) {
	if !app.IsClient {
		f()
		return
	}
	var cb app.Func
	cb = app.FuncOf(func(this app.Value, args []app.Value) any {
		cb.Release()
		f()
		return nil
	})
	app.Window().Call("setTimeout", cb, 0)
}
