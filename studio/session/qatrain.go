package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/studio/proto"
)

// The question model's training in the worker. One run at a time: a question run is refused
// while the text generator trains or is paused, and the text generator's Train while a question
// run does; each says which to stop. A question run shares its batches among the pool's workers
// as the text generator's does (qapool.go), and reports its pairs per second.

// QAStore keeps the question model between visits (IndexedDB in the browser, beside the
// workspaces): one slot, the question model trained last in this browser, saved after each epoch
// and at pause and stop. Its calls block until the storage answers.
type QAStore interface {
	// PutQA replaces the saved question model: meta is a small JSON description, model the
	// model file with its training state.
	PutQA(meta, model []byte) error
	// GetQA reads them back: nil, nil, nil when none is saved.
	GetQA() (meta, model []byte, err error)
	// DeleteQA removes the saved question model; none saved is no error.
	DeleteQA() error
}

// SetQAStore turns saving the question model on.
func (s *Session) SetQAStore(st QAStore) { s.qaStore = st }

// Bounds of a question run's work between epochs.
const (
	// qaHeld is how many held-out passages the model writes questions on after each epoch.
	qaHeld = 3
	// qaMaxVal is the most validation examples an epoch's end scores: FairytaleQA's val split
	// has about 1,000 spans, which would take a browser minutes after every epoch.
	qaMaxVal = 100
	// qaBeam is the beam width of the held-out questions.
	qaBeam = 3
)

// qaTraining is the question model's run, or the saved one restored (run nil: it cannot train
// further without its dataset).
type qaTraining struct {
	run   *qa.Run
	phase proto.Phase
	info  proto.QARunProgress // what the run trains on; its counts are filled in as it goes
	held  []dataset.Example   // the passages it asks about after each epoch
	// heldTrained: the dataset was too small to hold passages out, so held is from the training set.
	heldTrained bool
	heldLog     []proto.QAHeldQuestion
	losses      []proto.QALoss // not yet reported
	all         []proto.QALoss // every batch's, saved for the chart of a restored model
	lastPost    time.Time
	pairs       int     // training examples stepped over
	seconds     float64 // spent stepping them
	last        qa.Losses
	saveErr     string
	// file and examples are what helpers' replicas are made of (qapool.go), kept to start them
	// again on Resume.
	file, examples []byte
}

// qaMeta is the description saved beside the question model.
type qaMeta struct {
	Progress proto.QARunProgress    `json:"progress"`
	Phase    proto.Phase            `json:"phase"`
	Held     []proto.QAHeldQuestion `json:"held,omitempty"`
	Losses   []proto.QALoss         `json:"losses,omitempty"`
}

// qaActive reports whether a question run trains or is paused.
func (s *Session) qaActive() bool {
	return s.qat != nil && (s.qat.phase == proto.Training || s.qat.phase == proto.Paused)
}

func (s *Session) qaTrainingNow() bool { return s.qat != nil && s.qat.phase == proto.Training }

var errQABusy = errors.New("the question model is training: stop it (under Train the question model) before training the text generator; one run trains at a time")

// qaConfig is the question model's settings for a run of opts.
func qaConfig(opts proto.QATrainOptions) (qa.Config, error) {
	cfg := qa.DefaultConfig(5000)
	switch opts.Size {
	case "", "small":
		cfg.Shape = qa.Shape{V: 3000, Embed: 50, Units: 64, Decoder: 128, Attention: 64, Answer: 16, AnswerPool: true}
	case "book":
	default:
		return cfg, fmt.Errorf("the question model's size %q is neither small nor book", opts.Size)
	}
	switch {
	case opts.Epochs < 1 || opts.Epochs > proto.MaxQAEpochs:
		return cfg, fmt.Errorf("epochs %d is out of range [1, %d]", opts.Epochs, proto.MaxQAEpochs)
	case opts.Examples < 0:
		return cfg, fmt.Errorf("examples an epoch %d is negative", opts.Examples)
	}
	cfg.Epochs = opts.Epochs
	return cfg, nil
}

