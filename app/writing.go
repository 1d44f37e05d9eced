package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// genRequest is a generation the user asked for: the Generate panel's fields.
type genRequest struct {
	Prompt string
	Opts   lm.GenOptions
	Seed   uint64 // 0: a new random seed
}

func (s *store) onGenerate(ctx app.Context, a app.Action) {
	if r, ok := a.Value.(genRequest); ok {
		s.generate(r)
	}
}

func (s *store) onSetOutput(ctx app.Context, a app.Action) {
	text, _ := a.Value.(string)
	s.typed(text)
}

func (s *store) onSetPrompt(ctx app.Context, a app.Action) {
	s.prompt, _ = a.Value.(string)
	s.keepWriting()
	if s.v.Output == "" { // candidates follow the prompt until there is an output
		s.predict()
	}
}

func (s *store) onAppend(ctx app.Context, a app.Action) {
	tok, _ := a.Value.(string)
	s.appendToken(tok)
}

// onAddOwn takes a word of the user's own from the Add box. It is added even when the model does
// not know it, and the page then says so (OwnUnknown): the story is the user's, who can type any
// word in the output box anyway, and only the worker, which holds the vocabulary, can tell.
func (s *store) onAddOwn(ctx app.Context, a app.Action) {
	word, _ := a.Value.(string)
	s.addToken(word, true)
}

func (s *store) onUndo(ctx app.Context, a app.Action) { s.popUndo() }

func (s *store) generate(r genRequest) {
	if !s.v.HasModel {
		s.showError(aboutAction, "There is no model yet: train one first.")
		return
	}
	s.lastGenTyped = r.Seed != 0
	if r.Seed == 0 {
		r.Seed = newSeed()
	}
	s.prompt, s.lastGen, s.v.GenSeed = r.Prompt, r, r.Seed
	s.keepWriting()
	s.v.Generating = true
	s.genSeq = s.send(proto.Message{Kind: proto.Generate, Prompt: r.Prompt, Gen: &r.Opts, Seed: r.Seed, Weights: s.v.Weights})
}

// predict asks for the ten likeliest tokens after the output, or after the prompt while there is
// no output.
func (s *store) predict() { s.predictAfter("") }

// predictAfter is predict, asking too which tokens of own, a word of the user's own the text
// ends with ("" for none), the model does not know.
func (s *store) predictAfter(own string) {
	s.v.OwnUnknown = nil // about the text before this one
	if !s.v.HasModel || s.v.Ended {
		s.v.Candidates = nil
		return
	}
	text := s.v.Output
	if text == "" {
		text = s.prompt
	}
	s.predText = text
	s.predSeq = s.send(proto.Message{Kind: proto.Predict, Prompt: text, K: 10, Weights: s.v.Weights, Word: own})
}

// record makes text the output, keeping the previous one, with its branches, for Undo. What an
// Undo took back can no longer be redone, and a continuation still being written for an
// alternative is dropped when it comes (see gotBranch). Its caller keeps the writing
// (keepWriting) once the tree is in place.
func (s *store) record(text string) {
	s.undo = append(s.undo, undoStep{output: s.v.Output, tree: s.tree})
	s.redo, s.branchFor, s.v.Branch.Pending = nil, nil, false
	s.v.Output = text
	s.v.CanUndo = true
}

// setOutput changes the output from a handler: the box is updated to show it.
func (s *store) setOutput(text string) {
	s.record(text)
	s.v.OutputRev++
}

// typed takes what the user typed in the output box (already on show there).
func (s *store) typed(text string) {
	if text == s.v.Output {
		return
	}
	s.record(text)
	s.keepWriting()
	s.v.Ended = false
	s.showBranch()
	s.predict()
}

func (s *store) appendToken(tok string) { s.addToken(tok, false) }

