package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"fabulist/model"
)

func cmdTrain(args []string, stdout io.Writer) error {
	fs := newFlags("train", "-text FILE [flags]")
	textPath := fs.String("text", "", "the corpus to learn from (UTF-8 text)")
	settings := configFlags(fs)
	maxBatches := fs.Int("max-batches", 0, "stop after this many batches (0: train every epoch)")
	jsonOut := fs.Bool("json", false, "print one JSON object per report")
	every := fs.Int("report", 10, "report every this many batches")
	sampleLen := fs.Int("samples", 50, "tokens of each sample written after an epoch (0: none)")
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
	text, err := readText(*textPath)
	if err != nil {
		return err
	}

	var prev *model.Model
	if *resume != "" {
		if prev, err = readModel(*resume); err != nil {
			return err
		}
		if prev.TextHash != model.HashText(text) {
			return fmt.Errorf("%s was trained on another text than %s", *resume, *textPath)
		}
		epochs := cfg.Epochs
		cfg = prev.Net.Cfg
		cfg.Epochs = max(epochs, cfg.Epochs)
	}
	var tok *model.Tokenizer
	if prev != nil {
		tok = prev.Tok
	}
	corpus, err := model.Prepare(text, cfg, tok)
	if err != nil {
		return err
	}
	net := (*model.Net)(nil)
	if prev != nil {
		net = prev.Net
		net.Cfg = cfg
	} else if net, err = model.NewNet(cfg, corpus.Tok.VocabSize()); err != nil {
		return err
	}
	tr, err := model.NewTrainer(net, corpus.Data)
	if err != nil {
		return err
	}
	if prev != nil && prev.Train != nil {
		if err := tr.Restore(prev.Train, prev.History); err != nil {
			return err
		}
	}
	save := func() error {
		if *out == "" {
			return nil
		}
		b, err := model.Encode(&model.Model{Net: net, Tok: corpus.Tok, History: tr.History, TextHash: corpus.Hash, Train: tr.State()})
		if err != nil {
			return err
		}
		return writeFileAtomic(*out, b)
	}

	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if !*jsonOut {
		fmt.Fprintf(stdout, "%s, %d ids, %d training and %s, %d parameters, %s per epoch\n",
			model.Plural(len(corpus.IDs), "token", "tokens"), corpus.Tok.VocabSize(), len(corpus.Data.Train),
			model.Plural(len(corpus.Data.Val), "validation window", "validation windows"), len(net.P.Data),
			model.Plural(tr.Batches(), "batch", "batches"))
	}
	gen := model.NewGenerator(net, corpus.Tok)
	sampleRNG := rand.New(rand.NewPCG(cfg.Seed, 0x73616d70))
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
			samples := []model.EpochSample(nil)
			if *sampleLen > 0 {
				samples = model.EpochSamples(gen, "", *sampleLen, sampleRNG)
			}
			if *jsonOut {
				enc.Encode(struct {
					model.Progress
					Samples []model.EpochSample `json:"samples,omitempty"`
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

// writeFileAtomic replaces path only once the new bytes are fully written.
func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
