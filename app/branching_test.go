package app

import (
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// lastSent is the last message the store sent.
func lastSent(t *testing.T, sent *[]proto.Message) proto.Message {
	t.Helper()
	if len(*sent) == 0 {
		t.Fatal("nothing was sent")
	}
	return (*sent)[len(*sent)-1]
}

// generated is the worker's answer to a Generate: toks, each with probability p.
func generated(seq int, p float32, toks ...string) proto.Message {
	g := &lm.GenResult{Tokens: toks}
	for _, tok := range toks {
		g.Text = lm.Join(lm.Word, g.Text, tok)
		g.Probs = append(g.Probs, p)
	}
	return proto.Message{Kind: proto.Generated, Seq: seq, Level: lm.Word, Generated: g}
}

// writingStore is a store with a word model that has generated "the fox ran to the river".
func writingStore(t *testing.T) (*store, *[]proto.Message) {
	t.Helper()
	st, sent := newTestStore(t)
	st.receive(proto.Message{Kind: proto.State, State: proto.Training, HasModel: true, Level: lm.Word})
	st.v.HasModel, st.v.Level = true, lm.Word
	st.generate(genRequest{Prompt: "the fox", Opts: lm.DefaultGenOptions(), Seed: 7})
	st.receive(generated(st.genSeq, 0.5, "ran", "to", "the", "river"))
	if st.v.Output != "the fox ran to the river" || len(st.v.Branch.Tokens) != 4 {
		t.Fatalf("after generating: output %q, %d tokens shown; want the fox ran to the river, 4", st.v.Output, len(st.v.Branch.Tokens))
	}
	return st, sent
}

// TestPickingAnAlternativeRewritesAndUndoReturns: click a token, get its alternatives, pick one,
// the rest is written again; switch back to the old branch and forward; undo comes back across
// the branches, and redo goes forward.
func TestPickingAnAlternativeRewritesAndUndoReturns(t *testing.T) {
	st, sent := writingStore(t)
	if b := st.v.Branch.Tokens[1]; b.Tok != "to" || b.P != 0.5 || b.Fork {
		t.Errorf("token 1: got %+v; want to, 0.5, no fork", b)
	}

	st.selectToken(1)
	ask := lastSent(t, sent)
	if ask.Kind != proto.Predict || ask.Prompt != "the fox ran" || ask.K != 10 {
		t.Fatalf("clicking token 1 asked %+v; want Predict after %q, k 10", ask, "the fox ran")
	}
	st.receive(proto.Message{Kind: proto.Candidates, Seq: ask.Seq, Candidates: []lm.Candidate{{Token: "to", P: 0.5}, {Token: "from", P: 0.2}}})
	if len(st.v.Branch.Alts) != 2 || st.v.Candidates != nil && st.v.CandidatesFor == "the fox ran" {
		t.Fatalf("alternatives: got %v (candidates for %q); want 2 alternatives, and the candidates left alone", st.v.Branch.Alts, st.v.CandidatesFor)
	}

	st.pickAlternative("from")
	gen := lastSent(t, sent)
	if gen.Kind != proto.Generate || gen.Prompt != "the fox ran from" || gen.Gen == nil || gen.Gen.N != 2 {
		t.Fatalf("picking asked %+v; want Generate after %q of 2 tokens", gen, "the fox ran from")
	}
	if st.v.Output != "the fox ran from" || !st.v.Branch.Pending || st.v.Branch.At != 2 || st.v.Branch.Of != 2 {
		t.Errorf("while writing: output %q, pending %v, %d of %d; want the fox ran from, true, 2 of 2", st.v.Output, st.v.Branch.Pending, st.v.Branch.At, st.v.Branch.Of)
	}
	st.receive(generated(gen.Seq, 0.25, "the", "hunter"))
	if st.v.Output != "the fox ran from the hunter" || st.v.Branch.Pending {
		t.Fatalf("after the continuation: %q, pending %v", st.v.Output, st.v.Branch.Pending)
	}
	if b := st.v.Branch.Tokens; b[1].Tok != "from" || b[1].P != 0.2 || !b[1].Fork || b[3].P != 0.25 {
		t.Errorf("the new branch's tokens: got %+v; want from at 0.2 marked as a fork, hunter at 0.25", b)
	}
	if p := lastSent(t, sent); p.Kind != proto.Predict || p.Prompt != st.v.Output {
		t.Errorf("after the continuation asked %+v; want the candidates (and meter) of the new output", p)
	}

	st.switchBranch(-1)
	if st.v.Output != "the fox ran to the river" || st.v.Branch.At != 1 || st.v.Branch.Of != 2 {
		t.Errorf("switch back: %q, %d of %d; want the first branch, 1 of 2", st.v.Output, st.v.Branch.At, st.v.Branch.Of)
	}
	if got := st.readableOutput(); got != "the fox ran to the river" {
		t.Errorf("copy and download after switching back: got %q; want the branch on show", got)
	}
	st.popUndo() // the switch
	if st.v.Output != "the fox ran from the hunter" {
		t.Errorf("undo of the switch: %q; want the fox ran from the hunter", st.v.Output)
	}
	st.popUndo() // the pick, and the continuation written for it
	if st.v.Output != "the fox ran to the river" || st.v.Branch.Of != 1 || st.v.Branch.Tokens[1].Fork {
		t.Errorf("undo of the pick: %q, %d branches at the token; want the first branch, as it was, alone", st.v.Output, st.v.Branch.Of)
	}
	if !st.v.Branch.CanRedo {
		t.Fatal("nothing to redo after undo")
	}
	st.redoStep()
	if st.v.Output != "the fox ran from the hunter" || st.v.Branch.Of != 2 {
		t.Errorf("redo: %q, %d branches; want the fox ran from the hunter, 2", st.v.Output, st.v.Branch.Of)
	}
	st.popUndo()
	st.popUndo() // the generation
	if st.v.Output != "" || len(st.v.Branch.Tokens) != 0 {
		t.Errorf("undo of the generation: %q, %d tokens shown; want nothing", st.v.Output, len(st.v.Branch.Tokens))
	}
}

// TestAContinuationForABranchLeftIsDropped: after an undo or typing, the continuation of the
// alternative picked before must not overwrite what is on show.
func TestAContinuationForABranchLeftIsDropped(t *testing.T) {
	for _, c := range []struct {
		name string
		away func(*store)
		want string
	}{
		{"undo", (*store).popUndo, "the fox ran to the river"},
		{"typing", func(st *store) { st.typed("the fox ran from it") }, "the fox ran from it"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, sent := writingStore(t)
			st.selectToken(1)
			st.receive(proto.Message{Kind: proto.Candidates, Seq: lastSent(t, sent).Seq, Candidates: []lm.Candidate{{Token: "from", P: 0.2}}})
			st.pickAlternative("from")
			seq := lastSent(t, sent).Seq
			c.away(st)
			st.receive(generated(seq, 0.25, "the", "hunter"))
			if st.v.Output != c.want || st.v.Branch.Pending {
				t.Errorf("got %q, pending %v; want %q, not pending", st.v.Output, st.v.Branch.Pending, c.want)
			}
		})
	}
}