// qaTrain reads the dataset that came with m and starts a question run on it. A dataset that
// does not read, or has no example to learn from, changes nothing.
func (s *Session) qaTrain(m proto.Message) []proto.Message {
	switch {
	case s.phase == proto.Training || s.phase == proto.Paused:
		return []proto.Message{errorMsg(m, errors.New("the text generator is training: stop it before training the question model; one run trains at a time"))}
	case s.qaActive():
		return []proto.Message{errorMsg(m, errors.New("the question model is already training: stop it first"))}
	}
	opts := proto.QATrainOptions{Epochs: proto.QADefaultEpochs, Examples: proto.QADefaultExamples}
	if m.QATrain != nil {
		opts = *m.QATrain
	}
	cfg, err := qaConfig(opts)
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("%v; the question model is unchanged", err))}
	}
	if len(m.Files) != len(m.FileNames) {
		return []proto.Message{errorMsg(m, fmt.Errorf("%d files came with %d names", len(m.Files), len(m.FileNames)))}
	}
	files := make([]dataset.File, len(m.Files))
	for i, b := range m.Files {
		files[i] = dataset.File{Name: m.FileNames[i], Data: b}
	}
	trainSet, valSet, kind, err := dataset.ReadFiles(files)
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("%v. The question model is unchanged", err))}
	}
	spans := trainSet.Spanned()
	if len(spans) == 0 {
		return []proto.Message{errorMsg(m, fmt.Errorf("none of the %d examples of %s has its answer in its passage: a question model "+
			"learns from (passage, question, answer) examples whose answer is a span of the passage. The question model is unchanged", len(trainSet), kind))}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x68656c64)) // "held"
	rng.Shuffle(len(spans), func(i, j int) { spans[i], spans[j] = spans[j], spans[i] })
	val := valSet.Spanned()
	rng.Shuffle(len(val), func(i, j int) { val[i], val[j] = val[j], val[i] })
	var held dataset.Set
	heldTrained := false
	switch {
	case len(val) > 0:
		held = val[:min(qaHeld, len(val))]
	case len(spans) >= 10*qaHeld: // enough to spare a few passages the model never trains on
		held, spans = spans[:qaHeld], spans[qaHeld:]
	default: // too few to hold any out: the questions are on passages it trained on, and say so
		held, heldTrained = spans[:min(qaHeld, len(spans))], true
		kind += ", too small to hold passages out"
	}
	if opts.Examples > 0 && len(spans) > opts.Examples {
		spans = spans[:opts.Examples]
	}
	val = val[:min(len(val), qaMaxVal)]
	v, train, valEx, err := qa.PrepareSet(spans, val, cfg.V)
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("%v; the question model is unchanged", err))}
	}
	run, err := qa.NewRun(cfg, v, train, valEx)
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("%v; the question model is unchanged", err))}
	}
	s.qat = &qaTraining{run: run, phase: proto.Training, held: held, heldTrained: heldTrained, lastPost: s.Now(),
		info: proto.QARunProgress{Epoch: 1, Epochs: cfg.Epochs, Batches: run.Batches(), Examples: len(train), Val: len(valEx),
			Dataset: kind, Workers: s.workersFor(opts.Workers, len(run.Model.Net.Params().Data))}}
	var out []proto.Message
	if err := s.qaStartHelpers(); err != nil {
		// Training alone beats not training; the page says why it is slower.
		s.qat.info.Workers = 1
		run.UseHelpers(nil)
		out = append(out, errorMsg(m, fmt.Errorf("%v; training on one worker", err)))
	}
	return append(out, s.qaState(m))
}

// qaState reports the question run's phase and where it stands.
func (s *Session) qaState(req proto.Message) proto.Message {
	p := s.qaProgress()
	// The open question model rides along: a run's epochs and a saved run's return open it, and
	// the Questions panel shows what is open.
	return reply(req, proto.Message{Kind: proto.QAState, State: s.qat.phase, QARun: &p, QAModel: qaModelInfo(s.qa)})
}

// qaProgress is where the question run stands.
func (s *Session) qaProgress() proto.QARunProgress {
	r := s.qat
	p := r.info
	if r.run == nil {
		return p
	}
	p.Epoch, p.Batch = r.run.Epoch+1, r.run.Batch
	if r.run.Done() && p.Epoch > p.Epochs {
		p.Epoch, p.Batch = p.Epochs, p.Batches
	}
	p.Tagger, p.Question = r.last.Tagger, r.last.Question
	if r.seconds > 0 {
		p.PairsPerS = float64(r.pairs) / r.seconds
	}
	if h := r.run.Model.History.Val; len(h) > 0 {
		t, q := h[len(h)-1].Tagger, h[len(h)-1].Question
		p.ValTagger, p.ValQuestion = &t, &q
	}
	return p
}

