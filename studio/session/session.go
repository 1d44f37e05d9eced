// Package session is the training worker's logic: it keeps one text, one model and one training
// run, and answers protocol messages with calls on the engine. It knows nothing of JavaScript:
// studio/worker feeds it messages and posts what it returns, and tests drive it natively.
package session

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/proto"
)

// Session is one worker's state. It is not safe for concurrent use: its caller runs Handle and
// Step from one loop.
type Session struct {
	phase proto.Phase
	cfg   lm.Config
	run   *lm.Run // nil when the model cannot train further: none yet, or opened without its text
	// gen and sampler write with the model: the run's when there is one.
	gen     *lm.Generator
	sampler *rand.Rand
	meter   *lm.Meter // of the text the model learned from; nil without it (meter.go)

	hash     [32]byte   // of the text the model learned from
	imported lm.History // the history of an imported model that cannot train further
	// importedBest is the best weights of an imported model that cannot train further (a run
	// keeps its own: Trainer.Best); bestW writes with the best weights (best.go).
	importedBest *lm.BestWeights
	bestW        bestWriter

	losses   []float32 // batch losses not yet reported
	lastPost time.Time
	estimate *estimateJob
	timed    timedEstimate // the last estimate's answer (analyze.go)

	pool      Pool             // nil: one worker
	store     *checkedStore    // nil: no autosave
	ws        *proto.Workspace // the workspace autosave writes; nil when none
	text      string           // the workspace's text
	sampleLog []proto.EpochSamples
	lastSave  time.Time
	saveErr   string // the last autosave failure reported

	qa      *qa.Model    // the open question model (questions.go); nil when none
	qjob    *questionJob // the model's questions still to write for a FindQuestions
	qat     *qaTraining  // the question model's run, or the saved one restored (qatrain.go)
	qaStore QAStore      // nil: the question model is not saved

	// Now is the clock; tests replace it.
	Now func() time.Time
	// PostEvery is the least time between two progress messages. Each one re-renders the page
	// (status, chart), which takes a core's time away from training (measured: DEVELOPERS.md,
	// "Why the defaults").
	PostEvery time.Duration
}

// New makes an idle session.
func New() *Session {
	return &Session{phase: proto.Idle, Now: time.Now, PostEvery: 500 * time.Millisecond}
}

// Busy reports whether Step has work to do: a training run of either model, a pending time
// estimate, the question model's questions, or saved workspaces to check.
func (s *Session) Busy() bool {
	return s.phase == proto.Training || s.estimate != nil || s.qjob != nil || s.store.scanning() || s.qaTrainingNow()
}

// collect runs the garbage collector before a run or an autosave makes megabytes at once (a
// network, its optimizer state, a model file), so that they take the pages just let go of
// (Trainer.ReleaseWork, the estimate's run) instead of new ones. In the browser a Go instance's
// memory never shrinks, and a heap that grows is kept for good: without it the engine grew by
// some 16 MB with each run trained and stopped (three runs of the book's model natively: 60, 77
// and 93 MB mapped for 31 MB live; 60, 61 and 61 with it). It costs milliseconds: what it marks is
// mostly float32 slices, which hold no pointers.
var collect = runtime.GC // a variable for the test that checks what is let go before it

// letGo lets the run's working memory go (Trainer.ReleaseWork: the batches' buffers and the
// gradient, made again by the next step) and collects, when the run pauses, stops, ends or is
// about to be saved.
func (s *Session) letGo() {
	if s.run != nil {
		s.run.Trainer.ReleaseWork()
	}
	collect()
}

func reply(req proto.Message, m proto.Message) proto.Message {
	m.Seq = req.Seq
	return m
}

func errorMsg(req proto.Message, err error) proto.Message {
	return reply(req, proto.Message{Kind: proto.Error, Error: err.Error()})
}

// state reports the phase, with the workers the run shares its batches among.
func (s *Session) state() proto.Message {
	return proto.Message{Kind: proto.State, State: s.phase, Workers: s.runWorkers()}
}

