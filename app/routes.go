// Package app is the studio: go-app components, their action handlers and routes. The browser
// (wasm/app) and the server (fabulist serve) both call Register, so that they agree on what each
// path shows.
//
// State has one owner: the action handlers in handlers.go, which keep a View on the UI goroutine
// and publish it with ctx.SetState. Components render the View they are given and send actions;
// they never compute.
package app

import (
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var registered sync.Once

// Register declares the studio's routes and action handlers, once however often it is called
// (go-app would run a handler registered twice twice). The studio is the only page: the server
// serves it at any path, with 404 for any but its own, so that a mistyped or stale address opens
// it, where GuardAddress says the page asked for does not exist and puts the studio's path in the
// address. The page itself routes only its own path, which GuardAddress has made the address's
// before go-app reads it: the route for any path is a regular expression, whose compilation
// called some 35 functions of regexp for the first time at each start of the page, each compiled
// then on the page's thread (DEVELOPERS.md, "TurboFan at the start").
func Register() {
	registered.Do(func() {
		app.Route("/", &Studio{})
		if app.IsServer {
			app.RouteWithRegexp("^/", &Studio{})
		}
		newStore(bridge, loadDraft, domForm{}).register()
	})
}
