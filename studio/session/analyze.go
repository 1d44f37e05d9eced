package session

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// estimateJob times a few batches of a text's model, one a Step (its run made by the first), so
// that a request arriving meanwhile (Find questions, Generate) waits for one batch, not all. Its
// run is made from the analysis' corpus with weights that cost nothing to draw (lm.NewTimingRun):
// a new run prepared the text again and drew the book model's orthogonal kernel, a step of
// about a second in wasm that the first Find questions after a paste waited behind.
type estimateJob struct {
	req    proto.Message
	result proto.TextAnalysis
	corpus *lm.Corpus // the analysis', prepared with the request's settings
	run    *lm.Run    // nil until the first Step
	// held is the session's stopped run when its network's parameters are laid out as the
	// request's settings lay them out over the text (any text and settings of the same
	// vocabulary size and model shape: a loss, a dropout, a learning rate changed): its weights
	// are timed instead, where they lie, through rep, a replica over a network of the request's
	// settings (lm.NewTimingNet) that computes gradients and never changes the held run's weights
	// or optimizer state. A timing run of its own beside the held run (31 MB for the book's
	// model, beside its 17) set the engine's peak before a second run; this takes a gradient and
	// a batch's buffers, and gives them back.
	held   *lm.Run
	rep    *lm.Replica
	warmed bool          // the untimed first batch ran
	n      int           // batches timed
	spent  time.Duration // in the timed batches alone, so that requests between them do not count
}

// estimateBatches is how many batches an estimate times, after an untimed first one.
const estimateBatches = 2

// timedEstimate is an estimate's answer with what it answered: the text's hash and the settings.
// An analysis of the same text under the same settings gets the same seconds again at once. The
// page asks again whenever a setting changes, the number of workers too (which the settings leave
// out), and most often after a stop; a new estimate would then time three batches again, with a
// gradient and a batch's buffers beside the stopped run the session holds.
type timedEstimate struct {
	text    [32]byte // lm.HashText
	cfg     lm.Config
	seconds float64 // Analysis.EpochSeconds; 0: none yet
}

func (s *Session) analyze(m proto.Message) []proto.Message {
	if m.Config == nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("analyze: no settings"))}
	}
	cfg := *m.Config
	if err := cfg.Validate(); err != nil {
		return []proto.Message{errorMsg(m, err)}
	}
	a, corpus, err := Analyze(m.Text, cfg)
	if err != nil {
		return []proto.Message{errorMsg(m, err)}
	}
	if t := s.timed; corpus != nil && t.seconds > 0 && t.cfg == cfg && t.text == lm.HashText(m.Text) {
		a.EpochSeconds = t.seconds
		s.endEstimate() // one asked for before, of other settings, is not wanted now
		return []proto.Message{reply(m, proto.Message{Kind: proto.Analysis, Analysis: &a})}
	}
	out := []proto.Message{reply(m, proto.Message{Kind: proto.Analysis, Analysis: &a})}
	if corpus != nil && s.phase != proto.Training {
		s.endEstimate()
		s.estimate = &estimateJob{req: m, result: a, corpus: corpus}
	}
	return out
}

// Analyze counts a text under cfg and advises on level and model size. It returns the prepared
// corpus when the text can be trained on.
func Analyze(text string, cfg lm.Config) (proto.TextAnalysis, *lm.Corpus, error) {
	var a proto.TextAnalysis
	if strings.TrimSpace(text) == "" {
		return a, nil, lm.ErrEmptyText
	}
	a.Chars = utf8.RuneCountInString(text)
	if err := lm.CheckSeparators(text, cfg.Cleaning, cfg.SeqLen); err != nil {
		return a, nil, err
	}
	// Both levels' counts come from the one cleaning, cut as training would cut it (lm.Tokenize).
	normal := lm.Normalize(text)
	cleaned := lm.Clean(normal, cfg.Cleaning, cfg.SeqLen)
	split := cfg.Cleaning.Split()
	words := lm.FitTokenizer(lm.Word, split, cleaned)
	wids, _ := words.Encode(cleaned)
	a.Words, a.WordVocab = len(wids), words.VocabSize()
	a.CharVocab = lm.FitTokenizer(lm.Char, split, cleaned).VocabSize()
	corpus, err := lm.Prepare(text, cfg, nil)
	if err != nil {
		return a, nil, err
	}
	a.Tokens, a.Vocab = len(corpus.IDs), corpus.Tok.VocabSize()
	a.Windows, a.Params = len(corpus.Data.Train), cfg.ParamCount(a.Vocab)
	a.Advice = advice(a, cfg)
	if cfg.Cleaning != lm.CleanBook {
		return a, corpus, nil
	}
	if n := lm.BookCopies(normal); n > 1 {
		// First: it says why the counts are of one copy, which the cleaning dropped silently
		// (a trial pasted the book twice and trained on it once).
		a.Advice = append([]string{fmt.Sprintf("%d copies of the same book found (each from “THE FOX AND THE GRAPES” to its illustrations): "+
			"the book's cleaning uses the first alone, and these figures count it.", n)}, a.Advice...)
	}
	return a, corpus, nil
}

