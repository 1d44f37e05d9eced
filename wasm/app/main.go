//go:build js && wasm

// Command app is the studio's page, built to web/app.wasm.
package main

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	studio "fabulist/app"
)

func main() {
	studio.Register()
	// Before go-app reads the address: it cannot survive every address a user can be sent.
	studio.GuardAddress()
	app.RunWhenOnBrowser()
}
