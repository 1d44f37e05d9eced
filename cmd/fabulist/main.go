// Command fabulist trains the book's LSTM text generator, writes with it, asks questions about a
// passage, and serves the studio.
//
//	fabulist vocab    [-level word|char] [-clean book|none] [-seq 20] FILE
//	fabulist train    -text FILE [flags]     train a model, printing progress
//	fabulist generate -model M [flags]       continue a prompt
//	fabulist predict  -model M -prompt TEXT  the top-k next tokens, as JSON
//	fabulist export   -format tfjs -model M -o DIR  a TF.js layers model
//	fabulist serve    [-addr 127.0.0.1:8000] the studio's static server
//	fabulist site     -out DIR [-prefix /name]  the studio as a static site
//	fabulist quality  -text FILE [flags]     the validation loss reached in a time budget
//	fabulist qa generate|ask|eval|train [flags]  question–answer pairs about a passage
//
// Help asked for (-h, -help, --help, help; of a command too) goes to stdout with exit status 0.
// Errors go to stderr as one line: exit status 2 for a mistake in the command line (no command
// at all prints the list of commands there), 1 for a failure (a file, a text). Writing never replaces what is not a regular file.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// usageError is a mistake in the command line: it exits with status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// A command reads its flags from args, writes its output to stdout and notes to stderr, and
// returns a usageError for a mistake in the command line.
var commands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"vocab":    cmdVocab,
	"train":    cmdTrain,
	"generate": cmdGenerate,
	"predict":  cmdPredict,
	"export":   cmdExport,
	"serve":    cmdServe,
	"site":     cmdSite,
	"quality":  cmdQuality,
	"qa":       cmdQA,
}

