//go:build !wasm

package main

import (
	"fmt"
	"io"

	"fabulist/server"
)

func cmdSite(args []string, stdout, stderr io.Writer) error {
	f := newFlags("site", "-out DIR [-prefix /name] [-web DIR] [-samples DIR]")
	out := f.String("out", "", "folder to write the static site into")
	prefix := f.String("prefix", "", "path the site is served under, e.g. /fabulist for a GitHub Pages project site")
	webDir := f.String("web", "web", "folder of the built page (make web)")
	sampleDir := f.String("samples", "", "offer the .txt files of this folder (default: the built-in samples)")
	if err := parse(f, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"-out is required"}
	}
	sampleFS, err := samplesFrom(*sampleDir)
	if err != nil {
		return err
	}
	if err := server.WriteSite(server.Options{WebDir: *webDir, Samples: sampleFS}, *out, *prefix); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the studio to %s: serve that folder as static files (at %s/)\n", *out, *prefix)
	return nil
}