// qaControl pauses, resumes or stops the question run.
func (s *Session) qaControl(m proto.Message) []proto.Message {
	if s.qat == nil {
		return []proto.Message{errorMsg(m, errors.New("there is no question model training"))}
	}
	r := s.qat
	switch m.Kind {
	case proto.QAPause:
		if r.phase == proto.Training {
			r.phase = proto.Paused
			return append(append(s.qaFlush(), s.qaState(m)), s.qaSave()...)
		}
	case proto.QAResume:
		if r.phase != proto.Paused && r.phase != proto.Stopped {
			break
		}
		if r.run == nil || r.run.Done() {
			return []proto.Message{errorMsg(m, errors.New("this question model's dataset is not in this tab: drop it again and press Train to train a new one")), s.qaState(m)}
		}
		if s.phase == proto.Training || s.phase == proto.Paused {
			return []proto.Message{errorMsg(m, errors.New("the text generator is training: stop it before resuming the question model")), s.qaState(m)}
		}
		if err := s.qaStartHelpers(); err != nil { // a text run may have had the helpers since
			return []proto.Message{errorMsg(m, err), s.qaState(m)}
		}
		r.phase = proto.Training
	case proto.QAStop:
		if r.phase == proto.Training || r.phase == proto.Paused {
			r.phase = proto.Stopped
			if r.run != nil && r.pairs > 0 {
				s.setQuestionModel(r.run.Model)
			}
			return append(append(s.qaFlush(), s.qaState(m)), s.qaSave()...)
		}
	}
	return []proto.Message{s.qaState(m)}
}

// qaStep trains the question run's next batch. It reports progress at most every PostEvery and
// at each epoch's end, with the questions on the held-out passages; each epoch's model is saved
// and becomes the open question model.
func (s *Session) qaStep() []proto.Message {
	r := s.qat
	cfg := r.run.Model.Config
	n := min(cfg.Batch, r.info.Examples-r.run.Batch*cfg.Batch)
	epoch := r.run.Epoch
	t0 := time.Now()
	l := r.run.Step()
	if err := r.run.Err(); err != nil {
		r.phase = proto.Stopped
		return append(s.qaFlush(), proto.Message{Kind: proto.Error, Error: err.Error()}, s.qaState(proto.Message{}))
	}
	r.seconds += time.Since(t0).Seconds()
	r.pairs += n
	r.last = l
	ql := proto.QALoss{Tagger: float32(l.Tagger), Question: float32(l.Question)}
	r.losses, r.all = append(r.losses, ql), append(r.all, ql)
	ended := r.run.Epoch != epoch
	var out []proto.Message
	if ended || s.Now().Sub(r.lastPost) >= s.PostEvery {
		out = append(out, s.qaProgressMsg(ended, epoch))
	}
	if ended {
		s.setQuestionModel(r.run.Model)
		r.heldLog = s.qaHeldQuestions(epoch + 1)
		out = append(out, proto.Message{Kind: proto.QAHeld, QAHeld: r.heldLog, QAModel: qaModelInfo(s.qa)})
		if r.run.Done() {
			r.phase = proto.Done
			out = append(out, s.qaState(proto.Message{}))
		}
		out = append(out, s.qaSave()...)
	}
	return out
}

// qaProgressMsg reports the losses since the last report; at an epoch's end, that epoch (0-based)
// as finished.
func (s *Session) qaProgressMsg(ended bool, epoch int) proto.Message {
	r := s.qat
	p := s.qaProgress()
	if ended {
		p.Epoch, p.Batch, p.EpochDone = epoch+1, p.Batches, true
	}
	r.lastPost = s.Now()
	m := proto.Message{Kind: proto.QAProgress, QARun: &p, QALosses: r.losses}
	r.losses = nil
	return m
}

// qaFlush reports batch losses that no progress message carried yet.
func (s *Session) qaFlush() []proto.Message {
	if len(s.qat.losses) == 0 || s.qat.run == nil {
		return nil
	}
	p := s.qaProgress()
	m := proto.Message{Kind: proto.QAProgress, QARun: &p, QALosses: s.qat.losses}
	s.qat.losses = nil
	return []proto.Message{m}
}

