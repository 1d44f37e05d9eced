package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"fabulist/internal/safefile"
	"fabulist/model/lm"
)

func cmdTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", "-text FILE [flags]")
	textPath := fs.String("text", "", "the corpus to learn from (UTF-8 text)")
	settings := configFlags(fs)
	maxBatches := fs.Int("max-batches", 0, "stop after this many batches (0: train every epoch)")
	jsonOut := fs.Bool("json", false, "print one JSON object per report")
	every := fs.Int("report", 10, "report every this many batches (and at least every 5 seconds)")
	sampleLen := fs.Int("samples", 50, fmt.Sprintf("tokens of each sample written after an epoch (0: none; at most %d)", lm.MaxGenTokens))
	out := fs.String("o", "", "write the model here after each epoch and at the end")
	resume := fs.String("resume", "", "continue training this model file on the same text (its settings win; -epochs counts the total)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *textPath == "" {
		return usageError{"-text is required"}
	}
	cfg, err := settings()
	if err != nil {
		return err
	}
	for _, err := range []error{intIn("max-batches", *maxBatches, 0, -1), intIn("report", *every, 1, -1),
		intIn("samples", *sampleLen, 0, lm.MaxGenTokens)} {
		if err != nil {
			return err
		}
	}
	if *out != "" {
		if same(*out, *textPath) {
			return usageError{fmt.Sprintf("-o %s would replace the text -text reads", *out)}
		}
		// Learn now, not after an epoch of training, that the model could not be saved there.
		if err := safefile.CheckWritable(*out); err != nil {
			return err
		}
	}
	text, err := readText(*textPath)
	if err != nil {
		return err
	}

	var prev *lm.Model
	if *resume != "" {
		if prev, err = readModel(*resume); err != nil {
			return err
		}
		if prev.TextHash != lm.HashText(text) {
			return fmt.Errorf("%s was trained on another text than %s", *resume, *textPath)
		}
		epochs := cfg.Epochs
		cfg = prev.Net.Cfg
		cfg.Epochs = max(epochs, cfg.Epochs)
	}
	var tok *lm.Tokenizer
	if prev != nil {
		tok = prev.Tok
	}
	corpus, err := lm.Prepare(text, cfg, tok)
	if err != nil {
		return err
	}
	net := (*lm.Net)(nil)
	if prev != nil {
		net = prev.Net
		net.Cfg = cfg
	} else if net, err = lm.NewNet(cfg, corpus.Tok.VocabSize()); err != nil {
		return err
	}
	tr, err := lm.NewTrainer(net, corpus.Data)
	if err != nil {
		return err
	}
	if prev != nil && prev.Train != nil {
		if err := tr.Restore(prev.Train, prev.History); err != nil {
			return err
		}
	}
	if tr.Done() {
		return usageError{fmt.Sprintf("%s has trained all of its %d epochs: give -epochs above %d to train it further", *resume, cfg.Epochs, cfg.Epochs)}
	}
	save := func() error {
		if *out == "" {
			return nil
		}
		b, err := lm.Encode(&lm.Model{Net: net, Tok: corpus.Tok, History: tr.History, TextHash: corpus.Hash, Train: tr.State()})
		if err != nil {
			return err
		}
		return safefile.Write(*out, b)
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if !*jsonOut {
		fmt.Fprintf(stdout, "%s, %d ids, %d training and %s, %d parameters, %s per epoch\n",
			lm.Plural(len(corpus.IDs), "token", "tokens"), corpus.Tok.VocabSize(), len(corpus.Data.Train),
			lm.Plural(len(corpus.Data.Val), "validation window", "validation windows"), len(net.P.Data),
			lm.Plural(tr.Batches(), "batch", "batches"))
	}
	gen := lm.NewGenerator(net, corpus.Tok)
	sampleRNG := lm.SampleRNG(cfg.Seed)
	start := len(tr.History.BatchLoss)
	batches := func() int { return len(tr.History.BatchLoss) - start }
	lastPrint := time.Now()
	for !tr.Done() && (*maxBatches == 0 || batches() < *maxBatches) {
		p, err := tr.Step()
		if err != nil {
			if serr := save(); serr != nil {
				return fmt.Errorf("%v (and saving the last good weights failed: %v)", err, serr)
			}
			return err
		}
		if p.EpochDone {
			samples := []lm.EpochSample(nil)
			if *sampleLen > 0 {
				samples = lm.EpochSamples(gen, "", *sampleLen, sampleRNG)
			}
			if *jsonOut {
				enc.Encode(struct {
					lm.Progress
					Samples []lm.EpochSample `json:"samples,omitempty"`
				}{p, samples})
			} else {
				val := "n/a (text too short for validation)"
				if p.ValLoss != nil {
					val = fmt.Sprintf("%.4f", *p.ValLoss)
				}
				fmt.Fprintf(stdout, "epoch %d/%d  loss %.4f  val_loss %s  %.1f samples/s\n", p.Epoch, p.Epochs, p.Loss, val, p.SamplesPerS)
				for _, s := range samples {
					fmt.Fprintf(stdout, "  temperature %.2f: %s\n", s.Temperature, s.Text)
				}
			}
			if err := save(); err != nil {
				return err
			}
			continue
		}
		if p.Validating || (batches()%*every != 0 && time.Since(lastPrint) < 5*time.Second) {
			continue
		}
		lastPrint = time.Now()
		if *jsonOut {
			enc.Encode(p)
		} else {
			fmt.Fprintf(stdout, "epoch %d/%d  batch %d/%d  loss %.4f  %.1f samples/s\n", p.Epoch, p.Epochs, p.Batch, p.Batches, p.Loss, p.SamplesPerS)
		}
	}
	return save()
}

// same reports whether the paths a and b name one existing file.
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
