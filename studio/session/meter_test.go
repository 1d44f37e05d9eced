package session

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fabulist/model/lm"
	"fabulist/samples"
	"fabulist/studio/proto"
)

// wordSession trains a small word model on the English sample fables, cleaned as the book does.
func wordSession(t *testing.T, store Store) (*Session, string) {
	t.Helper()
	b, err := samples.FS.ReadFile("fables.txt")
	if err != nil {
		t.Fatal(err)
	}
	cfg := tinyConfig()
	cfg.Level, cfg.Cleaning, cfg.Epochs = lm.Word, lm.CleanBook, 1
	s := New()
	if store != nil {
		s.SetStore(store)
	}
	s.Handle(proto.Message{Kind: proto.Train, Text: string(b), Config: cfg})
	for s.Busy() {
		for _, m := range s.Step() {
			if m.Kind == proto.Samples && (len(m.Samples.Copied) != 4 || m.Samples.Copied[0] == nil ||
				strings.Join(m.Samples.Copied[0].Tokens, " ") != m.Samples.Samples[0].Text) {
				t.Errorf("the epoch's samples came without their meter: %+v", m.Samples)
			}
		}
	}
	return s, string(b)
}

// TestEveryTextTheModelWritesIsMetered: generation, human-led writing (the candidates' text) and
// the epoch samples carry the meter of the text on show, which marks a passage of the training
// text as copied from where it stands there.
func TestEveryTextTheModelWritesIsMetered(t *testing.T) {
	s, _ := wordSession(t, nil)
	// A passage of the text (the owl's fable), in the text's own capitals and commas.
	passage := `An old owl lived in the tower of a church. Every night a boy climbed`
	p := s.Handle(proto.Message{Kind: proto.Predict, Prompt: "Once " + passage + " up", K: 5})[0]
	c := p.Copied
	if c == nil {
		t.Fatalf("candidates came without the meter: %+v", p)
	}
	wantTokens := "once an old owl lived in the tower of a church . every night a boy climbed up"
	if got := strings.Join(c.Tokens, " "); got != wantTokens {
		t.Errorf("measured %q; want %q", got, wantTokens)
	}
	if spans := c.Spans(lm.DefaultMinCopied(lm.Word)); !slices.Equal(spans, []lm.Span{{Start: 1, End: 17}}) {
		t.Errorf("copied spans: got %v; want [{1 17}] (an … climbed, and not once or up)", spans)
	}
	// The fable starts after seq_length separators, its title (5 words) and the cleaning's "."
	// of the blank line after it.
	if wantAt := 10 + 5 + 1; c.Longest != 16 || c.LongestStart != 1 || c.LongestAt != wantAt {
		t.Errorf("longest: %d tokens at %d, from %d of the text; want 16 at 1, from %d", c.Longest, c.LongestStart, c.LongestAt, wantAt)
	}

	g := s.Handle(proto.Message{Kind: proto.Generate, Prompt: "The owl", Seed: 3, Gen: &lm.GenOptions{
		SampleOptions: lm.SampleOptions{Temperature: 0.5, TopP: 1}, N: 30}})[0]
	if g.Copied == nil || strings.Join(g.Copied.Tokens, " ") != lm.Join(lm.Word, "the owl", g.Generated.Text) ||
		len(g.Copied.Runs) != len(g.Copied.Tokens) {
		t.Errorf("generated %q with the meter %+v; want the meter of the prompt and its continuation", g.Generated.Text, g.Copied)
	}
}

// TestTheMeterNeedsTheTrainingText: a model opened without its text writes unmetered (its text
// cut into tokens, which the page shows as prose, with no runs); a workspace reopened measures its
// stored samples again.
func TestTheMeterNeedsTheTrainingText(t *testing.T) {
	store := &MemStore{}
	s, text := wordSession(t, store)
	ex := s.Handle(proto.Message{Kind: proto.Export})[0]

	other := New()
	other.Handle(proto.Message{Kind: proto.Import, File: ex.File, Text: "another text"})
	if p := other.Handle(proto.Message{Kind: proto.Predict, Prompt: "the owl", K: 5})[0]; p.Kind != proto.Candidates || p.Copied == nil || p.Copied.Runs != nil || strings.Join(p.Copied.Tokens, " ") != "the owl" {
		t.Errorf("a model without its text: got %s with the meter %+v; want candidates, their text's tokens and no runs", p.Kind, p.Copied)
	}
	other.Handle(proto.Message{Kind: proto.Import, File: ex.File, Text: text})
	if p := other.Handle(proto.Message{Kind: proto.Predict, Prompt: "the owl", K: 5})[0]; p.Copied == nil || len(p.Copied.Runs) != 2 {
		t.Errorf("a model with its text: got %s without a meter; want one", p.Kind)
	}
	// A file without its training state cannot train further, but with its text it is metered.
	mod := s.current()
	mod.Train = nil
	file, err := lm.Encode(mod)
	if err != nil {
		t.Fatal(err)
	}
	other.Handle(proto.Message{Kind: proto.Import, File: file, Text: text})
	if other.run != nil {
		t.Fatal("a file without its training state made a run")
	}
	if p := other.Handle(proto.Message{Kind: proto.Predict, Prompt: "the owl", K: 5})[0]; p.Copied == nil || len(p.Copied.Runs) != 2 {
		t.Errorf("a model that cannot train, with its text: got %s without a meter; want one", p.Kind)
	}

	reloaded := New()
	reloaded.SetStore(store)
	list := reloaded.Handle(proto.Message{Kind: proto.Workspaces})
	saved := find(list, proto.Saved)
	if saved == nil || len(saved.Workspaces) == 0 {
		t.Fatalf("nothing saved: %v", kinds(list))
	}
	opened := find(reloaded.Handle(proto.Message{Kind: proto.Open, ID: saved.Workspaces[0].ID}), proto.Opened)
	if opened == nil || len(opened.SampleLog) == 0 {
		t.Fatal("the workspace did not open with its samples")
	}
	if c := opened.SampleLog[0].Copied; len(c) != 4 || c[0].Runs == nil {
		t.Errorf("the reopened samples came with the meters %v; want 4 measured, one each", c)
	}
}

// A word of the user's own that the model does not know is named in the answer to the Predict
// after it, cut and cleaned as the model reads it (a trial's "dragon" was added and read past
// without a word); the whole text's unknown tokens stay in Unknown.
func TestPredictNamesTheOwnWordsUnknownTokens(t *testing.T) {
	s, _ := wordSession(t, nil)
	for _, c := range []struct{ prompt, word, want string }{
		{"the owl dragon", "Dragon", "[dragon]"},
		{"the owl flew", "flew", "[]"},
		{"the dragon owl 🦊", "owl 🦊", "[🦊]"},
		{"the dragon owl", "", "[]"},
	} {
		p := s.Handle(proto.Message{Kind: proto.Predict, Prompt: c.prompt, Word: c.word, K: 5})[0]
		if p.Kind != proto.Candidates || fmt.Sprint(p.WordUnknown) != c.want {
			t.Errorf("%q after %q: %s, word unknown %q; want %s", c.word, c.prompt, p.Kind, p.WordUnknown, c.want)
		}
	}
}
