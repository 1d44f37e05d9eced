package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"fabulist/internal/safefile"
	"fabulist/model/lm"
	"fabulist/model/qa"
)

func cmdQATrain(args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("qa train", "-data DIR|FILE [-split train] [-val val] [-arch default|book] [-glove FILE | -resume qa.fab] [flags] -o qa.fab")
	dir := fs.String("data", "", qaDataHelp)
	split := fs.String("split", "train", "the split of a FairytaleQA folder to train on (a file: train only)")
	valSplit := fs.String("val", "val", "the split of a FairytaleQA folder to validate on after each epoch (\"\": none; a file: its zip's val, or none)")
	out := fs.String("o", "", "model file to write, after each epoch and at the end")
	glove := fs.String("glove", "", "word vectors to start the embedding from: GloVe's text format (a word, then -embedding numbers, a line), or word2vec's text with its header line; without it, from scratch")
	resume := fs.String("resume", "", "continue training this model file on the same data (its settings win; -epochs counts the total)")
	config := qaConfigFlags(fs)
	maxBatches := fs.Int("max-batches", 0, "stop after this many batches (0: train every epoch)")
	asJSON := fs.Bool("json", false, "one JSON object per report")
	report := fs.Int("report", 20, "batches between reports")
	workersOf := workersFlag(fs, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" || *out == "" {
		return usageError{"-data and -o are required"}
	}
	if err := intIn("report", *report, 1, 1<<30); err != nil {
		return err
	}
	if err := intIn("max-batches", *maxBatches, 0, 1<<30); err != nil {
		return err
	}
	workers, err := workersOf()
	if err != nil {
		return err
	}
	cfg, err := config()
	if err != nil {
		return err
	}
	if *glove != "" && *resume != "" {
		return usageError{"-glove starts a new model's embedding; -resume continues a model: give one"}
	}
	if err := safefile.CheckWritable(*out); err != nil {
		return err
	}
	var run *qa.Run
	if *resume != "" {
		epochs := 0
		if flagSet(fs, "epochs") {
			epochs = cfg.Epochs
		}
		run, err = qaResume(*resume, epochs, *dir, *split, *valSplit, stderr)
	} else {
		run, err = qaRun(cfg, *dir, *split, *valSplit, *glove, stderr)
	}
	if err != nil {
		return err
	}
	if err := run.Share(workers); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "training on %s\n", lm.Plural(workers, "worker", "workers"))
	rep := qaReporter{w: stdout, json: *asJSON, start: time.Now()}
	trained := 0
	for steps := 1; !run.Done() && (*maxBatches == 0 || steps <= *maxBatches); steps++ {
		epoch := run.Epoch
		l := run.Step()
		if run.Err() == nil {
			trained++
		}
		ended := run.Epoch != epoch
		last := run.Done() || steps == *maxBatches // reported, so that a short run says something
		if run.Err() == nil && (ended || last || steps%*report == 0) {
			if err := rep.report(run, epoch, steps, l, ended); err != nil {
				return err
			}
		}
		if ended && !run.Done() && run.Err() == nil { // so that a run stopped later keeps its last epoch
			if err := saveQA(run, *out); err != nil {
				return err
			}
			qaEpochSaved(run.Epoch)
		}
	}
	if err := run.Err(); err != nil {
		return err
	}
	if err := saveQA(run, *out); err != nil {
		return err
	}
	w := stdout
	if *asJSON { // stdout stays one report a line
		w = stderr
	}
	fmt.Fprintln(w, qaFinished(run, *out, trained, time.Since(rep.start)))
	return nil
}

