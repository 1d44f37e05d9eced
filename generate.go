package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"fabulist/model"
)

func cmdGenerate(args []string, stdout io.Writer) error {
	fs := newFlags("generate", "-model M [-prompt TEXT] [-n 100] [-temp 1] [-topk 0] [-topp 1] [-mode window|stateful] [-seed N]")
	path := fs.String("model", "", "model file")
	prompt := fs.String("prompt", "", "text to continue (empty: a new story)")
	n := fs.Int("n", 100, "at most this many tokens (a story may end sooner)")
	temp := fs.Float64("temp", 1, "temperature (0: always the most likely token)")
	topk := fs.Int("topk", 0, "draw among the k most likely tokens only (0: all)")
	topp := fs.Float64("topp", 1, "draw among the most likely tokens that make up this probability (1: all)")
	mode := fs.String("mode", "window", "window (the book: re-read the last seq_length tokens) or stateful (carry the LSTM state)")
	seed := fs.Uint64("seed", 0, "random seed (0: a new one each run)")
	if err := parse(fs, args); err != nil {
		return err
	}
	gm, err := model.ParseGenMode(*mode)
	if err != nil {
		return usageError{err.Error()}
	}
	opts := model.GenOptions{SampleOptions: model.SampleOptions{Temperature: *temp, TopK: *topk, TopP: *topp}, N: *n, Mode: gm}
	if err := opts.Validate(); err != nil {
		return usageError{err.Error()}
	}
	if *n < 0 {
		return usageError{"-n must be at least 0"}
	}
	m, err := readModel(*path)
	if err != nil {
		return err
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	g := model.NewGenerator(m.Net, m.Tok)
	res := g.Generate(*prompt, opts, rand.New(rand.NewPCG(*seed, 0)))
	warnUnknown(res.Unknown)
	fmt.Fprintln(stdout, strings.TrimSpace(model.Join(m.Tok.Level, *prompt, res.Text)))
	return nil
}

func warnUnknown(unknown []string) {
	if len(unknown) > 0 {
		fmt.Fprintf(os.Stderr, "note: the model does not know %q; those tokens were left out of its input\n", unknown)
	}
}

func cmdPredict(args []string, stdout io.Writer) error {
	fs := newFlags("predict", "-model M -prompt TEXT [-k 10]")
	path := fs.String("model", "", "model file")
	prompt := fs.String("prompt", "", "text so far")
	k := fs.Int("k", 10, "how many next tokens to list")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *k < 1 {
		return usageError{"-k must be at least 1"}
	}
	m, err := readModel(*path)
	if err != nil {
		return err
	}
	input, next, unknown := model.NewGenerator(m.Net, m.Tok).Predict(*prompt, *k)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Input   []int32           `json:"input"`
		Next    []model.Candidate `json:"next"`
		Unknown []string          `json:"unknown,omitempty"`
	}{input, next, unknown})
}