func advice(a proto.TextAnalysis, cfg lm.Config) []string {
	var out []string
	// A word model needs each word seen several times: with fewer than ~4 occurrences per
	// vocabulary entry it mostly memorises; characters always recur.
	perWord := float64(a.Words) / float64(max(a.WordVocab, 1))
	switch {
	case cfg.Level == lm.Word && perWord < 4:
		out = append(out, fmt.Sprintf("Each word appears %.1f times on average: too rarely for a word model to learn much. Character level (the Quick preset) suits this text better.", perWord))
	case cfg.Level == lm.Char && a.Words > 40000 && perWord >= 8:
		out = append(out, "This text is long enough for word level, which writes whole words from the start (the book's setting).")
	default:
		out = append(out, fmt.Sprintf("%s level fits this text (%s, %d distinct).", strings.ToUpper(string(cfg.Level[:1]))+string(cfg.Level[1:]), lm.Plural(a.Tokens, "token", "tokens"), a.Vocab-1))
	}
	// Parameters per training window: far above ~50 the model can memorise the text outright.
	if ratio := float64(a.Params) / float64(max(a.Windows, 1)); ratio > 200 {
		out = append(out, fmt.Sprintf("The model has %d parameters for %s: it will memorise rather than generalise; fewer units (or more text) would help.", a.Params, lm.Plural(a.Windows, "training window", "training windows")))
	}
	if a.Windows < 10*cfg.Batch {
		out = append(out, fmt.Sprintf("Only %s: an epoch is %s, so train for more epochs.",
			lm.Plural(a.Windows, "training window", "training windows"), lm.Plural((a.Windows+cfg.Batch-1)/cfg.Batch, "batch", "batches")))
	}
	return out
}

// runEstimate does one step of the estimate: makes its run, or runs its untimed first batch
// (the first touch of every buffer), or times one more batch; after the last it reports the
// analysis again with the estimated seconds per epoch.
func (s *Session) runEstimate() []proto.Message {
	job := s.estimate
	if job.held != nil && (job.held != s.run || s.phase == proto.Training) { // resumed or replaced meanwhile
		s.endEstimate()
		return nil
	}
	switch {
	case job.run == nil && job.held == nil:
		cfg := *job.req.Config
		if r := s.run; r != nil && s.phase != proto.Training {
			if net, err := lm.NewTimingNet(r.Net, cfg, job.corpus.Tok.VocabSize()); err == nil {
				job.held, job.rep = r, lm.NewReplica(net, job.corpus.Data)
				return nil
			}
		}
		// A run of its own, on one worker, thrown away after: the run the user starts later is new.
		run, err := lm.NewTimingRun(job.corpus, cfg)
		if err != nil {
			s.estimate = nil
			return nil
		}
		job.run = run
		return nil
	case !job.warmed:
		job.warmed = true
		if err := job.step(); err != nil {
			s.endEstimate()
		}
		return nil
	}
	if !job.done() && job.n < estimateBatches {
		start := time.Now()
		if err := job.step(); err != nil {
			s.endEstimate()
			return nil
		}
		job.spent += time.Since(start)
		job.n++
		if job.n < estimateBatches {
			return nil
		}
	}
	s.endEstimate()
	if job.n == 0 {
		return nil
	}
	cfg := *job.req.Config
	perBatch := job.spent.Seconds() / float64(job.n)
	batches, valWindows := lm.EpochWork(cfg, job.corpus.Data)
	// Validation runs forward only, about a third of a training batch, in LossLast mode;
	// valWindows counts every pass of an epoch, its checks within it too.
	valBatches := float64(valWindows) / float64(cfg.Batch)
	a := job.result
	a.EpochSeconds = perBatch*float64(batches) + perBatch/3*valBatches
	if a.EpochSeconds > 0 {
		s.timed = timedEstimate{text: lm.HashText(job.req.Text), cfg: cfg, seconds: a.EpochSeconds}
	}
	return []proto.Message{reply(job.req, proto.Message{Kind: proto.Analysis, Analysis: &a})}
}

// step runs one batch of the estimate: a training step of its own run, or a gradient over the
// held run's weights of the text's first batch of windows (the optimizer's pass over the
// weights, 1–4 % of a step natively, is left out).
func (job *estimateJob) step() error {
	if job.rep == nil {
		_, err := job.run.Step()
		return err
	}
	train, cfg := job.corpus.Data.Train, job.req.Config
	if len(train) == 0 {
		return errors.New("no training windows")
	}
	starts := train[:min(cfg.Batch, len(train))]
	_, _, err := job.rep.Gradient(starts, cfg.Seed, len(starts))
	return err
}

func (job *estimateJob) done() bool { return job.run != nil && job.run.Trainer.Done() }

// endEstimate drops the estimate; one that timed the held run gives back what it took.
func (s *Session) endEstimate() {
	if job := s.estimate; job != nil && job.held != nil && job.held == s.run && s.phase != proto.Training {
		job.rep = nil
		s.letGo()
	}
	s.estimate = nil
}