// qaFinished is qa train's last line, once the model is written to out: the batches this command
// trained and where that left the run's epochs, the last epoch's validation losses and the
// lowest question loss when an earlier epoch had it (the file holds the last epoch's weights),
// and the time it took.
func qaFinished(run *qa.Run, out string, batches int, d time.Duration) string {
	where := epochsWhere(run.Done(), run.Epoch, run.Model.Config.Epochs, run.Batch, run.Batches())
	val := "no validation yet (it comes at an epoch's end)"
	if h := run.Model.History.Val; len(h) > 0 {
		last := h[len(h)-1]
		val = fmt.Sprintf("validation question loss %.3f, tagger %.3f nats/token", last.Question, last.Tagger)
		best := len(h) - 1
		for i, l := range h {
			if l.Question < h[best].Question {
				best = i
			}
		}
		if best != len(h)-1 {
			val += fmt.Sprintf(" (lowest question loss %.3f after epoch %d; the file holds the last epoch's weights)", h[best].Question, best+1)
		}
	} else if run.Epoch > 0 {
		val = "no validation (no validation examples)"
	}
	return fmt.Sprintf("wrote %s: %s, %s; %s; %s", out, lm.Plural(batches, "batch", "batches"), where, val, took(d))
}

// qaEpochSaved is called after qa train has written the model at the end of an epoch but the
// last, with the number of epochs trained; tests replace it to read the file then.
var qaEpochSaved = func(epochs int) {}

// saveQA writes run's model with its training state to path, through a temporary file renamed
// into place, so that a reader never sees half a file.
func saveQA(run *qa.Run, path string) error {
	run.Model.Train = run.State()
	b, err := qa.Encode(run.Model)
	if err != nil {
		return err
	}
	return safefile.Write(path, b)
}

// qaConfigFlags adds the question model's settings to fs; the function it returns reads them
// into a checked Config.
func qaConfigFlags(fs *flag.FlagSet) func() (qa.Config, error) {
	def := qa.DefaultConfig(5000)
	arch := fs.String("arch", string(def.Arch), "default (attention and copying) or book (the book's model, its faults fixed)")
	vocab := fs.Int("vocab", def.V, "the most frequent words kept, the four reserved ids included (5 to 131072)")
	embed := fs.Int("embedding", def.Embed, "embedding size")
	units := fs.Int("units", def.Units, "the tagger's and the encoder's GRU units, each way")
	dec := fs.Int("decoder_units", def.Decoder, "the decoder GRU's units (and, for -arch book, the answer encoder's)")
	att := fs.Int("attention_units", def.Attention, "attention units (-arch default only)")
	// The float32 default as written (0.001), not as widened to float64 (0.0010000000474974513).
	lrDefault, _ := strconv.ParseFloat(strconv.FormatFloat(float64(def.LR), 'g', -1, 32), 64)
	lr := fs.Float64("lr", lrDefault, "Adam's learning rate")
	batch := fs.Int("batch", def.Batch, "examples per update")
	epochs := fs.Int("epochs", def.Epochs, "passes over the training examples")
	seed := fs.Uint64("seed", def.Seed, "random seed: the same seed and data give the same model")
	return func() (qa.Config, error) {
		cfg := def
		switch qa.Arch(*arch) {
		case qa.ArchDefault:
		case qa.ArchBook:
			cfg = qa.BookConfig(def.V)
		default:
			return cfg, usageError{fmt.Sprintf("-arch %q is neither default nor book", *arch)}
		}
		cfg.V, cfg.Embed, cfg.Units, cfg.Decoder = *vocab, *embed, *units, *dec
		if cfg.Arch == qa.ArchDefault {
			cfg.Attention = *att
		} else if flagSet(fs, "attention_units") {
			// Ignoring it would train another model than the one asked for, silently.
			return cfg, usageError{"-attention_units is for -arch default: the book's model has no attention"}
		}
		cfg.LR, cfg.Batch, cfg.Epochs, cfg.Seed = float32(*lr), *batch, *epochs, *seed
		if err := cfg.Validate(); err != nil {
			return cfg, usageError{strings.TrimPrefix(err.Error(), "qa: ")} // the command names itself
		}
		return cfg, nil
	}
}

