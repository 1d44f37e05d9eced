package lm

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"fabulist/model/nn"
)

// A training run starts here, for the command line (train, quality), the studio's worker
// (studio/session) and the benchmarks alike, so that none of them can start or resume a run in a
// way of its own: the same text, settings and seed give the same weights and the same samples
// wherever the run is trained, and a run saved by one resumes bit for bit in another.

// Errors of ResumeRun, for a model file that cannot be trained further on a text.
var (
	// ErrOtherText is returned for a text whose hash is not the one the model file records.
	ErrOtherText = errors.New("the model was trained on another text")
	// ErrNoTrainState is returned for a model file without optimizer state and position (no TRNS
	// section): training it further could not continue the run that made it.
	ErrNoTrainState = errors.New("the model file holds no training state (optimizer slots and position) to continue from")
)

// Run is one training run of a text generator: the corpus it learns from, the network, the
// Trainer that steps it, and what writes the samples after each epoch. Step it until
// Trainer.Done; Model is what a model file keeps of it.
type Run struct {
	Corpus  *Corpus
	Net     *Net
	Trainer *Trainer
	// Gen writes with Net over Corpus.Tok (the samples after each epoch, and any other text).
	Gen *Generator
	// Sampler is the random source of the samples written after each epoch: SampleRNG of the
	// run's seed, new for every run and every resumption, since a model file does not keep it.
	Sampler *rand.Rand

	// LostKernel, for a resumed run, names the fused kernel it trained on (TrainState.Kernel)
	// where this engine has none (a browser without relaxed SIMD): it goes on with the exact
	// kernel, and its weights then differ in the last bits from those of the run uninterrupted.
	LostKernel string

	helpers func(k int, r *Run) (nn.Helpers, error)
}

// RunOptions are what NewRun and ResumeRun take beyond the text and the settings.
type RunOptions struct {
	// Helpers starts the k-1 helpers of a run that k workers share (k ≥ 2), each holding a replica
	// of the run's network over its corpus (Web Workers in the browser). Nil: goroutines in this
	// process (NewLocalHelpers). It is called when the run first needs them (Share, StartHelpers
	// or Step), not by NewRun or ResumeRun.
	Helpers func(k int, r *Run) (nn.Helpers, error)
	// Epochs, for ResumeRun: train until this many epochs in all, when that is more than the
	// model file's settings say. NewRun takes the settings' epochs.
	Epochs int
}

// NewRun starts a run of cfg on text: it checks cfg (Config.Validate), prepares the text
// (Prepare), initialises a network from cfg.Seed (NewNet) and a trainer for it (NewTrainer) on one
// worker; Share spreads it over more. Its errors are Validate's, Prepare's (ErrEmptyText, a text
// too short for seq_length, too many story breaks) and NewNet's (a vocabulary or network too big).
func NewRun(text string, cfg Config, o RunOptions) (*Run, error) {
	corpus, err := PrepareRun(text, cfg)
	if err != nil {
		return nil, err
	}
	return NewRunOf(corpus, cfg, o)
}

// PrepareRun does what NewRun does before it makes the network: it checks cfg, prepares the text
// and checks the network's size for the text's vocabulary, without allocating it. Its errors are
// all of NewRun's, so that NewRunOf of what it returns fails only where memory does. A caller
// that holds another run can so learn that the new one will start before it lets the old one go,
// and let it go before the new one's network is made (the two need not be in memory at once).
func PrepareRun(text string, cfg Config) (*Corpus, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	corpus, err := Prepare(text, cfg, nil)
	if err != nil {
		return nil, err
	}
	if err := checkSize(cfg, corpus.Tok.VocabSize()); err != nil {
		return nil, err
	}
	if corpus.Data.SeqLen != cfg.SeqLen {
		return nil, fmt.Errorf("lm: data windows of %d tokens do not fit a model of seq_length %d", corpus.Data.SeqLen, cfg.SeqLen)
	}
	if _, err := nn.NewOptimizer(cfg.Optimizer, cfg.LR, 0); err != nil {
		return nil, err
	}
	return corpus, nil
}

// NewRunOf starts a run of cfg on a corpus PrepareRun made of cfg: a network initialised from
// cfg.Seed (NewNet) and its trainer (NewTrainer), on one worker.
func NewRunOf(corpus *Corpus, cfg Config, o RunOptions) (*Run, error) {
	net, err := NewNet(cfg, corpus.Tok.VocabSize())
	if err != nil {
		return nil, err
	}
	tr, err := NewTrainer(net, corpus.Data)
	if err != nil {
		return nil, err
	}
	return newRun(corpus, tr, o), nil
}

