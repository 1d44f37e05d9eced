package session

import (
	"strings"
	"testing"

	"fabulist/studio/proto"
)

// panicStore stands for a Store, or a record, that no check foresaw.
type panicStore struct{ MemStore }

func (p *panicStore) Put(Stored) error { panic("put exploded") }

func (p *panicStore) Get(string) (Stored, error) { panic("get exploded") }

func TestAPanicFailsOneRequestAndTheWorkerGoesOn(t *testing.T) {
	s := New()
	s.SetStore(&panicStore{})
	out := s.Handle(proto.Message{Kind: proto.Open, ID: "x", Seq: 3})
	if len(out) != 1 || out[0].Kind != proto.Error || out[0].Seq != 3 || !strings.Contains(out[0].Error, "get exploded") {
		t.Errorf("a panic while opening answered %+v", out)
	}
	// Train saves at once: the panic comes in the middle of starting a run, which is then stopped.
	out = s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig()})
	if last := out[len(out)-1]; out[0].Kind != proto.Error || last.Kind != proto.State || last.State != proto.Stopped || s.Busy() {
		t.Errorf("a panic while training answered %v", kinds(out))
	}
	if g := s.Handle(proto.Message{Kind: proto.Predict, Prompt: "토끼", K: 3})[0]; g.Kind != proto.Candidates {
		t.Errorf("after the panics, predict answered %s %q", g.Kind, g.Error)
	}
}