// qaRun reads the splits of a dataset (qaSets) and starts a run on them, its embedding
// from the vectors in the file glove ("": none), saying on stderr what it will train on.
func qaRun(cfg qa.Config, dir, split, valSplit, glove string, stderr io.Writer) (*qa.Run, error) {
	trainSet, valSet, err := qaSets(dir, split, valSplit)
	if err != nil {
		return nil, err
	}
	v, train, val, err := qa.PrepareSet(trainSet, valSet, cfg.V)
	if err != nil {
		return nil, err
	}
	run, err := qa.NewRun(cfg, v, train, val)
	if err != nil {
		return nil, err
	}
	if glove != "" {
		if err := qaGlove(run.Model, glove, stderr); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(stderr, "%d training and %d validation examples (answers found in their passages), %d words, %d batches an epoch\n",
		len(train), len(val), len(v.Words), run.Batches())
	return run, nil
}

// qaReporter prints qa train's progress, as text or JSON lines.
type qaReporter struct {
	w     io.Writer
	json  bool
	start time.Time
}

func (q qaReporter) report(run *qa.Run, epoch, steps int, l qa.Losses, ended bool) error {
	p := struct {
		Epoch   int        `json:"epoch"`
		Batch   int        `json:"batch"`
		Loss    qa.Losses  `json:"loss"`
		Val     *qa.Losses `json:"val,omitempty"`
		Seconds float64    `json:"seconds"`
	}{epoch + 1, steps, l, nil, time.Since(q.start).Seconds()}
	if h := run.Model.History.Val; ended && len(h) > 0 {
		p.Val = &h[len(h)-1]
	}
	if q.json {
		return json.NewEncoder(q.w).Encode(p)
	}
	line := fmt.Sprintf("epoch %d batch %d: tagger %.3f, question %.3f nats/token", p.Epoch, p.Batch, l.Tagger, l.Question)
	if p.Val != nil {
		line += fmt.Sprintf("; validation tagger %.3f, question %.3f", p.Val.Tagger, p.Val.Question)
	}
	_, err := fmt.Fprintf(q.w, "%s (%.0f s)\n", line, p.Seconds)
	return err
}

// qaResume continues the run of the model file at path on the dataset's splits, prepared with its
// vocabulary, for epochs in all (0: the file's).
func qaResume(path string, epochs int, dir, split, valSplit string, stderr io.Writer) (*qa.Run, error) {
	m, err := readDecoded(path, qa.MaxFileBytes, qa.Decode)
	if err != nil {
		return nil, err
	}
	trainSet, valSet, err := qaSets(dir, split, valSplit)
	if err != nil {
		return nil, err
	}
	run, err := qa.ResumeRun(m, m.Vocab.PrepareAll(trainSet), m.Vocab.PrepareAll(valSet), epochs)
	switch {
	case errors.Is(err, qa.ErrNoTrainState):
		return nil, fmt.Errorf("%s: %v", path, err)
	case err != nil:
		return nil, err
	case run.Done():
		e := run.Model.Config.Epochs
		return nil, usageError{fmt.Sprintf("%s has trained all of its %d epochs: give -epochs above %d to train it further", path, e, e)}
	}
	fmt.Fprintf(stderr, "resuming %s (%s) at epoch %d batch %d of %d batches an epoch\n", path, run.Model.Config.Arch,
		run.Epoch+1, run.Batch+1, run.Batches())
	return run, nil
}

// qaGlove starts m's embedding from the word vectors in the file at path, saying how many of its
// vocabulary's words the file holds.
func qaGlove(m *qa.Model, path string, stderr io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	vecs, err := qa.ReadVectors(f, path, m.Config.Embed, func(w string) bool { return m.Vocab.ID(w) != qa.UnkID })
	if err != nil {
		return err
	}
	found := m.SetVectors(vecs)
	words := len(m.Vocab.Words) - 4
	fmt.Fprintf(stderr, "%s holds vectors for %d of the vocabulary's %d words (%.1f%%); the rest start at random\n",
		path, found, words, 100*float64(found)/float64(words))
	return nil
}

// flagSet reports whether the command line gave the flag name, even at its default value.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
