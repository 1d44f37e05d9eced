package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"fabulist/model/lm"
)

func cmdGenerate(args []string, stdout, stderr io.Writer) error {
	def := lm.DefaultGenOptions()
	def.Temperature = 1 // the model's own distribution: see DefaultGenOptions
	fs := newFlags("generate", fmt.Sprintf("-model M [-prompt TEXT] [-n %d] [-temp %g] [-topk %d] [-topp %g] [-mode window|stateful] [-seed N] [-weights best|latest]",
		def.N, def.Temperature, def.TopK, def.TopP))
	path := fs.String("model", "", "model file")
	prompt := fs.String("prompt", "", "text to continue (empty: a new story)")
	n := fs.Int("n", def.N, fmt.Sprintf("at most this many tokens, 1 to %d (a story may end sooner)", lm.MaxGenTokens))
	temp := fs.Float64("temp", def.Temperature, "temperature (0: always the most likely token)")
	topk := fs.Int("topk", def.TopK, "draw among the k most likely tokens only (0: all)")
	topp := fs.Float64("topp", def.TopP, "draw among the most likely tokens that make up this probability (1: all)")
	mode := fs.String("mode", string(def.Mode), "window (the book: re-read the last seq_length tokens) or stateful (carry the LSTM state)")
	seed := fs.Uint64("seed", 0, "random seed (0: a new one each run)")
	weights := weightsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	choice, err := parseWeights(*weights)
	if err != nil {
		return err
	}
	// The studio's generation form is checked by the same rules.
	opts := lm.GenOptions{SampleOptions: lm.SampleOptions{Temperature: *temp, TopK: *topk, TopP: *topp}, N: *n, Mode: lm.GenMode(*mode)}
	if err := checkFields(opts.FieldErrors(), []flagField{{"n", "n"}, {"temp", "temperature"}, {"topk", "top_k"}, {"topp", "top_p"}, {"mode", "mode"}}); err != nil {
		return err
	}
	m, err := readModel(*path)
	if err != nil {
		return err
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	g := lm.NewGenerator(m.Writer(choice), m.Tok)
	res := g.Generate(*prompt, opts, rand.New(rand.NewPCG(*seed, 0)))
	warnUnknown(stderr, res.Unknown)
	fmt.Fprintln(stdout, strings.TrimSpace(lm.Join(m.Tok.Level, *prompt, res.Text)))
	return nil
}

// weightsFlag is the -weights flag of the commands that write with a model.
func weightsFlag(fs *flag.FlagSet) *string {
	return fs.String("weights", string(lm.WeightsBest), "which weights write: best (the lowest validation check's, kept beside the latest; "+
		"the latest in files without them) or latest (the last training step's)")
}

// parseWeights reads -weights, a usage error when it is neither best nor latest.
func parseWeights(s string) (lm.Weights, error) {
	w, err := lm.ParseWeights(s)
	if err != nil {
		return "", usageError{"-" + err.Error()}
	}
	return w, nil
}

func warnUnknown(stderr io.Writer, unknown []string) {
	if len(unknown) > 0 {
		fmt.Fprintf(stderr, "note: the model does not know %q; those tokens were left out of its input\n", unknown)
	}
}

func cmdPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("predict", "-model M -prompt TEXT [-k 10] [-weights best|latest]")
	path := fs.String("model", "", "model file")
	prompt := fs.String("prompt", "", "text so far")
	k := fs.Int("k", 10, fmt.Sprintf("how many next tokens to list, 1 to %d", lm.MaxVocab))
	weights := weightsFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	choice, err := parseWeights(*weights)
	if err != nil {
		return err
	}
	if err := intIn("k", *k, 1, lm.MaxVocab); err != nil {
		return err
	}
	m, err := readModel(*path)
	if err != nil {
		return err
	}
	input, next, unknown := lm.NewGenerator(m.Writer(choice), m.Tok).Predict(*prompt, *k)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		Input   []int32        `json:"input"`
		Next    []lm.Candidate `json:"next"`
		Unknown []string       `json:"unknown,omitempty"`
	}{input, next, unknown})
}
