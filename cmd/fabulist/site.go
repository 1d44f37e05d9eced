//go:build !wasm

package main

import (
	"errors"
	"fmt"
	"io"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/server"
)

func cmdSite(args []string, stdout, stderr io.Writer) error {
	f := newFlags("site", "-out DIR [-prefix /name] [-web DIR] [-samples DIR] [-model M.fab [-text FILE] [-min-copied N]]")
	out := f.String("out", "", "folder to write the static site into")
	prefix := f.String("prefix", "", "path the site is served under, e.g. /fabulist for a GitHub Pages project site")
	webDir := f.String("web", "web", "folder of the built page (make web)")
	sampleDir := f.String("samples", "", "offer the .txt files of this folder (default: the built-in samples)")
	modelPath := f.String("model", "", "publish a demo: the page opens this model file at start, ready to write (a text generator) or to ask (a question model)")
	textPath := f.String("text", "", "with -model: the text a text generator was trained on, shown and kept so that training can go on; "+
		"with a question model, the text to ask about, in the box at start")
	minCopied := f.Int("min-copied", 0, fmt.Sprintf("with -model: the memorisation meter's least copied run, in tokens (1 to %d; 0: 8 words or 40 characters), that viewers start with", lm.MaxMinCopied))
	if err := parse(f, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"-out is required"}
	}
	switch {
	case *minCopied < 0 || *minCopied > lm.MaxMinCopied:
		return usageError{fmt.Sprintf("-min-copied is %d tokens, not 1 to %d (or 0 for the default)", *minCopied, lm.MaxMinCopied)}
	case *minCopied != 0 && *modelPath == "":
		return usageError{"-min-copied goes with -model: the meter of the demo's model"}
	}
	demo, questions, err := readDemo(*modelPath, *textPath)
	if err != nil {
		return err
	}
	if demo != nil {
		demo.MinCopied = *minCopied
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
		if questions {
			what += " (a question model)"
		}
	}
	fmt.Fprintf(stdout, "wrote %s to %s: serve that folder as static files (at %s/)\n", what, *out, *prefix)
	return nil
}

// readDemo reads and checks a published demo's model file and text: the model must decode as a
// text generator, and the text, when given, must be the one it was trained on; or as a question
// model, whose text, when given, is any text the studio takes (the page puts it in the box, so
// that Find questions works at once: a question model holds no text of its own to check it
// against), and questions is then true. Nil without -model.
func readDemo(modelPath, textPath string) (demo *server.Demo, questions bool, err error) {
	if modelPath == "" {
		if textPath != "" {
			return nil, false, usageError{"-text goes with -model: the text the demo's model was trained on"}
		}
		return nil, false, nil
	}
	b, err := readLimited(modelPath, lm.MaxFileBytes, []byte(fab.Magic), "a Fabulist model (.fab)")
	if err != nil {
		return nil, false, err
	}
	d := &server.Demo{Model: b}
	m, err := lm.Decode(b)
	if errors.Is(err, fab.ErrKind) { // the header names another kind: a question model's demo
		if _, err := qa.Decode(b); err != nil {
			return nil, false, fmt.Errorf("%s: %v", modelPath, err)
		}
		if textPath != "" {
			if d.Text, err = readText(textPath); err != nil {
				return nil, false, err
			}
		}
		return d, true, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%s: %v", modelPath, err)
	}
	if textPath != "" {
		if d.Text, err = readText(textPath); err != nil {
			return nil, false, err
		}
		if lm.HashText(d.Text) != m.TextHash {
			return nil, false, fmt.Errorf("%s is not the text %s was trained on", textPath, modelPath)
		}
	}
	return d, false, nil
}
