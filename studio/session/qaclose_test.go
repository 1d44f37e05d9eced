package session

import (
	"errors"
	"strings"
	"testing"

	"fabulist/model/qa"
	"fabulist/model/qa/qatest"
	"fabulist/studio/proto"
)

// Closing the question model leaves the rules alone, and deletes the saved model, so that a
// reload (QARestore) does not bring it back; a failed deletion leaves it open and says why.
func TestCloseTheQuestionModel(t *testing.T) {
	st := &MemQAStore{}
	s := New()
	s.SetQAStore(st)
	file := qatest.TinyModel(t, fable)
	if _, err := s.importFile(file); err != nil {
		t.Fatal(err)
	}
	st.Meta, st.Model = []byte(`{"phase":"done"}`), file // saved by an earlier run

	st.Err = errors.New("the disk is gone")
	if out := s.Handle(proto.Message{Kind: proto.QAClose, Seq: 4}); len(out) != 1 || out[0].Kind != proto.Error ||
		!strings.Contains(out[0].Error, "the disk is gone") || s.qa == nil {
		t.Fatalf("close with a failing storage: got %v %+v; want an error and the model still open", kinds(out), out)
	}
	st.Err = nil

	out := s.Handle(proto.Message{Kind: proto.QAClose, Seq: 5})
	if len(out) != 1 || out[0].Kind != proto.QAState || out[0].State != proto.Idle || out[0].QAModel != nil || out[0].Seq != 5 {
		t.Fatalf("close: got %v %+v; want QAState idle without a model", kinds(out), out)
	}
	if s.qa != nil || st.Model != nil || st.Meta != nil {
		t.Errorf("after close: model open %v, saved %d bytes", s.qa != nil, len(st.Model))
	}
	if out := s.Handle(proto.Message{Kind: proto.QARestore, Seq: 6}); len(out) != 0 || s.qa != nil {
		t.Errorf("a reload after close brought back %v %+v", kinds(out), out)
	}
	for _, r := range findQ(t, s, proto.Message{Text: fable, Seq: 7}) {
		if methods(r.Pairs)[qa.ByModel] > 0 || r.Pending {
			t.Errorf("after close a find gave the model's pairs: %+v", r.Pairs)
		}
	}
}

// A question run that trains or is paused is not closed: it is stopped first.
func TestCloseWhileTrainingIsRefused(t *testing.T) {
	s := New()
	s.SetQAStore(&MemQAStore{})
	s.Handle(qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 12), 2)) // 48 examples: two batches an epoch
	s.Step()
	if out := s.Handle(proto.Message{Kind: proto.QAClose, Seq: 2}); len(out) != 1 || out[0].Kind != proto.Error ||
		!strings.Contains(out[0].Error, "stop it first") || !s.qaActive() {
		t.Fatalf("close while training: got %v %+v; want a refusal, the run going on", kinds(out), out)
	}
	s.Handle(proto.Message{Kind: proto.QAStop, Seq: 3})
	if out := s.Handle(proto.Message{Kind: proto.QAClose, Seq: 4}); out[0].Kind != proto.QAState || s.qa != nil || s.qat != nil {
		t.Errorf("close after stop: got %v %+v", kinds(out), out)
	}
}

// Ask uses the generator the page names: the rules even with a model open, the model only when
// one is open, and no other.
func TestAskWithTheChosenGenerator(t *testing.T) {
	i := strings.Index(fable, "sweet grapes")
	span := &proto.Span{Start: i, End: i + len("sweet grapes")} // ASCII: bytes are runes
	ask := func(s *Session, with qa.Method) proto.Message {
		return s.Handle(proto.Message{Kind: proto.AskQuestion, Text: fable, Span: span, Ask: with})[0]
	}
	s := New()
	if out := ask(s, qa.ByModel); out.Kind != proto.Error || !strings.Contains(out.Error, "no question model open") {
		t.Errorf("ask with the model, none open: got %s %q; want an error", out.Kind, out.Error)
	}
	if _, err := s.importFile(qatest.TinyModel(t, fable)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		with, want qa.Method
	}{{qa.ByRules, qa.ByRules}, {qa.ByModel, qa.ByModel}, {"", qa.ByModel}} {
		if out := ask(s, c.with); len(out.Pairs) != 1 || out.Pairs[0].Method != c.want {
			t.Errorf("ask with %q: got %s %q %+v; want the %s' pair", c.with, out.Kind, out.Error, out.Pairs, c.want)
		}
	}
	if out := ask(s, "oracle"); out.Kind != proto.Error {
		t.Errorf("ask with an unknown generator: got %s; want an error", out.Kind)
	}
}

// A model's question that repeats a word is said so, with how many and the first.
func TestDegenerateQuestionsAreSaid(t *testing.T) {
	good := qa.Pair{Question: "Who saw the grapes?", Method: qa.ByModel}
	bad := qa.Pair{Question: "The the the the?", Method: qa.ByModel}
	for _, c := range []struct {
		name  string
		pairs []qa.Pair
		want  string // "" for no note
	}{
		{"none", []qa.Pair{good, good}, ""},
		{"one asked", []qa.Pair{bad}, `The question model's question repeats a word or has none (“The the the the?”)`},
		{"two of three", []qa.Pair{bad, good, bad}, `2 of the question model's 3 questions repeat a word or have none (“The the the the?”)`},
		{"quotes alone", []qa.Pair{{Question: strings.Repeat(`" `, 30), Method: qa.ByModel}}, "The question model's question repeats a word or has none (“" + strings.Repeat(`" `, 20) + "…”)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := degenerateNote(c.pairs)
			if (c.want == "") != (got == "") || !strings.HasPrefix(got, c.want) {
				t.Errorf("got %q; want it to start %q", got, c.want)
			}
		})
	}
}
