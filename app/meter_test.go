package app

import (
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// copiedFox is a meter's answer for "the fox ran . i said": "fox ran ." (3 tokens) is copied.
func copiedFox() *lm.Copied {
	return &lm.Copied{Tokens: []string{"the", "fox", "ran", ".", "i", "said"}, Runs: []int{0, 3, 2, 1, 0, 0},
		Level: lm.Word, Split: lm.SplitSpace, Longest: 3, LongestStart: 1, LongestAt: 50, CorpusTokens: 200,
		Source: []string{"a", "fox", "ran", ".", "the"}, SourceStart: 1}
}

func TestTheMeterFollowsTheOutput(t *testing.T) {
	st, _ := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Done})
	st.v.HasModel = true
	st.generate(genRequest{Prompt: "The", Opts: lm.DefaultGenOptions(), Seed: 1})
	st.receive(proto.Message{Kind: proto.Generated, Seq: st.genSeq, Level: lm.Word,
		Generated: &lm.GenResult{Text: "fox ran . i said"}, Copied: copiedFox()})
	if st.v.Copied == nil || st.v.CopiedFor != "The fox ran . i said" || st.v.Output != st.v.CopiedFor {
		t.Fatalf("after Generated: meter %v for %q, output %q; want the meter of the output", st.v.Copied, st.v.CopiedFor, st.v.Output)
	}
	if got, want := st.readableOutput(), "The fox ran. I said"; got != want {
		t.Errorf("the readable output: got %q; want %q", got, want)
	}
	// The user types: until the worker measured the new text, copy gives it as it is.
	st.typed("The fox ran . i said no")
	if got := st.readableOutput(); got != "The fox ran . i said no" {
		t.Errorf("the readable output of a text not yet measured: got %q; want it as typed", got)
	}
	// Candidates for another text (an older keystroke) leave the meter alone.
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq - 1, Copied: &lm.Copied{}})
	if st.v.CopiedFor != "The fox ran . i said" {
		t.Errorf("an older answer replaced the meter: it is now for %q", st.v.CopiedFor)
	}
	c := copiedFox()
	c.Tokens, c.Runs = append(c.Tokens, "no"), append(c.Runs, 0)
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq, Copied: c})
	if st.v.CopiedFor != st.v.Output {
		t.Errorf("the candidates' meter is for %q; want the output %q", st.v.CopiedFor, st.v.Output)
	}
}

func TestMinCopiedIsValidated(t *testing.T) {
	st, _ := newTestStore(t)
	for _, c := range []struct {
		typed string
		want  int
		err   bool
	}{{"5", 5, false}, {"0", 5, true}, {"abc", 5, true}, {"1001", 5, true}, {" 12 ", 12, false}, {"", 0, false}} {
		st.setMinCopied(c.typed)
		if st.v.MinCopied != c.want || (st.v.MinCopiedError != "") != c.err {
			t.Errorf("%q: got %d, error %q; want %d, error %v", c.typed, st.v.MinCopied, st.v.MinCopiedError, c.want, c.err)
		}
	}
}

func TestWritePanelMarksWhatWasCopied(t *testing.T) {
	c := &WritePanel{HasModel: true, Output: "the fox ran . i said", Copied: copiedFox(), MinCopied: 2}
	d := app.NewClientTester(c)
	defer d.Close()
	mustMatch(t, c, app.TestPath(0, 1, 0), app.Div().ID("output-view").Class("story-text").DataSet("mode", "readable"))
	mustMatch(t, c, app.TestPath(0, 1, 0, 0), app.Text("The"))
	mustMatch(t, c, app.TestPath(0, 1, 0, 1), app.Text(" "))
	mustMatch(t, c, app.TestPath(0, 1, 0, 2), app.Mark().Class("copied-span").DataSet("start", 1).DataSet("end", 4).Text("fox ran."))
	mustMatch(t, c, app.TestPath(0, 1, 0, 3), app.Text(" I said"))
	mustMatch(t, c, app.TestPath(0, 1, 1), app.P().ID("copied").Class("copied").DataSet("measured", "true").
		DataSet("percent", "50.0").DataSet("longest", 3).DataSet("min", 2))

	// Raw tokens, and a least run longer than any: nothing is marked.
	c.RawTokens, c.MinCopied = true, 4
	d.Consume()
	c.Update()
	d.Consume()
	mustMatch(t, c, app.TestPath(0, 1, 0, 0), app.Text("the fox ran . i said"))
	mustMatch(t, c, app.TestPath(0, 1, 1), app.P().ID("copied").Class("copied").DataSet("measured", "true").
		DataSet("percent", "0.0").DataSet("longest", 3).DataSet("min", 4))
}
