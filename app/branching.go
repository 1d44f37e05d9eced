package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// Branching in human-led writing (issue #15, point 5): every token the model wrote is shown with
// its probability; clicking one asks the worker for the alternatives at that point, and picking
// one rewrites from there, keeping what was written before as a branch to come back to.
const (
	actBranchToken  = "branch-token"  // int: the token clicked, by index in the branch on show
	actBranchPick   = "branch-pick"   // string: the alternative picked at the token clicked
	actBranchSwitch = "branch-switch" // int: 1 the next branch at the token clicked, -1 the previous
	actBranchRedo   = "branch-redo"   // what the last Undo took back
)

// BranchView is the branch on show, as the page shows it.
type BranchView struct {
	// Base is the text before the first token (the prompt); Tokens the branch after it, shown
	// only while it is the output (typing hides them until the model writes again).
	Base   string
	Tokens []BranchToken
	// Selected is the token clicked (-1: none); Alts the alternatives there, once the worker
	// answered (nil until then); At and Of where the branch on show stands among the branches
	// there ("2 of 3").
	Selected int
	Alts     []lm.Candidate
	At, Of   int
	// Pending: the worker is writing the continuation of an alternative just picked.
	Pending bool
	CanRedo bool
}

// BranchToken is a token of the branch on show: P is the model's probability of it (noProb when
// it did not choose it), Fork that other branches leave from this point.
type BranchToken struct {
	Tok  string
	P    float32
	Fork bool
}

// undoStep is what Undo brings back: the output and the branches as they were.
type undoStep struct {
	output string
	tree   *branchTree
}

func (s *store) onBranchToken(ctx app.Context, a app.Action) {
	i, _ := a.Value.(int)
	s.selectToken(i)
}

func (s *store) onBranchPick(ctx app.Context, a app.Action) {
	tok, _ := a.Value.(string)
	s.pickAlternative(tok)
}

func (s *store) onBranchSwitch(ctx app.Context, a app.Action) {
	step, _ := a.Value.(int)
	s.switchBranch(step)
}

func (s *store) onBranchRedo(ctx app.Context, a app.Action) { s.redoStep() }

// branchOnShow is the tree when the output is its branch on show, else nil (the user typed).
func (s *store) branchOnShow() *branchTree {
	if s.tree == nil || s.tree.text() != s.v.Output {
		return nil
	}
	return s.tree
}

// showBranch brings the view's branch up to date with the tree and the output.
func (s *store) showBranch() {
	b := &s.v.Branch
	b.CanRedo = len(s.redo) > 0
	t := s.branchOnShow()
	if t == nil {
		b.Base, b.Tokens, b.Selected, b.Alts, b.At, b.Of = "", nil, -1, nil, 0, 0
		return
	}
	p := t.path()
	b.Base, b.Tokens = t.base, make([]BranchToken, len(p))
	for i, n := range p {
		b.Tokens[i] = BranchToken{Tok: n.tok.Tok, P: n.tok.P, Fork: len(t.parent(p, i).kids) > 1}
	}
	if b.Selected >= 0 && (b.Selected >= len(p) || t.textBefore(b.Selected) != s.altFor) {
		b.Selected, b.Alts = -1, nil // the text before the token clicked has changed
	}
	b.At, b.Of = t.fork(b.Selected)
}

// selectToken shows the alternatives at token i of the branch on show, which the worker works
// out (Predict after the text before it).
func (s *store) selectToken(i int) {
	t := s.branchOnShow()
	if t == nil || i < 0 || i >= len(t.path()) || !s.v.HasModel {
		return
	}
	s.v.Branch.Selected, s.v.Branch.Alts, s.altFor = i, nil, t.textBefore(i)
	s.altSeq = s.send(proto.Message{Kind: proto.Predict, Prompt: t.textBefore(i), K: 10, Weights: s.v.Weights})
	s.showBranch()
}

// gotAlternatives takes the worker's answer about the token clicked; false when m answers
// something else.
func (s *store) gotAlternatives(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.altSeq {
		return false
	}
	s.v.Branch.Alts = m.Candidates
	return true
}

