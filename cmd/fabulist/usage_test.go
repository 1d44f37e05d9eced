package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/model/nn"
)

// tinyModel trains a small model on the sample fables into dir and returns its path.
func tinyModel(t *testing.T, dir string, extra ...string) string {
	t.Helper()
	path := filepath.Join(dir, "tiny.fab")
	args := append([]string{"train", "-text", "samples/fables.txt", "-units", "8", "-embed", "4", "-seq", "4",
		"-epochs", "1", "-samples", "0", "-o", path}, extra...)
	if _, errOut, code := runCLI(t, args...); code != 0 {
		t.Fatalf("training the test model exited %d: %s", code, errOut)
	}
	return path
}

// checkUsageError asserts what every mistake in a command line gives: exit status 2, nothing on
// stdout, and one line on stderr naming the command, with no stack trace.
func checkUsageError(t *testing.T, args []string, stdout, stderr string, code int) {
	t.Helper()
	cmd := args[0]
	if _, sub := qaCommands[arg(args, 1)]; cmd == "qa" && sub {
		cmd = "qa " + args[1] // a qa command names itself
	}
	switch {
	case code != 2:
		t.Errorf("%q: exit %d, stderr %q; want exit 2", args, code, stderr)
	case strings.Count(stderr, "\n") != 1 || !strings.HasSuffix(stderr, "\n") || !strings.HasPrefix(stderr, "fabulist "+cmd+": "):
		t.Errorf("%q: stderr %q; want one line starting %q", args, stderr, "fabulist "+cmd+": ")
	case packagePrefixed(strings.TrimPrefix(stderr, "fabulist "+cmd+": ")):
		t.Errorf("%q: stderr %q names a Go package after the command", args, stderr)
	case strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic"):
		t.Errorf("%q: a stack trace: %s", args, stderr)
	case stdout != "":
		t.Errorf("%q: printed %q before refusing", args, stdout)
	}
}

