package main

import (
	"encoding/json"
	"errors"
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
	workersOf := workersFlag(fs, "; -resume keeps the model's count")
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
	workers, err := workersOf()
	if err != nil {
		return err
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
	run, err := startRun(text, cfg, *textPath, *resume)
	if err != nil {
		return err
	}
	// A resumed run keeps the worker count it was trained with (its batches' split depends on
	// it), which its first step restores; Share refuses another.
	if *resume == "" || flagSet(fs, "workers") {
		if err := run.Share(workers); err != nil {
			return err
		}
	}
	rep := newTrainReport(stdout, *jsonOut, *every, *sampleLen, run)
	if err := train(run, rep, *maxBatches, *out); err != nil {
		return err
	}
	rep.finish(stderr, *out)
	return nil
}

// train steps run until it has trained every epoch, or maxBatches batches (0: no limit), and
// writes the model to out (none when "") after each epoch, at the end, and when a step fails,
// with the last good weights.
func train(run *lm.Run, rep *trainReport, maxBatches int, out string) error {
	save := func() error {
		if out == "" {
			return nil
		}
		b, err := lm.Encode(run.Model())
		if err != nil {
			return err
		}
		return safefile.Write(out, b)
	}
	for !run.Trainer.Done() && (maxBatches == 0 || rep.batches() < maxBatches) {
		p, err := run.Step()
		if err != nil {
			if serr := save(); serr != nil {
				return fmt.Errorf("%v (and saving the last good weights failed: %v)", err, serr)
			}
			return err
		}
		rep.step(p)
		if p.EpochDone {
			if err := save(); err != nil {
				return err
			}
		}
	}
	rep.flush()
	return save()
}

// startRun starts a run of cfg on text, or with a resume path continues the run of that model
// file, whose settings win but for more epochs.
func startRun(text string, cfg lm.Config, textPath, resume string) (*lm.Run, error) {
	if resume == "" {
		return lm.NewRun(text, cfg, lm.RunOptions{})
	}
	m, err := readModel(resume)
	if err != nil {
		return nil, err
	}
	run, err := lm.ResumeRun(m, text, lm.RunOptions{Epochs: cfg.Epochs})
	switch {
	case errors.Is(err, lm.ErrOtherText):
		return nil, fmt.Errorf("%s was trained on another text than %s", resume, textPath)
	case errors.Is(err, lm.ErrNoTrainState):
		return nil, fmt.Errorf("%s: %v", resume, err)
	case err != nil:
		return nil, err
	case run.Trainer.Done():
		e := run.Net.Cfg.Epochs
		return nil, usageError{fmt.Sprintf("%s has trained all of its %d epochs: give -epochs above %d to train it further", resume, e, e)}
	}
	return run, nil
}

// trainReport prints a run's progress: a line (a JSON object with -json) every so many batches
// and at least every 5 seconds, and at each epoch's end its losses and samples.
type trainReport struct {
	out       io.Writer
	enc       *json.Encoder // nil: lines for people
	every     int           // batches between reports
	sampleLen int           // tokens of each epoch sample; 0: none
	run       *lm.Run
	start     int       // batches the run had trained before this command
	began     time.Time // when this command started training
	last      time.Time
	pending   *lm.Progress // the last step's, when it went unreported
}

// newTrainReport prints what the run is about to train, unless the report is JSON.
func newTrainReport(out io.Writer, asJSON bool, every, sampleLen int, run *lm.Run) *trainReport {
	r := &trainReport{out: out, every: every, sampleLen: sampleLen, run: run,
		start: len(run.Trainer.History.BatchLoss), began: time.Now(), last: time.Now()}
	if asJSON {
		r.enc = json.NewEncoder(out)
		r.enc.SetEscapeHTML(false)
		return r
	}
	c := run.Corpus
	fmt.Fprintf(out, "%s, %d ids, %d training and %s, %d parameters, %s per epoch, %s\n",
		lm.Plural(len(c.IDs), "token", "tokens"), c.Tok.VocabSize(), len(c.Data.Train),
		lm.Plural(len(c.Data.Val), "validation window", "validation windows"), len(run.Net.P.Data),
		lm.Plural(run.Trainer.Batches(), "batch", "batches"), lm.Plural(max(run.Trainer.Workers, 1), "worker", "workers"))
	return r
}

// batches is how many batches this command has trained.
func (r *trainReport) batches() int { return len(r.run.Trainer.History.BatchLoss) - r.start }

// step reports a step's progress when it is due, and every epoch's end with its samples.
func (r *trainReport) step(p lm.Progress) {
	if p.EpochDone {
		r.pending = nil
		r.epoch(p)
		return
	}
	if p.Check != nil && r.enc == nil {
		best := ""
		if p.Best {
			best = " (best so far: its weights are kept)"
		}
		fmt.Fprintf(r.out, "epoch %d/%d  batch %d/%d  val check %.4f%s\n", p.Epoch, p.Epochs, p.Batch, p.Batches, p.Check.ValLoss, best)
	}
	if p.Check != nil && r.enc != nil {
		r.batchesReported(p)
		return
	}
	if p.Validating || (r.batches()%r.every != 0 && time.Since(r.last) < 5*time.Second) {
		r.pending = &p
		return
	}
	r.batchesReported(p)
}

// batchesReported prints a step's progress line (a JSON object with -json).
func (r *trainReport) batchesReported(p lm.Progress) {
	r.pending, r.last = nil, time.Now()
	if r.enc != nil {
		r.enc.Encode(p)
		return
	}
	fmt.Fprintf(r.out, "epoch %d/%d  batch %d/%d  loss %.4f  %.1f samples/s\n", p.Epoch, p.Epochs, p.Batch, p.Batches, p.Loss, p.SamplesPerS)
}

// flush reports the last step when it went unreported, so that a run shorter than -report
// batches still says how far it got.
func (r *trainReport) flush() {
	if p := r.pending; p != nil && !p.Validating {
		r.batchesReported(*p)
	}
}

// finish prints the run's last line, once the model is written: the file (out; "" when none
// was asked for), the batches this command trained and where that left the run's epochs, the
// last validation check's loss and the best one's (whose weights the file writes with), and the
// time it took. With -json it goes to stderr, so that stdout stays one report a line.
func (r *trainReport) finish(stderr io.Writer, out string) {
	w := r.out
	if r.enc != nil {
		w = stderr
	}
	t := r.run.Trainer
	what := "wrote " + out
	if out == "" {
		what = "trained (no model written: give -o FILE to keep it)"
	}
	epochs := epochsWhere(t.Done(), t.Epoch(), r.run.Net.Cfg.Epochs, t.Batch(), t.Batches())
	val := "no validation (the text is too short to hold windows out)"
	if len(r.run.Corpus.Data.Val) > 0 {
		val = "no validation check yet"
	}
	if c := t.History.Checks; len(c) > 0 {
		last := c[len(c)-1]
		val = fmt.Sprintf("validation loss %.4f", last.ValLoss)
		if b := t.Best; b != nil && b.Check == last {
			val += " (the best)"
		} else if b != nil {
			val += fmt.Sprintf(", best %.4f after batch %d", b.ValLoss, b.Batch)
		}
	}
	fmt.Fprintf(w, "%s: %s, %s; %s; %s\n", what, lm.Plural(r.batches(), "batch", "batches"), epochs, val, took(time.Since(r.began)))
}

// epochsWhere says where a run's epochs stand at a command's end: "2 epochs done", or "epoch 1 of
// 2 stopped after batch 3 of 19" (epoch and batch count from 0, as the trainers do).
func epochsWhere(done bool, epoch, epochs, batch, batches int) string {
	if done {
		return lm.Plural(epoch, "epoch", "epochs") + " done"
	}
	return fmt.Sprintf("epoch %d of %d stopped after batch %d of %d", epoch+1, epochs, batch, batches)
}

// took says how long something took as people write it: "0.4 s", "12.3 s", "24 min 7 s".
func took(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}

func (r *trainReport) epoch(p lm.Progress) {
	samples := []lm.EpochSample(nil)
	if r.sampleLen > 0 {
		samples = r.run.EpochSamples(r.sampleLen)
	}
	if r.enc != nil {
		r.enc.Encode(struct {
			lm.Progress
			Samples []lm.EpochSample `json:"samples,omitempty"`
		}{p, samples})
		return
	}
	val := "n/a (text too short for validation)"
	if p.ValLoss != nil {
		val = fmt.Sprintf("%.4f", *p.ValLoss)
	}
	if p.Best {
		val += " (best so far: its weights are kept)"
	}
	fmt.Fprintf(r.out, "epoch %d/%d  loss %.4f  val_loss %s  %.1f samples/s\n", p.Epoch, p.Epochs, p.Loss, val, p.SamplesPerS)
	for _, s := range samples {
		fmt.Fprintf(r.out, "  temperature %.2f: %s\n", s.Temperature, s.Text)
	}
}

// same reports whether the paths a and b name one existing file.
func same(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}
