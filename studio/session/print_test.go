package session

import (
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// printOf asks s to write with its print, and returns the print.
func printOf(t *testing.T, s *Session) string {
	t.Helper()
	gen := lm.DefaultGenOptions()
	out := s.Handle(proto.Message{Kind: proto.Generate, Seq: 1, Prompt: "the fox", Gen: &gen, Seed: 1, PrintWanted: true})
	if out[0].Kind != proto.Generated {
		t.Fatalf("generate answered %s %s", out[0].Kind, out[0].Error)
	}
	return out[0].WeightsPrint
}

// A model's file, opened elsewhere, has the model's print, and any other model another: what lets
// a model link's receiver learn that the file it names is not the model the link was made from.
func TestAFileHasItsModelsPrintAndAnotherModelAnother(t *testing.T) {
	s := New()
	s.Handle(proto.Message{Kind: proto.Train, Text: overfitStory, Config: bestWeightsConfig()})
	for i := 0; s.best() == nil || i < 3; i++ { // past the first check, whose weights the file keeps too
		if !s.Busy() {
			t.Fatal("the run ended before its first check")
		}
		s.Step()
	}
	s.Handle(proto.Message{Kind: proto.Stop})
	sent := printOf(t, s)
	if len(sent) != 8 {
		t.Fatalf("the print %q is not 8 characters", sent)
	}
	gen := lm.DefaultGenOptions()
	if out := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "the fox", Gen: &gen, Seed: 1}); out[0].WeightsPrint != "" {
		t.Errorf("a Generate that did not ask has the print %q", out[0].WeightsPrint)
	}
	file := s.Handle(proto.Message{Kind: proto.Export, Format: "fabulist"})[0].File

	other := New()
	if in := other.Handle(proto.Message{Kind: proto.Import, File: file})[0]; in.WeightsPrint != "" {
		t.Errorf("an Import that did not ask has the print %q", in.WeightsPrint)
	}
	in := other.Handle(proto.Message{Kind: proto.Import, File: file, PrintWanted: true})[0]
	if in.Kind != proto.Imported || in.WeightsPrint != sent {
		t.Errorf("the file opened: %s with the print %q; want %q", in.Kind, in.WeightsPrint, sent)
	}
	if got := printOf(t, other); got != sent {
		t.Errorf("the opened model's print: got %q; want %q", got, sent)
	}
	other.importedBest = nil // the same latest weights without the best: another model to write with
	if got := printOf(t, other); got == sent {
		t.Errorf("the model without its best weights has the same print %q", got)
	}

	s.Handle(proto.Message{Kind: proto.Resume})
	s.Step() // one batch more: another model
	if got := printOf(t, s); got == sent {
		t.Errorf("a model trained one batch more has the same print %q", got)
	}
}