// packagePrefixed reports whether msg starts with a package's error prefix ("qa: "), which a
// usage message, already prefixed with its command, should not repeat.
func packagePrefixed(msg string) bool {
	for _, p := range []string{"qa: ", "lm: ", "nn: ", "fab: ", "dataset: ", "model: ", "share: "} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// flagCase is a command's good flags and, for some of them, values each of which must be refused.
type flagCase struct {
	cmd  string
	base [][2]string         // good flags, each replaced when it is the one under test
	file string              // the FILE argument, after the flags
	bad  map[string][]string // flag → bad values
}

// notInt are refused for every integer flag by the flag package itself.
var notInt = []string{"abc", "1.5", "NaN", "", "99999999999999999999"}

// configBad are the bad values of the model settings, shared by train and quality.
var configBad = map[string][]string{
	"seq":       append([]string{"0", "-1", "513", "1000000000000"}, notInt...),
	"step":      append([]string{"0", "-1", "1001"}, notInt...),
	"epochs":    append([]string{"0", "-1", "10001"}, notInt...),
	"batch":     append([]string{"0", "-1", "4097"}, notInt...),
	"units":     append([]string{"0", "-1", "2049", "1000000000000"}, notInt...),
	"embed":     append([]string{"0", "-1", "2049"}, notInt...),
	"layers":    append([]string{"0", "-1", "9"}, notInt...),
	"dropout":   {"-0.1", "1", "0.99999999999", "NaN", "Inf", "1e999", "abc", ""},
	"lr":        {"0", "-1", "1.5", "1e-50", "NaN", "Inf", "-Inf", "abc"},
	"clip":      {"-1", "NaN", "Inf", "1e39", "1e999", "abc"},
	"seed":      {"-1", "abc", "1.5", "99999999999999999999"},
	"level":     {"x", "", "Word"},
	"clean":     {"x", ""},
	"loss":      {"x", ""},
	"optimizer": {"sgd", ""},
	"cell":      {"rnn", "LSTM", ""},
}

func with(m map[string][]string, more map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// TestCLIRefusesBadValues runs every command over bad values of each of its flags: each is
// refused with exit status 2 and one line, before any work. (train -report 0 divided by zero,
// vocab -seq -1 and predict -k 99999999999 panicked, quality -time -1s and train -max-batches -1
// did nothing and exited 0, a huge vocab -seq ran for minutes.)
func TestCLIRefusesBadValues(t *testing.T) {
	m := tinyModel(t, t.TempDir())
	tiny := [][2]string{{"-units", "8"}, {"-embed", "4"}, {"-seq", "4"}}
	cases := []flagCase{
		{cmd: "vocab", file: "samples/fables.txt", bad: map[string][]string{
			"seq":   append([]string{"0", "-1", "513", "100000000"}, notInt...),
			"level": {"x", ""}, "clean": {"x", ""},
		}},
		{cmd: "train", base: append([][2]string{{"-text", "samples/fables.txt"}, {"-epochs", "1"}, {"-samples", "0"}, {"-max-batches", "2"}}, tiny...),
			bad: with(configBad, map[string][]string{
				"max-batches": {"-1", "abc", "1.5", ""},
				"report":      {"0", "-1", "abc", "NaN"},
				"samples":     {"-1", "5001", "abc"},
				"workers":     append([]string{"-1", "65"}, notInt...),
			})},
		{cmd: "quality", base: append([][2]string{{"-text", "samples/fables.txt"}, {"-samples", "64"}, {"-time", "2s"}, {"-eval", "1s"}, {"-val", "8"}}, tiny...),
			bad: with(configBad, map[string][]string{
				"time":    {"0", "-1s", "1", "abc", "NaN"},
				"eval":    {"0", "-1s", "abc"},
				"val":     {"-1", "abc"},
				"samples": {"-1", "abc"},
			})},
		{cmd: "generate", base: [][2]string{{"-model", m}, {"-n", "5"}, {"-seed", "1"}}, bad: map[string][]string{
			"n":    append([]string{"0", "-1", "5001"}, notInt...),
			"temp": {"-1", "10.5", "NaN", "Inf", "-Inf", "1e999", "abc"},
			"topk": append([]string{"-1", "1048577"}, notInt...),
			"topp": {"0", "-0.5", "1.5", "NaN", "Inf", "abc"},
			"seed": {"-1", "abc", "99999999999999999999"},
			"mode": {"x"},
		}},
		{cmd: "predict", base: [][2]string{{"-model", m}, {"-prompt", "the fox"}}, bad: map[string][]string{
			"k": append([]string{"0", "-1", "1048577", "99999999999"}, notInt...),
		}},
		{cmd: "export", base: [][2]string{{"-model", m}, {"-o", filepath.Join(t.TempDir(), "out")}}, bad: map[string][]string{
			"format": {"keras", ""},
			"o":      {""},
		}},
		{cmd: "serve", base: [][2]string{{"-web", "/nonexistent"}}, bad: map[string][]string{
			"addr": {"foo", ":99999", ":-1", "127.0.0.1", ""},
		}},
		{cmd: "site", base: [][2]string{{"-web", "/nonexistent"}, {"-out", filepath.Join(t.TempDir(), "site")}}, bad: map[string][]string{
			"out": {""},
		}},
	}
	for _, c := range cases {
		flags := make([]string, 0, len(c.bad))
		for f := range c.bad {
			flags = append(flags, f)
		}
		slices.Sort(flags)
		for _, f := range flags {
			for _, v := range c.bad[f] {
				t.Run(fmt.Sprintf("%s -%s %q", c.cmd, f, v), func(t *testing.T) {
					args := []string{c.cmd, "-" + f, v}
					for _, b := range c.base {
						if b[0] != "-"+f {
							args = append(args, b[0], b[1])
						}
					}
					if c.file != "" {
						args = append(args, c.file)
					}
					out, errOut, code := runCLI(t, args...)
					checkUsageError(t, args, out, errOut, code)
				})
			}
		}
	}
}

// TestCLIRefusesStrayArguments: the flag package stops at the first argument that is not a flag
// and leaves the rest unread, so "-prompt the fox -k 1" dropped "fox" and -k, and "stray -units 8"
// trained 256 units.
func TestCLIRefusesStrayArguments(t *testing.T) {
	dir := t.TempDir()
	m := tinyModel(t, dir)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"predict", "-model", m, "-prompt", "the", "fox", "-k", "1"}, `quotes, as in -prompt "the fox"`},
		{[]string{"predict", "-model", m, "-prompt=the", "fox"}, `-prompt "the fox"`},
		{[]string{"generate", "-model", m, "-prompt", "the", "owl", "said", "-n", "5"}, `-prompt "the owl said"`},
		{[]string{"train", "-text", "samples/fables.txt", "-units", "8", "-json", "stray", "-units", "16"}, `"stray"`},
		{[]string{"train", "-text", "samples/fables.txt", "stray"}, `"stray"`},
		{[]string{"quality", "-text", "samples/fables.txt", "-samples", "64", "stray"}, `"stray"`},
		{[]string{"vocab", "samples/fables.txt", "samples/fables-ko.txt"}, "exactly one FILE"},
		{[]string{"vocab", "samples/fables.txt", "-seq", "5"}, "flags go before FILE"},
		{[]string{"vocab"}, "FILE"},
		{[]string{"export", "-model", m, "-o", filepath.Join(dir, "tfjs"), "now"}, `"now"`},
		{[]string{"serve", "-web", "/nonexistent", "now"}, `"now"`},
		{[]string{"site", "-web", "/nonexistent", "-out", filepath.Join(dir, "site"), "now"}, `"now"`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCLI(t, c.args...)
			checkUsageError(t, c.args, out, errOut, code)
			if !strings.Contains(errOut, c.want) {
				t.Errorf("%q: stderr %q; want it to say %q", c.args, errOut, c.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "tfjs")); err == nil {
		t.Error("export wrote its folder despite the stray argument")
	}
}

// TestCLIHelpGoesToStdout: help asked for, of fabulist and of every command (qa's too), is the
// output: stdout, exit 0, nothing on stderr, so that "fabulist train -h | less" pages it (it went
// to stderr, a new user's trial). A mistake still goes to stderr with exit 2: no command at all
// gives the list of commands there, an unknown one a line.
func TestCLIHelpGoesToStdout(t *testing.T) {
	cmds := [][]string{{"vocab"}, {"train"}, {"generate"}, {"predict"}, {"export"}, {"serve"}, {"site"}, {"quality"}, {"qa"}}
	for _, name := range qaNames() {
		cmds = append(cmds, []string{"qa", name})
	}
	for _, cmd := range cmds {
		for _, h := range []string{"-h", "-help", "--help"} {
			out, errOut, code := runCLI(t, append(cmd, h)...)
			if code != 0 || !strings.HasPrefix(out, "usage: fabulist "+strings.Join(cmd, " ")) || errOut != "" {
				t.Errorf("%s %s: exit %d, stdout %.60q, stderr %.60q; want 0 and the usage on stdout alone", strings.Join(cmd, " "), h, code, out, errOut)
			}
		}
	}
	// Asked for among other flags, it is help all the same.
	if out, errOut, code := runCLI(t, "train", "-units", "8", "-h"); code != 0 || !strings.HasPrefix(out, "usage: fabulist train") || errOut != "" {
		t.Errorf("train -units 8 -h: exit %d, stdout %.60q, stderr %.60q", code, out, errOut)
	}
	for _, h := range []string{"-h", "-help", "--help", "help"} {
		if out, errOut, code := runCLI(t, h); code != 0 || !strings.Contains(out, "commands:") || errOut != "" {
			t.Errorf("%s: exit %d, stdout %.60q, stderr %.60q; want 0 and the commands on stdout alone", h, code, out, errOut)
		}
	}
	if out, errOut, code := runCLI(t); code != 2 || !strings.Contains(errOut, "commands:") || out != "" {
		t.Errorf("no command: exit %d, stdout %.60q, stderr %.60q; want 2 and the commands on stderr", code, out, errOut)
	}
	if out, errOut, code := runCLI(t, "nope"); code != 2 || strings.Count(errOut, "\n") != 1 || out != "" {
		t.Errorf("an unknown command: exit %d, stderr %q; want 2 and one line", code, errOut)
	}
	if out, errOut, code := runCLI(t, "train", "-units", "abc"); code != 2 || out != "" || !strings.HasPrefix(errOut, "fabulist train: ") {
		t.Errorf("a bad flag: exit %d, stdout %q, stderr %q; want 2 and the error on stderr", code, out, errOut)
	}
}

// TestCLIResumeOfAFinishedRunSaysSo: it exited 0 having trained nothing and said nothing.
func TestCLIResumeOfAFinishedRunSaysSo(t *testing.T) {
	m := tinyModel(t, t.TempDir())
	args := []string{"train", "-text", "samples/fables.txt", "-resume", m, "-o", m}
	out, errOut, code := runCLI(t, args...)
	checkUsageError(t, args, out, errOut, code)
	if !strings.Contains(errOut, "-epochs above 1") {
		t.Errorf("stderr %q; want it to say how to train on", errOut)
	}
	if out, errOut, code := runCLI(t, append(args, "-epochs", "2", "-json")...); code != 0 || !strings.Contains(out, `"epoch":2`) {
		t.Errorf("-epochs 2: exit %d, %q, %s; want a second epoch", code, out, errOut)
	}
}

// TestCLIPredictNeverOffersAnEmptyStory: with no prompt, predict offered the separator, which
// generate never writes first.
func TestCLIPredictNeverOffersAnEmptyStory(t *testing.T) {
	m := tinyModel(t, t.TempDir())
	for _, c := range []struct {
		prompt string
		sep    bool
	}{{"", false}, {"zebra", false}, {"the fox", true}} {
		out, errOut, code := runCLI(t, "predict", "-model", m, "-prompt", c.prompt, "-k", "1000")
		var pr struct {
			Next []struct {
				Token string
				P     float64
			}
		}
		if code != 0 || json.Unmarshal([]byte(out), &pr) != nil {
			t.Fatalf("predict exited %d: %s %s", code, out, errOut)
		}
		sum, sep := 0.0, false
		for _, n := range pr.Next {
			sum += n.P
			sep = sep || n.Token == "|"
		}
		// Id 0 (reserved, never drawn) keeps a crumb of probability.
		if sep != c.sep || sum < 0.9 || sum > 1.001 {
			t.Errorf("prompt %q: separator offered %v, probabilities sum to %.4f; want %v and about 1", c.prompt, sep, sum, c.sep)
		}
	}
}

// TestCLIErrorsAreOneLine: a decoder's joined errors, and a bug's panic, each print one line.
func TestCLIErrorsAreOneLine(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(tinyModel(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	m, err := lm.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	m.Net.Cfg.Units, m.Net.Cfg.Embed = 0, 0 // two errors, joined on two lines
	if b, err = lm.Encode(m); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.fab")
	os.WriteFile(bad, b, 0o644)
	_, errOut, code := runCLI(t, "predict", "-model", bad)
	if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "units") || !strings.Contains(errOut, "embedding") {
		t.Errorf("a model file with two bad settings: exit %d, stderr %q; want 1 and one line naming both", code, errOut)
	}

	commands["boom"] = func([]string, io.Writer, io.Writer) error { panic("a bug\non two lines") }
	defer delete(commands, "boom")
	var o, e bytes.Buffer
	if code := run([]string{"boom"}, &o, &e); code != 3 || strings.Count(e.String(), "\n") != 1 || strings.Contains(e.String(), "goroutine") ||
		!strings.Contains(e.String(), "internal error: a bug; on two lines") {
		t.Errorf("a panic: exit %d, stderr %q; want 3 and one line", code, e.String())
	}
}

// TestFlagsAreNamedAsTheSettings: every setting is a flag named as its JSON name (as the studio's
// form field and the model file name it), and its older flag name still works.
func TestFlagsAreNamedAsTheSettings(t *testing.T) {
	fs := newFlags("train", "")
	read := configFlags(fs)
	for _, s := range lm.Settings {
		if fs.Lookup(s.Name) == nil {
			t.Errorf("no flag -%s", s.Name)
		}
		if s.Alias != "" && fs.Lookup(s.Alias) == nil {
			t.Errorf("the older flag -%s of %s is gone", s.Alias, s.Name)
		}
	}
	if err := fs.Parse([]string{"-seq", "9", "-embedding", "7", "-clip", "0.5", "-cleaning", "none", "-optimizer", "adam"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := read()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.SeqLen != 9 || cfg.Embed != 7 || cfg.ClipNorm != 0.5 || cfg.Cleaning != lm.CleanNone || cfg.Optimizer != nn.AdamName {
		t.Errorf("parsed %+v", cfg)
	}
}

// TestCLIUsageListsEveryQACommand: fabulist's list of commands named qa's as "generate, ask,
// eval" when qa train had been added; qa -h must list each too.
func TestCLIUsageListsEveryQACommand(t *testing.T) {
	_, errOut, code := runCLI(t)
	var qaLine string
	for l := range strings.Lines(errOut) {
		if strings.HasPrefix(l, "  qa ") {
			qaLine = l
		}
	}
	if code != 2 || qaLine == "" {
		t.Fatalf("no arguments: exit %d, stderr %q; want 2 and the commands, qa among them", code, errOut)
	}
	qaHelp, _, _ := runCLI(t, "qa", "-h")
	for name := range qaCommands {
		if !strings.Contains(qaLine, name) {
			t.Errorf("the usage's qa line %q leaves out %s", strings.TrimSpace(qaLine), name)
		}
		if !strings.Contains(qaHelp, "\n  "+name+" ") {
			t.Errorf("qa -h %q leaves out %s", qaHelp, name)
		}
	}
}
