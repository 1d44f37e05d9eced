// Command fabulist trains the book's LSTM text generator, writes with it, and serves the studio.
//
//	fabulist vocab    [-level word|char] [-clean book|none] [-seq 20] FILE
//	fabulist train    -text FILE [flags]     train a model, printing progress
//	fabulist generate -model M [flags]       continue a prompt
//	fabulist predict  -model M -prompt TEXT  the top-k next tokens, as JSON
//	fabulist export   -format tfjs -model M -o DIR  a TF.js layers model
//	fabulist serve    [-addr 127.0.0.1:8000] the studio's static server
//	fabulist site     -out DIR [-prefix /name]  the studio as a static site
//
// Errors go to stderr with a non-zero exit status.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// usageError is a mistake in the command line: it exits with status 2 after the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

var commands = map[string]func(args []string, stdout io.Writer) error{
	"vocab":    cmdVocab,
	"train":    cmdTrain,
	"generate": cmdGenerate,
	"predict":  cmdPredict,
	"export":   cmdExport,
	"serve":    cmdServe,
	"site":     cmdSite,
	"quality":  cmdQuality,
}

const usage = `usage: fabulist <command> [flags]

commands:
  vocab     print the tokenizer's vocabulary of a text as JSON
  train     train a model on a text
  generate  write with a trained model
  predict   show the most likely next tokens after a prompt, as JSON
  export    write a model for TF.js (tf.loadLayersModel)
  serve     serve the studio
  site      write the studio as a static site (any static host, e.g. GitHub Pages)

Run 'fabulist <command> -h' for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "help" || args[0] == "--help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "fabulist: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(args[1:], stdout)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "fabulist %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "fabulist %s: %v\n", args[0], err)
		return 1
	}
}

// newFlags makes a flag set that reports mistakes as usage errors instead of exiting.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: fabulist %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