// TestTypingHidesTheTokensAndCandidatesBranchOn: typed text has no probabilities, so the tokens
// go until the model writes again; a candidate appended after typing starts a new tree from what
// was typed, with the candidate's probability.
func TestTypingHidesTheTokensAndCandidatesBranchOn(t *testing.T) {
	st, _ := writingStore(t)
	st.typed("the fox ran to the sea")
	if len(st.v.Branch.Tokens) != 0 {
		t.Errorf("after typing: %d tokens shown; want none", len(st.v.Branch.Tokens))
	}
	st.receive(proto.Message{Kind: proto.Candidates, Seq: st.predSeq, Candidates: []lm.Candidate{{Token: "and", P: 0.3}}})
	st.appendToken("and")
	if b := st.v.Branch; b.Base != "the fox ran to the sea" || len(b.Tokens) != 1 || b.Tokens[0].P != 0.3 {
		t.Errorf("after a candidate: base %q, tokens %+v; want the typed text, and at 0.3", b.Base, b.Tokens)
	}
	st.appendToken("swam") // one's own word: not the model's
	if b := st.v.Branch.Tokens; len(b) != 2 || b[1].P != noProb {
		t.Errorf("after one's own word: %+v; want it without a probability", b)
	}
	st.popUndo()
	st.popUndo()
	if st.v.Output != "the fox ran to the sea" || len(st.v.Branch.Tokens) != 0 {
		t.Errorf("undo twice: %q, %d tokens; want the typed text, none", st.v.Output, len(st.v.Branch.Tokens))
	}
}

// TestPickingTheSeparatorEndsTheStory: the separator ends a story, so nothing is written after
// it; the story has ended until an undo.
func TestPickingTheSeparatorEndsTheStory(t *testing.T) {
	st, sent := writingStore(t)
	st.selectToken(2)
	st.receive(proto.Message{Kind: proto.Candidates, Seq: lastSent(t, sent).Seq, Candidates: []lm.Candidate{{Token: lm.Separator, P: 0.1}}})
	st.pickAlternative(lm.Separator)
	if m := lastSent(t, sent); m.Kind == proto.Generate || st.v.Output != "the fox ran to |" || !st.v.Ended || st.v.Branch.Pending {
		t.Errorf("after picking the separator: asked %s, output %q, ended %v, pending %v; want no Generate, the fox ran to |, ended, not pending",
			m.Kind, st.v.Output, st.v.Ended, st.v.Branch.Pending)
	}
	st.popUndo()
	if st.v.Ended || st.v.Output != "the fox ran to the river" {
		t.Errorf("undo: %q, ended %v; want the first text, not ended", st.v.Output, st.v.Ended)
	}
}

// TestNoSwitchWhileAContinuationIsWritten: switching away meanwhile dropped the continuation, and
// left the new branch with the pick alone.
func TestNoSwitchWhileAContinuationIsWritten(t *testing.T) {
	st, sent := writingStore(t)
	st.selectToken(1)
	st.receive(proto.Message{Kind: proto.Candidates, Seq: lastSent(t, sent).Seq, Candidates: []lm.Candidate{{Token: "from", P: 0.2}}})
	st.pickAlternative("from")
	gen := lastSent(t, sent)
	st.switchBranch(-1)
	if st.v.Output != "the fox ran from" {
		t.Errorf("a switch while writing: output %q; want it refused", st.v.Output)
	}
	m := generated(gen.Seq, 0.25, "the", "hunter")
	m.Copied = &lm.Copied{Tokens: []string{"the", "fox", "ran", "from", "the", "hunter"}, Level: lm.Word}
	st.receive(m)
	if st.v.Output != "the fox ran from the hunter" || st.v.Copied != m.Copied || st.v.CopiedFor != st.v.Output {
		t.Errorf("the continuation: %q, meter %v for %q; want the fox ran from the hunter, its meter", st.v.Output, st.v.Copied, st.v.CopiedFor)
	}
}
