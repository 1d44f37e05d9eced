package session

import (
	"errors"
	"slices"
	"testing"

	"fabulist/model/fab"
	"fabulist/model/nn"
	"fabulist/studio/proto"
)

// endingPool is a LocalPool that counts its helpers as the browser's pool would hold them: Start
// makes sure k-1 run, EndHelpers ends those beyond k-1.
type endingPool struct {
	LocalPool
	live, started int
}

func (p *endingPool) Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error) {
	p.started += max(k-1-p.live, 0)
	p.live = max(p.live, k-1)
	return p.LocalPool.Start(k, file, text, kernel)
}

func (p *endingPool) EndHelpers(k int) { p.live = min(p.live, max(k-1, 0)) }

// TestHelpersEndWhenNoRunTrainsWithThem: a run that stops, finishes or gives way to a run on fewer
// workers ends the helpers it leaves idle (a paused one keeps them), and one that trains again
// starts fresh ones and goes on bit for bit. In the browser an idle helper kept its WebAssembly
// memory (31–33 MB for the book's model) until the page closed.
func TestHelpersEndWhenNoRunTrainsWithThem(t *testing.T) {
	text := koreanText(t)
	train := func(s *Session, workers int) {
		t.Helper()
		if out := s.Handle(proto.Message{Kind: proto.Train, Text: text, Config: tinyConfig(), Workers: workers}); find(out, proto.Error) != nil {
			t.Fatalf("train on %d workers: %+v", workers, *find(out, proto.Error))
		}
	}
	want := func(p *endingPool, when string, live int) {
		t.Helper()
		if p.live != live {
			t.Errorf("%s: the pool holds %d helpers; want %d", when, p.live, live)
		}
	}

	straight := &endingPool{LocalPool: LocalPool{N: 2}}
	a := New()
	a.SetPool(straight)
	train(a, 2)
	want(straight, "training on two workers", 1)
	for a.Busy() {
		a.Step()
	}
	want(straight, "after the run finished", 0)

	pool := &endingPool{LocalPool: LocalPool{N: 2}}
	b := New()
	b.SetPool(pool)
	train(b, 2)
	for range 3 {
		b.Step()
	}
	b.Handle(proto.Message{Kind: proto.Pause})
	want(pool, "paused", 1) // kept, so that Resume goes on at once
	b.Handle(proto.Message{Kind: proto.Resume})
	want(pool, "resumed", 1)
	for range 3 {
		b.Step()
	}
	b.Handle(proto.Message{Kind: proto.Stop})
	want(pool, "stopped", 0)
	b.Handle(proto.Message{Kind: proto.Resume})
	for b.Busy() {
		b.Step()
	}
	if got, want := pool.started, 2; got != want {
		t.Errorf("the run started %d helpers; want %d (one at Train and one at the Resume after Stop)", got, want)
	}
	if !slices.Equal(a.gen.Net.P.Data, b.gen.Net.P.Data) {
		t.Error("a two-worker run paused and stopped, its helpers ended and started again, differs from one that went on")
	}

	c := New()
	c.SetPool(pool)
	train(c, 2)
	want(pool, "a second run on two workers", 1)
	train(c, 1)
	want(pool, "a run on one worker in place of a run on two", 0)
}

// failingPool's helpers fail every share, as a helper whose worker died answers.
type failingPool struct{ endingPool }

func (p *failingPool) Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error) {
	if _, err := p.endingPool.Start(k, file, text, kernel); err != nil {
		return nil, err
	}
	return failingHelpers{k}, nil
}

type failingHelpers struct{ k int }

func (h failingHelpers) Count() int                                { return h.k }
func (h failingHelpers) Send(int, []float32, []int32, uint64, int) {}
func (h failingHelpers) Receive(int) ([]float32, float64, error) {
	return nil, 0, errors.New("a training worker failed")
}

// TestAFailedHelperIsEndedAndTheNextRunStartsAFreshOne: a run whose helper fails stops and ends
// it, so that the next run does not hand its replica to a worker that may not answer (one whose
// Go has ended), but starts a fresh one.
func TestAFailedHelperIsEndedAndTheNextRunStartsAFreshOne(t *testing.T) {
	pool := &failingPool{endingPool{LocalPool: LocalPool{N: 2}}}
	s := New()
	s.SetPool(pool)
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig(), Workers: 2})
	if out := s.Step(); find(out, proto.Error) == nil || s.phase != proto.Stopped {
		t.Fatalf("a step whose helper failed gave %v, phase %s; want an error and the run stopped", kinds(out), s.phase)
	}
	if pool.live != 0 {
		t.Errorf("the run stopped by its failed helper left %d helpers; want 0", pool.live)
	}
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig(), Workers: 2})
	if got, want := pool.started, 2; got != want {
		t.Errorf("the pool started %d helpers over two runs; want %d (a fresh one for the second)", got, want)
	}
}