// Handle answers one message from the UI.
func (s *Session) Handle(m proto.Message) (out []proto.Message) {
	defer s.endIdleHelpers() // last, after survive has stopped a run that panicked
	defer s.survive(m, &out)
	switch m.Kind {
	case proto.Analyze:
		return s.analyze(m)
	case proto.Train:
		if s.qaActive() {
			return []proto.Message{errorMsg(m, errQABusy)}
		}
		return s.train(m)
	case proto.Pause:
		if s.phase != proto.Training {
			return []proto.Message{s.state()}
		}
		s.phase = proto.Paused
		s.letGo() // before the save, whose model file would stack on it
		return append(append(s.flush(), s.state()), s.save()...)
	case proto.Resume:
		if s.qaActive() {
			return []proto.Message{errorMsg(m, errQABusy), s.state()}
		}
		if (s.phase == proto.Paused || s.phase == proto.Stopped) && s.run != nil && !s.run.Trainer.Done() {
			// A run opened from storage or a file records its worker count: its helpers start now.
			if err := s.run.StartHelpers(); err != nil {
				return []proto.Message{errorMsg(m, err), s.state()}
			}
			s.phase = proto.Training
		}
		return []proto.Message{s.state()}
	case proto.Stop:
		if s.phase != proto.Training && s.phase != proto.Paused {
			return []proto.Message{s.state()}
		}
		s.phase = proto.Stopped
		s.letGo() // before the save, whose model file would stack on it
		return append(append(s.flush(), s.state()), s.save()...)
	case proto.SampleNow:
		if s.gen == nil {
			return []proto.Message{errorMsg(m, errNoModel)}
		}
		sm := reply(m, s.samples(0))
		s.logSamples(sm)
		return []proto.Message{sm}
	case proto.Generate:
		return []proto.Message{s.generate(m)}
	case proto.Predict:
		return []proto.Message{s.predict(m)}
	case proto.Export:
		return []proto.Message{s.export(m)}
	case proto.Import:
		return s.importModel(m)
	case proto.Workspaces:
		return s.workspaces(m)
	case proto.Open:
		return s.open(m)
	case proto.Delete:
		return s.deleteWorkspace(m)
	case proto.QATrain:
		return s.qaTrain(m)
	case proto.QAPause, proto.QAResume, proto.QAStop:
		return s.qaControl(m)
	case proto.QARestore:
		return s.qaRestore(m)
	case proto.QAClose:
		return []proto.Message{s.qaClose(m)}
	case proto.FindQuestions:
		return s.findQuestions(m)
	case proto.AskQuestion:
		return []proto.Message{s.askQuestion(m)}
	case proto.InlinkMake:
		return []proto.Message{s.makeInlink(m)}
	case proto.InlinkOpen:
		return s.openInlink(m)
	}
	return []proto.Message{errorMsg(m, fmt.Errorf("unknown request %q", m.Kind))}
}

var errNoModel = errors.New("there is no model yet: train one first")

func (s *Session) train(m proto.Message) []proto.Message {
	if m.Config == nil {
		return []proto.Message{errorMsg(m, errors.New("train: no settings"))}
	}
	cfg := *m.Config
	if s.run != nil { // it lives until the new run is sure to start: only its weights need to
		s.run.Trainer.ReleaseWork()
	}
	if s.estimate != nil { // its timing run (a network of its own) goes; after a refusal it starts again
		s.estimate.run, s.estimate.held, s.estimate.rep = nil, nil, nil
		s.estimate.warmed, s.estimate.n, s.estimate.spent = false, 0, 0
	}
	s.bestW = bestWriter{} // a copy of the old run's best weights
	collect()              // so that preparing the text takes the pages just freed
	corpus, err := lm.PrepareRun(m.Text, cfg)
	if err != nil { // refused: the old run and its model stay as they were
		return []proto.Message{errorMsg(m, err)}
	}
	// The new run will start, so the old model goes before its network is made: the two were in
	// memory at once (the old weights and optimizer state beside the new run's: 38 MB for the
	// book's model, and a worker's memory never shrinks).
	s.run, s.gen, s.sampler, s.importedBest, s.imported = nil, nil, nil, nil, lm.History{}
	collect()
	run, err := lm.NewRunOf(corpus, cfg, lm.RunOptions{Helpers: s.startHelpers})
	if err != nil { // out of memory, say: PrepareRun refused everything else
		s.phase = proto.Idle
		return []proto.Message{errorMsg(m, err), s.state()}
	}
	s.cfg, s.run, s.hash, s.gen, s.sampler = cfg, run, run.Corpus.Hash, run.Gen, run.Sampler
	s.phase, s.losses, s.estimate = proto.Training, nil, nil
	s.startMeter(nil, m.Text)
	s.startWorkspace(m.Text)
	var out []proto.Message
	if err := run.Share(s.workersFor(m.Workers, len(run.Net.P.Data))); err != nil {
		// Training alone beats not training (Share left the run on one worker); the page says
		// why it is slower.
		out = append(out, errorMsg(m, fmt.Errorf("%v; training on one worker", err)))
	}
	return append(append(out, s.state()), s.save()...)
}