// usage is the list of commands; the qa line names qa's commands from qaCommands, so that a new
// one is listed.
var usage = `usage: fabulist <command> [flags]

commands:
  vocab     print the tokenizer's vocabulary of a text as JSON
  train     train a model on a text
  generate  write with a trained model
  predict   show the most likely next tokens after a prompt, as JSON
  export    write a model for TF.js (tf.loadLayersModel)
  serve     serve the studio
  site      write the studio as a static site (any static host, e.g. GitHub Pages)
  quality   measure the validation loss reached in a time budget
  qa        question-answer pairs about a passage (` + strings.Join(qaNames(), ", ") + `)

Run 'fabulist <command> -h' for the flags of a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status: 0, 1 for a failure (a file, a
// text), 2 for a mistake in the command line, 3 for a bug (a panic). Every error is one line on
// stderr, a bug's too: a user never gets a stack trace.
func run(args []string, stdout, stderr io.Writer) (code int) {
	if len(args) == 0 { // a mistake: the list goes with the errors
		fmt.Fprint(stderr, usage)
		return 2
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "help" || args[0] == "--help" {
		fmt.Fprint(stdout, usage) // asked for: the output, as "fabulist -h | less" expects
		return 0
	}
	name := args[0]
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "fabulist: unknown command %q (fabulist -h lists them)\n", name)
		return 2
	}
	if _, sub := qaCommands[arg(args, 1)]; name == "qa" && sub {
		name = "qa " + args[1] // "fabulist qa generate: open …", as each command names itself
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "fabulist %s: internal error: %s (this is a bug: please report it with the command line)\n", name, oneLine(fmt.Sprint(r)))
			code = 3
		}
	}()
	err := cmd(args[1:], stdout, stderr)
	var ue usageError
	var help helpRequest
	switch {
	case err == nil:
		return 0
	case errors.As(err, &help):
		help.fs.SetOutput(stdout) // asked for, as the command's output
		help.fs.Usage()
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "fabulist %s: %s\n", name, oneLine(err.Error()))
		return 2
	default:
		fmt.Fprintf(stderr, "fabulist %s: %s\n", name, oneLine(err.Error()))
		return 1
	}
}

// oneLine joins the lines of a message (errors.Join's, a decoder's) with "; ".
func oneLine(msg string) string {
	var lines []string
	for l := range strings.Lines(msg) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "; ")
}

// helpRequest is -h: run prints the command's flags to stdout and exits with status 0.
type helpRequest struct{ fs *flag.FlagSet }

func (helpRequest) Error() string { return "help requested" }

// newFlags makes a flag set that reports mistakes as usage errors instead of printing and exiting.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: fabulist %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args and refuses any argument that is not a flag, which the flag package would
// leave unread: "-prompt the fox" would otherwise drop "fox" and every flag after it. The flag
// package's own message and usage are not printed: run prints one line.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseOnly(fs, args); err != nil {
		return err
	}
	return noArgs(fs, args)
}

// parseOnly parses args and leaves the arguments after the flags to the caller.
func parseOnly(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpRequest{fs}
		}
		return usageError{err.Error()}
	}
	return nil
}

// noArgs refuses the arguments left after the flags of args. When the first of them follows the
// value of a text flag, as "fox" in -prompt the fox, it suggests quoting the words.
func noArgs(fs *flag.FlagSet, args []string) error {
	if fs.NArg() == 0 {
		return nil
	}
	stray := fs.Arg(0)
	if name, value, ok := lastTextFlag(fs, args[:len(args)-fs.NArg()]); ok {
		words := []string{value}
		for _, w := range fs.Args() {
			if strings.HasPrefix(w, "-") {
				break
			}
			words = append(words, w)
		}
		return usageError{fmt.Sprintf("unexpected argument %q: %s takes flags only, and a value of several words goes in quotes, as in -%s %q",
			stray, fs.Name(), name, strings.Join(words, " "))}
	}
	return usageError{fmt.Sprintf("unexpected argument %q: %s takes flags only, and a value of several words goes in quotes (fabulist %s -h lists the flags)",
		stray, fs.Name(), fs.Name())}
}

// oneFile requires exactly one argument after the flags of fs, a FILE, and says so when a flag
// came after it.
func oneFile(fs *flag.FlagSet) error {
	switch {
	case fs.NArg() == 0:
		return usageError{fmt.Sprintf("%s wants a FILE to read, after its flags (fabulist %s -h lists them)", fs.Name(), fs.Name())}
	case fs.NArg() > 1 && strings.HasPrefix(fs.Arg(1), "-"):
		return usageError{fmt.Sprintf("unexpected argument %q after FILE: flags go before FILE", fs.Arg(1))}
	case fs.NArg() > 1:
		return usageError{fmt.Sprintf("unexpected argument %q: want exactly one FILE (quote a name with spaces)", fs.Arg(1))}
	}
	return nil
}

// lastTextFlag returns the last flag of parsed (the arguments the flag package read) with its
// value, when the flag takes text and so may have been meant to hold the words that follow.
func lastTextFlag(fs *flag.FlagSet, parsed []string) (name, value string, ok bool) {
	n := len(parsed)
	if n == 0 {
		return "", "", false
	}
	if k, v, inline := strings.Cut(parsed[n-1], "="); inline && strings.HasPrefix(k, "-") {
		name, value = k, v
	} else if n >= 2 && strings.HasPrefix(parsed[n-2], "-") && !strings.Contains(parsed[n-2], "=") {
		name, value = parsed[n-2], parsed[n-1]
	} else {
		return "", "", false
	}
	name = strings.TrimLeft(name, "-")
	f := fs.Lookup(name)
	return name, value, f != nil && isText(f)
}

// isText reports whether f takes free text (a prompt, a path), which may hold spaces.
func isText(f *flag.Flag) bool {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	_, s := g.Get().(string)
	return s
}

// intIn refuses the value v of the flag name outside lo..hi; hi < 0 means no upper bound.
func intIn(name string, v, lo, hi int) error {
	switch {
	case hi < 0 && v < lo:
		return usageError{fmt.Sprintf("-%s must be at least %d (got %d)", name, lo, v)}
	case hi >= 0 && (v < lo || v > hi):
		return usageError{fmt.Sprintf("-%s must be between %d and %d (got %d)", name, lo, hi, v)}
	}
	return nil
}

// arg is args[i], or "" past its end.
func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}