// qaHeldQuestions asks the model, after epoch (1-based), a question for the answer of each
// held-out passage.
func (s *Session) qaHeldQuestions(epoch int) []proto.QAHeldQuestion {
	g, err := qa.NewTrained(s.qat.run.Model, qaBeam)
	if err != nil {
		return nil
	}
	var out []proto.QAHeldQuestion
	for _, ex := range s.qat.held {
		h := proto.QAHeldQuestion{Epoch: epoch, Passage: ex.Passage, Answer: ex.Span(), Want: ex.Question, Trained: s.qat.heldTrained}
		if p, err := g.Ask(ex.Passage, ex.Start, ex.End); err != nil {
			h.Asked = "(" + err.Error() + ")"
		} else {
			h.Asked = p.Question
		}
		out = append(out, h)
	}
	return out
}

// qaSave writes the question model to the browser's storage, with its training state, unless it
// has not trained a batch. A failure is said once until a save works again.
func (s *Session) qaSave() []proto.Message {
	r := s.qat
	if s.qaStore == nil || r == nil || r.run == nil || r.pairs == 0 {
		return nil
	}
	r.run.Model.Train = r.run.State()
	model, err := qa.Encode(r.run.Model)
	if err == nil {
		var meta []byte
		meta, err = json.Marshal(qaMeta{Progress: s.qaProgress(), Phase: r.phase, Held: r.heldLog, Losses: r.all})
		if err == nil {
			err = s.qaStore.PutQA(meta, model)
		}
	}
	if err != nil {
		msg := "The question model could not be saved in this browser: " + err.Error() + "."
		if errors.Is(err, ErrQuota) {
			msg = "The question model could not be saved: " + ErrQuota.Error() + ". Delete saved workspaces you no longer need; training goes on."
		}
		if msg == r.saveErr {
			return nil
		}
		r.saveErr = msg
		return []proto.Message{{Kind: proto.Error, Error: msg}}
	}
	r.saveErr = ""
	return nil
}

// qaRestore brings back the question model saved in this browser, which becomes the open
// question model; it answers nothing when none is saved, and the run's state when this tab has
// one already. A saved model that does not read answers an error and changes nothing.
func (s *Session) qaRestore(m proto.Message) []proto.Message {
	if s.qat != nil {
		return []proto.Message{s.qaState(m)}
	}
	if s.qaStore == nil {
		return nil
	}
	metaB, model, err := s.qaStore.GetQA()
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("the saved question model cannot be read: %v", err))}
	}
	if model == nil {
		return nil
	}
	var meta qaMeta
	if err := json.Unmarshal(metaB, &meta); err != nil {
		return []proto.Message{errorMsg(m, errors.New("the saved question model is damaged: its description does not parse; train it again"))}
	}
	mod, err := qa.Decode(model)
	if err != nil {
		return []proto.Message{errorMsg(m, fmt.Errorf("the saved question model is damaged (%s); train it again",
			strings.TrimPrefix(err.Error(), "qa: ")))}
	}
	// A run saved while it trained (at an epoch's end) was cut off by a reload or a closed tab;
	// one saved paused or stopped was not. A save with no phase, or one unknown, is said stopped.
	meta.Progress.Interrupted = meta.Phase == proto.Training
	if !phases[meta.Phase] || meta.Phase == proto.Training || meta.Phase == proto.Paused {
		meta.Phase = proto.Stopped // saved mid-run: it stands where it stopped
	}
	s.qat = &qaTraining{phase: meta.Phase, info: meta.Progress, heldLog: meta.Held, all: meta.Losses}
	s.setQuestionModel(mod)
	st := s.qaState(m)
	st.QALosses = meta.Losses
	out := []proto.Message{st}
	if len(meta.Held) > 0 {
		out = append(out, reply(m, proto.Message{Kind: proto.QAHeld, QAHeld: meta.Held}))
	}
	return out
}

// MemQAStore is a QAStore in memory, for tests.
type MemQAStore struct {
	Meta, Model []byte
	Err         error // what PutQA returns, when set
	Puts        int
}

func (m *MemQAStore) PutQA(meta, model []byte) error {
	if m.Err != nil {
		return m.Err
	}
	m.Meta, m.Model = append([]byte(nil), meta...), append([]byte(nil), model...)
	m.Puts++
	return nil
}

func (m *MemQAStore) GetQA() ([]byte, []byte, error) { return m.Meta, m.Model, nil }

func (m *MemQAStore) DeleteQA() error {
	if m.Err != nil {
		return m.Err
	}
	m.Meta, m.Model = nil, nil
	return nil
}
