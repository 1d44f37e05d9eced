//go:build wasm

package main

import (
	"errors"
	"io"
)

func cmdSite(args []string, stdout, stderr io.Writer) error {
	return errors.New("site is not available in the WebAssembly build; run the native fabulist")
}