// ResumeRun continues the run that made m on text, exactly where it stopped: the same network,
// vocabulary, optimizer state, window order, random state and worker count (its dropout draws
// depend on the count, so the count cannot change; StartHelpers readies the helpers). The run
// takes m's network and tokenizer as they are, without copies. m's settings win over any the
// caller has, but for o.Epochs, which can only add epochs; a run that has trained all of its
// epochs is returned as it is (Trainer.Done). Its errors are ErrOtherText, ErrNoTrainState, an
// o.Epochs out of range (Config.Validate), Prepare's, and Trainer.Restore's for state that does
// not fit the text.
func ResumeRun(m *Model, text string, o RunOptions) (*Run, error) {
	if HashText(text) != m.TextHash {
		return nil, ErrOtherText
	}
	if m.Train == nil {
		return nil, ErrNoTrainState
	}
	cfg := m.Net.Cfg
	cfg.Epochs = max(cfg.Epochs, o.Epochs)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	corpus, err := Prepare(text, cfg, m.Tok)
	if err != nil {
		return nil, err
	}
	tr, err := NewTrainer(m.Net, corpus.Data)
	if err != nil {
		return nil, err
	}
	if err := tr.Restore(m.Train, m.History); err != nil {
		return nil, err
	}
	m.Net.Cfg = cfg // only now: a run that cannot resume leaves m as it was
	tr.Best = m.Best
	lost := m.Net.useKernelOf(m.Train)
	r := newRun(corpus, tr, o)
	r.LostKernel = lost
	return r, nil
}

// useKernelOf gives n the kernel st recorded: the exact kernel for a run that recorded none
// (every run from before the fused kernels among them), the fused one it names otherwise. Where
// this platform lacks that one, n keeps its exact kernel and useKernelOf returns the name.
func (n *Net) useKernelOf(st *TrainState) (lost string) {
	if f, ok := n.mm.(nn.FusedGemm); ok && st.Kernel != n.mm.Name() {
		n.mm = f.Exact()
	}
	if st.Kernel == "" || st.Kernel == n.mm.Name() {
		return ""
	}
	if g := nn.KernelNamed(st.Kernel); g != nil {
		n.mm = g
		return ""
	}
	return st.Kernel
}

func newRun(corpus *Corpus, tr *Trainer, o RunOptions) *Run {
	return &Run{Corpus: corpus, Net: tr.Net, Trainer: tr, Gen: NewGenerator(tr.Net, corpus.Tok),
		Sampler: SampleRNG(tr.Net.Cfg.Seed), helpers: o.Helpers}
}

// Share makes k workers share each batch of the run (k ≤ 1: this one alone) and starts their
// helpers. Once the run has trained a batch its count cannot change, since its dropout draws
// depend on it: Share then takes only that count. If the helpers cannot start, the error says
// why, and a run that has trained nothing stays on one worker.
func (r *Run) Share(k int) error {
	t, k := r.Trainer, max(k, 1)
	trained := len(t.History.BatchLoss) > 0
	if trained && k != max(t.Workers, 1) {
		return fmt.Errorf("this run has trained on %d workers and cannot change to %d", max(t.Workers, 1), k)
	}
	if k != t.Workers {
		t.Workers, t.Helpers = k, nil
	}
	if err := r.StartHelpers(); err != nil {
		if !trained {
			t.Workers, t.Helpers = 1, nil
		}
		return err
	}
	return nil
}

// StartHelpers readies the helpers the run's worker count needs (Trainer.Workers), with
// RunOptions.Helpers; it does nothing for a run on one worker or one whose helpers are ready.
// A resumed run of several workers needs it before its first Step, which calls it.
func (r *Run) StartHelpers() error {
	t := r.Trainer
	if t.Workers <= 1 || (t.Helpers != nil && t.Helpers.Count() == t.Workers) {
		return nil
	}
	start := r.helpers
	if start == nil {
		start = func(k int, r *Run) (nn.Helpers, error) { return NewLocalHelpers(k, r.Net, r.Corpus.Data) }
	}
	h, err := start(t.Workers, r)
	if err != nil {
		return err
	}
	t.Helpers = h
	return nil
}

// Step readies the run's helpers if it has none yet (StartHelpers) and runs one training or
// validation batch (Trainer.Step).
func (r *Run) Step() (Progress, error) {
	if err := r.StartHelpers(); err != nil {
		return Progress{}, err
	}
	return r.Trainer.Step()
}

// Model is the run as a model file keeps it, with its optimizer state: valid until the next Step
// (Trainer.State).
func (r *Run) Model() *Model {
	return &Model{Net: r.Net, Tok: r.Corpus.Tok, History: r.Trainer.History, TextHash: r.Corpus.Hash, Train: r.Trainer.State(),
		Best: r.Trainer.Best}
}

// EpochSamples writes the samples after an epoch, n tokens at each of SampleTemperatures, from
// the run's Sampler.
func (r *Run) EpochSamples(n int) []EpochSample { return EpochSamples(r.Gen, "", n, r.Sampler) }