// Step does one unit of work: a pending estimate, a saved workspace's check, or one training (or
// validation) batch. It returns the messages to post: progress at most every PostEvery, and
// always at an epoch's end, with that epoch's samples.
func (s *Session) Step() (res []proto.Message) {
	defer s.endIdleHelpers() // last, after survive has stopped a run that panicked
	defer s.survive(proto.Message{}, &res)
	if s.qjob != nil { // the page waits for these: they go before training's next batch
		return s.runQuestionJob()
	}
	if s.estimate != nil {
		return s.runEstimate()
	}
	if s.store.scanning() {
		return s.scanStep()
	}
	if s.qaTrainingNow() {
		return s.qaStep()
	}
	if s.phase != proto.Training {
		return nil
	}
	h := &s.run.Trainer.History
	before := len(h.BatchLoss)
	p, err := s.run.Step()
	s.losses = append(s.losses, h.BatchLoss[before:]...)
	if err != nil {
		s.phase = proto.Stopped
		return append(s.flush(), proto.Message{Kind: proto.Error, Error: err.Error()}, s.state())
	}
	var out []proto.Message
	// A validation check is posted at once, so that the chart marks the best where it was.
	if p.EpochDone || p.Check != nil || s.Now().Sub(s.lastPost) >= s.PostEvery {
		s.lastPost = s.Now()
		out = append(out, proto.Message{Kind: proto.Progress, Progress: &p, Losses: s.losses})
		s.losses = nil
	}
	if p.EpochDone {
		sm := s.samples(p.Epoch)
		s.logSamples(sm)
		out = append(out, sm)
	}
	saving := p.EpochDone || p.Check != nil || s.Now().Sub(s.lastSave) >= SaveEvery
	if p.Done || saving {
		// The model file (22 MB for the book's model with its best weights) takes the place of the
		// batches' buffers, which the next step makes again, instead of stacking on them.
		s.letGo()
	}
	if p.Done {
		s.phase = proto.Done
		out = append(out, s.state())
	}
	if saving {
		out = append(out, s.save()...)
	}
	return out
}

// flush reports batch losses that no progress message carried yet.
func (s *Session) flush() []proto.Message {
	if len(s.losses) == 0 || s.run == nil {
		return nil
	}
	tr := s.run.Trainer
	p := proto.Message{Kind: proto.Progress, Losses: s.losses, Progress: &lm.Progress{
		Epoch: tr.Epoch() + 1, Epochs: s.cfg.Epochs, Batch: tr.Batch(), Batches: tr.Batches(),
		Loss: float64(s.losses[len(s.losses)-1]),
	}}
	s.losses = nil
	return []proto.Message{p}
}

// sampleLength is how much each epoch sample writes: the book's 50 words, or 200 characters.
func (s *Session) sampleLength() int {
	if s.cfg.Level == lm.Char {
		return 200
	}
	return 50
}

func (s *Session) samples(epoch int) proto.Message {
	es := &proto.EpochSamples{Epoch: epoch, Samples: lm.EpochSamples(s.gen, "", s.sampleLength(), s.sampler)}
	s.measureSamples(es)
	return proto.Message{Kind: proto.Samples, Samples: es}
}

func (s *Session) generate(m proto.Message) proto.Message {
	if s.gen == nil {
		return errorMsg(m, errNoModel)
	}
	if m.Gen == nil {
		return errorMsg(m, errors.New("generate: no options"))
	}
	o := *m.Gen
	if err := o.Validate(); err != nil {
		return errorMsg(m, err)
	}
	if o.Mode == "" {
		o.Mode = lm.GenWindow
	}
	seed := m.Seed
	if seed == 0 {
		seed = uint64(s.Now().UnixNano())
	}
	w, err := lm.ParseWeights(string(m.Weights))
	if err != nil {
		return errorMsg(m, err)
	}
	res := s.writer(w).Generate(m.Prompt, o, rand.New(rand.NewPCG(seed, 0)))
	out := proto.Message{Kind: proto.Generated, Generated: &res, Level: s.cfg.Level,
		Copied: s.measure(lm.Join(s.cfg.Level, m.Prompt, res.Text))}
	if m.PrintWanted {
		out.WeightsPrint = s.weightsPrint()
	}
	return reply(m, out)
}

func (s *Session) predict(m proto.Message) proto.Message {
	if s.gen == nil {
		return errorMsg(m, errNoModel)
	}
	k := m.K
	if k < 1 || k > 100 {
		k = 10
	}
	w, err := lm.ParseWeights(string(m.Weights))
	if err != nil {
		return errorMsg(m, err)
	}
	g := s.writer(w)
	_, next, unknown := g.Predict(m.Prompt, k)
	out := proto.Message{Kind: proto.Candidates, Candidates: next, Unknown: unknown, Level: s.cfg.Level, Copied: s.measure(m.Prompt)}
	if m.Word != "" { // cut and cleaned as the model reads it, as the prompt is
		_, out.WordUnknown = g.Context(m.Word)
	}
	return reply(m, out)
}
