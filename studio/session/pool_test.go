package session

import (
	"slices"
	"strings"
	"testing"

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