// pickAlternative puts tok at the token clicked and has the worker write as many tokens after it
// as followed the token it replaces, with the last generation's settings; the branch left is kept.
// An alternative picked before comes back with what followed it then, and nothing is written.
func (s *store) pickAlternative(tok string) {
	t, i := s.branchOnShow(), s.v.Branch.Selected
	if t == nil || i < 0 || i >= len(t.path()) || tok == "" || tok == t.path()[i].tok.Tok {
		return // the token on show: nothing changes
	}
	p := float32(noProb)
	for _, c := range s.v.Branch.Alts {
		if c.Token == tok {
			p = float32(c.P)
		}
	}
	n := t.after(i)
	if tok == lm.Separator { // the story ends there: nothing to write after it
		n = 0
	}
	c, known := t.pick(i, branchTok{Tok: tok, P: p})
	s.recordTree(c)
	if known || n == 0 {
		s.predict()
		return
	}
	o := s.lastGen.Opts
	if o.N == 0 { // written with candidates alone: no generation has set the options
		o = lm.DefaultGenOptions()
	}
	o.N = min(n, lm.MaxGenTokens)
	s.branchFor = c
	s.v.Branch.Pending = true
	s.branchSeq = s.send(proto.Message{Kind: proto.Generate, Prompt: c.text(), Gen: &o, Seed: newSeed(), Weights: s.v.Weights})
}

// gotBranch hangs the continuation of an alternative on the branch it was written for, unless
// the user has moved on (another pick, an undo, typing); false when m answers something else.
func (s *store) gotBranch(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.branchSeq {
		return false
	}
	s.v.Branch.Pending = false
	if m.Generated == nil || s.branchFor == nil || s.tree != s.branchFor {
		return true
	}
	s.tree = s.tree.extend(generatedTree(s.tree.level, "", m.Generated).tokens())
	s.v.Output = s.tree.text()
	s.v.OutputRev++
	if m.Copied != nil { // the worker measured the text through the pick and what it wrote: this
		s.v.Copied, s.v.CopiedFor = m.Copied, s.v.Output
	}
	s.v.Ended = m.Generated.Stopped
	s.keepWriting()
	s.showBranch()
	s.predict()
	return true
}

// switchBranch shows another branch at the token clicked. Not while an alternative's
// continuation is being written: it would be dropped, and its branch left with the pick alone.
func (s *store) switchBranch(step int) {
	t, i := s.branchOnShow(), s.v.Branch.Selected
	if t == nil || i < 0 || s.v.Branch.Pending {
		return
	}
	if at, of := t.fork(i); of < 2 || at == 0 {
		return
	}
	s.recordTree(t.switchAt(i, step))
	s.predict()
}

// recordTree makes t's branch on show the output, keeping the output and tree before for Undo.
func (s *store) recordTree(t *branchTree) {
	s.record(t.text())
	s.tree = t
	s.keepWriting()
	s.v.OutputRev++
	s.v.Ended = strings.HasSuffix(strings.TrimSpace(s.v.Output), lm.Separator)
	s.showBranch()
}

// redoStep brings back what the last Undo took back.
func (s *store) redoStep() { s.moveStep(&s.redo, &s.undo) }

// moveStep brings back the last step of from, keeping the output and tree on show in to: Undo
// moves a step from the undo stack to the redo stack, Redo the other way.
func (s *store) moveStep(from, to *[]undoStep) {
	if len(*from) == 0 {
		return
	}
	u := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	*to = append(*to, undoStep{output: s.v.Output, tree: s.tree})
	s.restoreStep(u)
}

// restoreStep shows an output and tree that Undo or Redo brings back. A continuation still
// being written is for a tree no longer on show, so it is dropped when it comes.
func (s *store) restoreStep(u undoStep) {
	s.v.Output, s.tree = u.output, u.tree
	s.v.OutputRev++
	s.v.CanUndo = len(s.undo) > 0
	s.v.Branch.Pending = false
	s.keepWriting()
	s.v.Ended = strings.HasSuffix(strings.TrimSpace(s.v.Output), lm.Separator)
	s.showBranch()
	s.predict()
}

// forgetBranches drops the tree, Undo and Redo: another workspace's writing is on show.
func (s *store) forgetBranches() {
	s.undo, s.redo, s.tree, s.v.CanUndo = nil, nil, nil, false
	s.showBranch()
}
