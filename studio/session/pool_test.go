package session

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/model/nn"
	"fabulist/studio/proto"
)

func TestTwoWorkersTrainReproduciblyAndResumeOnTwoWorkers(t *testing.T) {
	run := func() *Session {
		s := New()
		s.SetPool(LocalPool{N: 2})
		cfg := tinyConfig()
		out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg, Workers: 2})
		if find(out, proto.Error) != nil || s.run.Trainer.Workers != 2 {
			t.Fatalf("train on two workers: %v, workers %d", kinds(out), s.run.Trainer.Workers)
		}
		return s
	}
	a, b := run(), run()
	for a.Busy() {
		a.Step()
	}
	for range 5 {
		b.Step()
	}
	b.Handle(proto.Message{Kind: proto.Stop})
	file := b.Handle(proto.Message{Kind: proto.Export})[0].File

	alone := New() // a page whose pool is gone cannot continue a two-worker run, and says so
	alone.Handle(proto.Message{Kind: proto.Import, File: file, Text: koreanText(t)})
	if out := alone.Handle(proto.Message{Kind: proto.Resume}); out[0].Kind != proto.Error || !strings.Contains(out[0].Error, "2 workers") {
		t.Errorf("resume without helpers: %+v", out[0])
	}

	c := New()
	c.SetPool(LocalPool{N: 2})
	c.Handle(proto.Message{Kind: proto.Import, File: file, Text: koreanText(t)})
	c.Handle(proto.Message{Kind: proto.Resume})
	for c.Busy() {
		c.Step()
	}
	if !slices.Equal(a.gen.Net.P.Data, c.gen.Net.P.Data) {
		t.Error("a two-worker run stopped, saved and resumed differs from one that went on")
	}

	auto := New() // "all cores" keeps a model this small on one worker
	auto.SetPool(LocalPool{N: 2})
	auto.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()})
	if auto.run.Trainer.Workers != 1 {
		t.Errorf("a tiny model was spread over %d workers", auto.run.Trainer.Workers)
	}

	one := New()
	one.SetPool(LocalPool{N: 2})
	one.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig(), Workers: 1})
	for one.Busy() {
		one.Step()
	}
	if one.run.Trainer.Workers != 1 || slices.Equal(one.gen.Net.P.Data, a.gen.Net.P.Data) {
		t.Error("asking for one worker did not train alone (or dropout did not differ)")
	}
}

// streamPool is a Pool that writes the model file each start sends to a counter, as the
// browser's writes it into each helper's buffer, and starts no helpers.
type streamPool struct{ written int64 }

func (p *streamPool) Size() int { return 2 }

func (p *streamPool) Start(k int, file *fab.Plan, text string, kernel nn.Gemm) (nn.Helpers, error) {
	n, err := file.WriteTo(counter{})
	p.written = n
	return nil, err
}

// TestHelpersStartWithoutTheWeights: starting a run's helpers hands the pool the replica's model
// file laid out, not built, and without the weights, which every step sends: in the browser a
// whole copy (7 MB for the book's model) stayed in the engine's memory for good, and the helper
// held the weights twice as it decoded them.
func TestHelpersStartWithoutTheWeights(t *testing.T) {
	pool := &streamPool{}
	s := New()
	s.SetPool(pool)
	s.text = koreanText(t)
	cfg := tinyConfig()
	cfg.Units, cfg.Embed = 256, 32 // a file of megabytes, so that a copy of it shows
	run, err := lm.NewRun(s.text, *cfg, lm.RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	params := 4 * int64(len(run.Net.P.Data)) // bytes of the weights, which the file holds
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = s.startHelpers(2, run)
	runtime.ReadMemStats(&after)
	if err != nil || pool.written == 0 || pool.written > params/4 {
		t.Fatalf("the pool was sent %d bytes (%v); want the network's shape alone, under a quarter of its weights' %d", pool.written, err, params)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(params/2) {
		t.Errorf("starting the helpers allocated %d bytes for a file of %d; want at most %d (no copy of the file)",
			got, pool.written, params/2)
	}
}
