//go:build !(js && wasm)

package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// loadDemo does nothing outside the browser: the server prerenders the page without its demo.
func loadDemo(ctx app.Context) {}
