package session

import (
	"fabulist/studio/proto"
	"fmt"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/model/nn"
)

// Pool gives a training run its helpers: other workers, each holding a replica of the model (Web
// Workers in the browser, goroutines in tests). See nn.Helpers.
type Pool interface {
	// Size is how many workers a run uses by default, this one included.
	Size() int
	// Start readies k-1 helpers with a replica of the model over text, from its file without the
	// weights (lm.PlanShape: each step sends them), laid out rather than built, so that a pool that
	// sends it elsewhere (a Web Worker) writes it there. The replicas multiply with kernel, the
	// run's (SetKernel), so that a run on the exact kernel stays exact where the fused one is the
	// default.
	Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error)
}

// HelperEnder is a Pool that can end the helpers no run trains with, and so give back their
// memory: a Web Worker's WebAssembly memory never shrinks, and an idle helper of the book's model
// kept 31–33 MB of the tab's until the page closed. Its next Start starts fresh ones.
type HelperEnder interface {
	// EndHelpers ends every helper beyond the k-1 that a run of k workers uses: all of them for
	// k ≤ 1.
	EndHelpers(k int)
}

// SetPool turns data-parallel training on.
func (s *Session) SetPool(p Pool) { s.pool = p }

// MinParallelParams is the smallest model that "all cores" spreads over helpers: below it, moving
// the weights and gradients between workers costs more than the shared batch saves.
const MinParallelParams = 500_000

// workersFor is how many workers a new run uses: the request's count, else the pool's size for a
// model big enough to gain from it.
func (s *Session) workersFor(requested, params int) int {
	if s.pool == nil {
		return 1
	}
	k := requested
	if k <= 0 {
		k = s.pool.Size()
		if params < MinParallelParams {
			k = 1
		}
	}
	return min(max(k, 1), proto.MaxWorkers)
}

// startHelpers starts the k-1 helpers of a run of k workers from the pool, each with a replica
// of the run's network over the workspace's text (lm.RunOptions.Helpers): on Train, and on Resume
// of a run opened from storage or a file, which records its worker count.
func (s *Session) startHelpers(k int, r *lm.Run) (nn.Helpers, error) {
	if s.pool == nil {
		return nil, fmt.Errorf("this run was trained on %d workers, and this page has none to share it", k)
	}
	file, err := lm.PlanShape(&lm.Model{Net: r.Net, Tok: r.Corpus.Tok, TextHash: r.Corpus.Hash})
	if err != nil {
		return nil, err
	}
	h, err := s.pool.Start(k, file, s.text, r.Net.Gemm())
	if err != nil {
		return nil, fmt.Errorf("the training workers could not start: %v", err)
	}
	return h, nil
}

// endIdleHelpers ends the pool's helpers that no training run uses (HelperEnder): those of a
// stopped, finished or failed run, and those beyond a new run's count. A paused run keeps its
// own, so that Resume goes on at once rather than after a new worker's start (a quarter to two
// thirds of a second). A text run that
// does not train lets go of its helpers, so that it starts fresh ones when it trains again
// (lm.Run.StartHelpers), as a question run does on every Resume (qaStartHelpers). The replicas
// hold no state between steps (each step sends the weights, the windows and the seed), so a run
// goes on bit for bit.
func (s *Session) endIdleHelpers() {
	e, ok := s.pool.(HelperEnder)
	if !ok {
		return
	}
	k := 1
	if s.run != nil {
		if s.phase == proto.Training || s.phase == proto.Paused { // a pause is short: Resume goes on at once
			k = s.run.Trainer.Workers
		} else {
			s.run.Trainer.Helpers = nil
		}
	}
	if s.qaTrainingNow() {
		k = max(k, s.qat.info.Workers)
	}
	e.EndHelpers(k)
}

// LocalPool is a Pool of goroutines.
type LocalPool struct{ N int }

func (p LocalPool) Size() int { return p.N }

func (p LocalPool) Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error) {
	r, err := NewReplica(file.Bytes(), text)
	if err != nil {
		return nil, err
	}
	r.Net.SetGemm(kernel)
	return lm.NewLocalHelpers(k, r.Net, r.Data)
}

// SetKernel gives a helper's replica the kernel named name (nn.KernelNamed), its coordinator's,
// or says that this worker has none of that name.
func SetKernel(r *lm.Replica, name string) error {
	g := nn.KernelNamed(name)
	if g == nil {
		return fmt.Errorf("this training worker has no %s kernel, which the run multiplies with", name)
	}
	r.Net.SetGemm(g)
	return nil
}

// NewReplica makes a helper's replica from the model file and text its coordinator sent.
func NewReplica(file []byte, text string) (*lm.Replica, error) {
	m, err := lm.DecodeShape(file) // the weights come with each step
	if err != nil {
		return nil, err
	}
	corpus, err := lm.Prepare(text, m.Net.Cfg, m.Tok)
	if err != nil {
		return nil, err
	}
	return lm.NewReplica(m.Net, corpus.Data), nil
}
