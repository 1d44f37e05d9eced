//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/server"
)

func cmdSite(args []string, stdout, stderr io.Writer) error {
	f := newFlags("site", "-out DIR [-prefix /name] [-web DIR] [-samples DIR] [-model M.fab [-text FILE]]")
	out := f.String("out", "", "folder to write the static site into")
	prefix := f.String("prefix", "", "path the site is served under, e.g. /fabulist for a GitHub Pages project site")
	webDir := f.String("web", "web", "folder of the built page (make web)")
	sampleDir := f.String("samples", "", "offer the .txt files of this folder (default: the built-in samples)")
	modelPath := f.String("model", "", "publish a demo: the page opens this model file at start, ready to write")
	textPath := f.String("text", "", "with -model: the text it was trained on, shown and kept so that training can go on")
	if err := parse(f, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"-out is required"}
	}
	demo, err := readDemo(*modelPath, *textPath)
	if err != nil {
		return err
	}
	sampleFS, err := samplesFrom(*sampleDir)
	if err != nil {
		return err
	}
	if err := server.WriteSite(server.Options{WebDir: *webDir, Samples: sampleFS, Demo: demo}, *out, *prefix); err != nil {
		return err
	}
	what := "the studio"
	if demo != nil {
		what = "the studio, opening on " + *modelPath
	}
	fmt.Fprintf(stdout, "wrote %s to %s: serve that folder as static files (at %s/)\n", what, *out, *prefix)
	return nil
}

// readDemo reads and checks a published demo's model file and text: the model must decode as a
// text generator, and the text, when given, must be the one it was trained on. Nil without -model.
func readDemo(modelPath, textPath string) (*server.Demo, error) {
	if modelPath == "" {
		if textPath != "" {
			return nil, usageError{"-text goes with -model: the text the demo's model was trained on"}
		}
		return nil, nil
	}
	b, err := readLimited(modelPath, lm.MaxFileBytes, []byte(fab.Magic), "a Fabulist model (.fab)")
	if err != nil {
		return nil, err
	}
	m, err := lm.Decode(b)
	if errors.Is(err, fab.ErrKind) {
		return nil, fmt.Errorf("%s: %v; site -model publishes a text generator's demo (question models: not yet)", modelPath, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", modelPath, err)
	}
	d := &server.Demo{Model: b}
	if textPath != "" {
		if d.Text, err = readText(textPath); err != nil {
			return nil, err
		}
		if lm.HashText(d.Text) != m.TextHash {
			return nil, fmt.Errorf("%s is not the text %s was trained on", textPath, modelPath)
		}
	}
	return d, nil
}
