//go:build wasm

package main

import (
	"errors"
	"io"
)

// The server is not part of the WebAssembly build of the command line.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	return errors.New("serve is not available in the WebAssembly build; run the native fabulist")
}
