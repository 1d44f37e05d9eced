package session

import (
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/inlink"
	"fabulist/studio/proto"
)

const page = "https://example.org/fabulist/"

// TestInlinkOpensReadyToWriteTheSendersText: a model link made by one session opens in another
// with no training, and the receiver's first text with the link's seed, after the link's prompt,
// is the link's Preview; for a float32 link that is the sender's own text, bit for bit.
func TestInlinkOpensReadyToWriteTheSendersText(t *testing.T) {
	s := trainedSession(t, 1)
	gen := lm.DefaultGenOptions()
	gen.N = 60
	sent := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "토끼", Gen: &gen, Seed: 42})[0].Generated.Text
	made := s.Handle(proto.Message{Kind: proto.InlinkMake, Prompt: "토끼", Gen: &gen, Seed: 42, URL: page})[0]
	if made.Kind != proto.InlinkMade || !made.Inlink.Fits {
		t.Fatalf("a 16-unit model does not go in a link: %+v", made)
	}
	info := made.Inlink
	if info.Bytes != len(page)+len(info.Fragment) || info.Bytes > inlink.MaxLink || len(info.Schemes) != 3 {
		t.Errorf("made %d bytes of %d schemes; want %d, at most %d, 3 schemes", info.Bytes, len(info.Schemes), len(page)+len(info.Fragment), inlink.MaxLink)
	}

	other := New()
	in := other.Handle(proto.Message{Kind: proto.InlinkOpen, Text: info.Fragment})
	if in[0].Kind != proto.Imported || in[0].Prompt != "토끼" || in[0].Seed != 42 || *in[0].Gen != gen || other.Busy() {
		t.Fatalf("opened: %+v", in[0])
	}
	got := other.Handle(proto.Message{Kind: proto.Generate, Prompt: in[0].Prompt, Gen: in[0].Gen, Seed: in[0].Seed})[0]
	if got.Kind != proto.Generated || lm.Join(s.cfg.Level, "토끼", got.Generated.Text) != info.Preview {
		t.Errorf("the receiver writes %q after the prompt; the link said %q", got.Generated.Text, info.Preview)
	}
	if info.Scheme == string(inlink.Float32) && info.Preview != lm.Join(s.cfg.Level, "토끼", sent) {
		t.Errorf("a float32 link writes %q; the sender wrote %q", info.Preview, sent)
	}

	// The float32 link itself, whatever was chosen, writes the sender's text bit for bit.
	f32, err := inlink.Encode(s.gen.Net, s.gen.Tok, inlink.Float32, inlink.Link{Gen: gen, GenSeed: 42, Prompt: "토끼"})
	if err != nil {
		t.Fatal(err)
	}
	third := New()
	in = third.Handle(proto.Message{Kind: proto.InlinkOpen, Text: f32})
	if in[0].Format != string(inlink.Float32) {
		t.Fatalf("opened a float32 link as %q", in[0].Format)
	}
	if !slices.Equal(third.gen.Net.P.Data, s.gen.Net.P.Data) {
		t.Error("a float32 link's weights differ from the sender's")
	}
	if got := third.Handle(proto.Message{Kind: proto.Generate, Prompt: "토끼", Gen: &gen, Seed: 42})[0].Generated.Text; got != sent {
		t.Errorf("a float32 link writes %q; the sender wrote %q", got, sent)
	}
}

// TestBadInlinkChangesNothing: a model link that does not decode is refused in a user's words,
// and the model in use stays.
func TestBadInlinkChangesNothing(t *testing.T) {
	s := trainedSession(t, 1)
	gen := lm.DefaultGenOptions()
	made := s.Handle(proto.Message{Kind: proto.InlinkMake, Gen: &gen, Seed: 1, URL: page})[0].Inlink
	before := slices.Clone(s.gen.Net.P.Data)
	for name, frag := range map[string]string{
		"edited":   made.Fragment[:len(made.Fragment)-4] + "AAAA",
		"cut":      made.Fragment[:len(made.Fragment)/2],
		"newer":    strings.Replace(made.Fragment, "#m=1.", "#m=9.", 1),
		"too long": "#m=1." + strings.Repeat("A", inlink.MaxFragment),
	} {
		t.Run(name, func(t *testing.T) {
			out := s.Handle(proto.Message{Kind: proto.InlinkOpen, Text: frag})
			if len(out) != 1 || out[0].Kind != proto.Error || strings.Contains(out[0].Error, "inlink:") {
				t.Errorf("got %+v; want one Error in a user's words", out)
			}
			if !slices.Equal(s.gen.Net.P.Data, before) {
				t.Error("a bad link changed the model")
			}
		})
	}
}

func TestInlinkWithoutAModel(t *testing.T) {
	gen := lm.DefaultGenOptions()
	if out := New().Handle(proto.Message{Kind: proto.InlinkMake, Gen: &gen, URL: page}); out[0].Kind != proto.Error {
		t.Errorf("got %+v; want an Error", out[0])
	}
}