// addToken adds tok to the output: a candidate's token, or a word of the user's own (own), whose
// tokens the model does not know the page names once the worker answers.
func (s *store) addToken(tok string, own bool) {
	if tok == "" || s.v.Ended {
		return
	}
	out := s.v.Output
	if out == "" {
		out = s.prompt
	}
	// The token joins the branch on show, with the model's probability of it when it was among
	// the candidates for this text; after typing, a new tree starts from what was typed.
	tk := branchTok{Tok: tok, P: noProb}
	if s.v.CandidatesFor == out {
		for _, c := range s.v.Candidates {
			if c.Token == tok {
				tk.P = float32(c.P)
			}
		}
	}
	t := s.branchOnShow()
	if t != nil && t.text() == out {
		t = t.extend([]branchTok{tk})
	} else {
		t = newBranchTree(s.v.Level, out, []branchTok{tk})
	}
	s.setOutput(lm.Join(s.v.Level, out, tok))
	s.tree = t
	s.keepWriting()
	s.showBranch()
	s.v.Ended = tok == lm.Separator
	if own {
		s.predictAfter(tok)
		return
	}
	s.predict()
}

// popUndo brings back the output before the last change, with its branches as they were (an
// alternative picked is undone, and the branch it replaced is on show again); Redo takes it back.
func (s *store) popUndo() { s.moveStep(&s.undo, &s.redo) }

// gotGenerated shows the answer to the last generation asked for; older ones are dropped.
func (s *store) gotGenerated(m proto.Message) {
	if s.gotBranch(m) || s.gotLinkPreview(m) {
		return
	}
	if m.Seq != s.genSeq || m.Generated == nil {
		return
	}
	s.v.Generating = false
	s.v.Unknown = m.Generated.Unknown
	s.setOutput(lm.Join(m.Level, s.prompt, m.Generated.Text))
	s.generated = s.v.Output
	if s.v.ShareMsg != "" && s.v.ShareMsg == s.openedShareMsg { // its "press Train, then Generate" is done
		s.v.ShareMsg = ""
	}
	s.tree = generatedTree(m.Level, s.prompt, m.Generated)
	s.keepWriting()
	s.showBranch()
	s.v.Copied, s.v.CopiedFor = m.Copied, s.v.Output
	s.v.Ended = m.Generated.Stopped
	s.v.EndedWhy = earlyEndWithBest(m.Generated, s.v.Weights, s.v.Checks, s.v.BatchLoss, m.Level)
	s.predict()
}

// gotCandidates shows the answer to the last prediction asked for; older ones are dropped.
func (s *store) gotCandidates(m proto.Message) {
	if s.gotAlternatives(m) {
		return
	}
	if m.Seq == s.predSeq {
		s.v.Candidates, s.v.CandidatesFor = m.Candidates, s.predText
		s.v.OwnUnknown = m.WordUnknown
		s.v.Copied, s.v.CopiedFor = m.Copied, s.predText // shown while it is the output's
	}
}

// generatedTree is a new tree of one branch: what the worker generated after prompt, each token
// with its probability.
func generatedTree(level lm.Level, prompt string, g *lm.GenResult) *branchTree {
	toks := make([]branchTok, len(g.Tokens))
	for i, tok := range g.Tokens {
		toks[i] = branchTok{Tok: tok, P: noProb}
		if i < len(g.Probs) {
			toks[i].P = g.Probs[i]
		}
	}
	return newBranchTree(level, prompt, toks)
}

// showGeneration puts a link's generation in the Generate form: its prompt, settings and seed (0:
// none, so that Generate draws a new one), so that Generate writes what the link's sender wrote.
func (s *store) showGeneration(prompt string, o lm.GenOptions, seed uint64) {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	s.v.Form = GenForm{Prompt: prompt, N: strconv.Itoa(o.N), Temp: f(o.Temperature), TopK: strconv.Itoa(o.TopK),
		TopP: f(o.TopP), Mode: string(o.Mode), Stop: !o.IgnoreSeparator}
	if seed != 0 {
		s.v.Form.Seed = strconv.FormatUint(seed, 10)
	}
	s.v.FormRev++
	s.prompt = prompt
	if s.draftLink != nil { // another link's or workspace's generation: a share link's is no longer on show
		s.draftLink, s.lastGen, s.lastGenTyped = nil, genRequest{}, false // (showLinkWriting sets its own after)
	}
}
