package app

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
)

// keptWriting is what the user wrote with a model — the Generate panel's prompt and the output —
// kept in the page's localStorage on every change, so that a reload loses neither. It belongs to
// the workspace that holds the model, under a key of that workspace's own (writingKey:ID), and
// comes back when that workspace is opened (as the page loads, or from the list); the workspace
// itself is saved by the worker only at a run's start and epochs, far too seldom for typing.
// Pages before per-workspace keys kept one writing under writingKey alone, still read for its
// workspace.
type keptWriting struct {
	Workspace string `json:"workspace"`
	Prompt    string `json:"prompt"`
	Output    string `json:"output"`
	// Branches are the writing's branches and its Undo and Redo history (kept-branches.go);
	// writings kept before them have none, and come back without.
	Branches *keptBranches `json:"branches,omitempty"`
	// Weights is which of the model's weights wrote it: "latest", or left out for the best
	// (the default), so that a reload writes on with the same ones.
	Weights lm.Weights `json:"weights,omitempty"`
	// Gen is the last Generate's settings and seed, so that a reload shows the form as it was
	// and a share link made after it carries them; writings kept before it come back without.
	Gen *keptGen `json:"gen,omitempty"`
}

// keptGen is a Generate request as the writing keeps it.
type keptGen struct {
	Prompt string        `json:"prompt"` // the prompt it wrote after, which the box may since have changed
	Opts   lm.GenOptions `json:"opts"`
	Seed   uint64        `json:"seed"`
	// Typed says the seed was the form's; otherwise Generate drew it, and the form's seed field
	// comes back empty so that the next Generate draws a new one, as it would have.
	Typed bool `json:"typed,omitempty"`
}

const writingKey = "fabulist-writing"

// errNoWriting says that the browser keeps no writing.
var errNoWriting = errors.New("no writing is kept")

// saveWriting writes w to localStorage; a full or forbidden storage keeps nothing (the page goes
// on, as it does with a draft too large to keep).
func saveWriting(w keptWriting) {
	ls := storage()
	if ls == nil || !ls.Truthy() {
		return
	}
	b, err := json.Marshal(w)
	if err != nil {
		return
	}
	key := writingKey + ":" + w.Workspace
	if !try(func() { ls.Call("setItem", key, string(b)) }) {
		try(func() { ls.Call("removeItem", key) }) // rather than an older writing coming back
	}
}

// forgetWriting removes the writing kept for a deleted workspace.
func forgetWriting(workspace string) {
	if ls := storage(); ls != nil && ls.Truthy() {
		try(func() { ls.Call("removeItem", writingKey+":"+workspace) })
	}
}

// loadWriting reads the writing kept in localStorage for a workspace (or an older page's single
// writing, which restoreWriting checks is that workspace's): errNoWriting when there is none or
// storage is forbidden, another error when what is kept is not a writing.
func loadWriting(workspace string) (keptWriting, error) {
	v, ok := getItem(writingKey + ":" + workspace)
	if !ok {
		v, ok = getItem(writingKey)
	}
	if !ok {
		return keptWriting{}, errNoWriting
	}
	if v.Type() != app.TypeString {
		return keptWriting{}, errors.New("the kept writing is not text")
	}
	return checkWriting(v.String())
}

// checkWriting reads a writing as localStorage keeps it: a JSON object whose fields are strings,
// belonging to a workspace, and no larger than a text the studio takes.
func checkWriting(s string) (keptWriting, error) {
	var w keptWriting
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return keptWriting{}, errors.New("the kept writing does not parse")
	}
	switch {
	case w.Workspace == "":
		return keptWriting{}, errors.New("the kept writing belongs to no workspace")
	case len(w.Prompt)+len(w.Output) > MaxTextBytes:
		return keptWriting{}, errors.New("the kept writing is too large")
	}
	if w.Weights != "" && w.Weights != lm.WeightsLatest {
		w.Weights = "" // the best, the default: the text is still good
	}
	if g := w.Gen; g != nil && (g.Seed == 0 || g.Opts.Validate() != nil || len(g.Prompt) > MaxTextBytes) {
		w.Gen = nil // the text is still good: it comes back with the form's defaults
	}
	if w.Branches != nil && w.Branches.check() != nil {
		w.Branches = nil // the text is still good: it comes back without its branches
	}
	if b := w.Branches; b != nil { // as keepWriting writes them, so that they read back the same
		for i := range b.Nodes {
			if len(b.Nodes[i].Kids) == 0 {
				b.Nodes[i].Kids = nil
			}
		}
		if len(b.Undo) == 0 {
			b.Undo = nil
		}
		if len(b.Redo) == 0 {
			b.Redo = nil
		}
	}
	return w, nil
}

// keepWriting saves the prompt and output, with the workspace they belong to, and the branches
// and history (keptBranchesOf). Nothing is kept here before a workspace exists: a model is always
// saved in one before it can write; a share link's receiver keeps the prompt with the draft
// (draftLink) until a run saves one. A change keeps its writing once its tree is in place.
func (s *store) keepWriting() {
	if s.v.WorkspaceID == "" {
		if s.draftLink != nil { // a share link's receiver: the draft keeps the prompt as typed
			s.keepDraft()
		}
		return
	}
	w := keptWriting{Workspace: s.v.WorkspaceID, Prompt: s.prompt, Output: s.v.Output, Branches: s.keptBranchesOf()}
	if s.v.Weights == lm.WeightsLatest {
		w.Weights = lm.WeightsLatest
	}
	if g := s.lastGen; g.Seed != 0 {
		w.Gen = &keptGen{Prompt: g.Prompt, Opts: g.Opts, Seed: g.Seed, Typed: s.lastGenTyped}
	}
	s.saveWriting(w)
}

// restoreWriting brings back what was written with the workspace just opened, if anything was,
// with its branches, the branch on show, and Undo and Redo as they were. A damaged writing is
// left alone: it is replaced at the next keystroke.
func (s *store) restoreWriting(id string) {
	w, err := s.loadWriting(id)
	if err != nil || id == "" || w.Workspace != id {
		return
	}
	s.prompt = w.Prompt
	s.v.Weights = "" // the best, as a page opens
	if w.Weights == lm.WeightsLatest {
		s.v.Weights = lm.WeightsLatest
	}
	s.v.Prompt = w.Prompt
	s.v.PromptRev++
	s.v.Output = w.Output
	s.v.OutputRev++
	s.v.Ended = strings.HasSuffix(strings.TrimSpace(w.Output), lm.Separator)
	if g := w.Gen; g != nil { // checked as it was read (checkWriting)
		seed := uint64(0)
		if g.Typed {
			seed = g.Seed
		}
		s.showGeneration(w.Prompt, g.Opts, seed)
		s.lastGen, s.lastGenTyped = genRequest{Prompt: g.Prompt, Opts: g.Opts, Seed: g.Seed}, g.Typed
		if w.Output != "" { // a share link's generation, kept before it was written, wrote nothing yet
			s.v.GenSeed = g.Seed
		}
	}
	if w.Branches != nil { // checked as it was read (checkWriting)
		s.tree, s.undo, s.redo = w.Branches.decode()
		s.v.CanUndo = len(s.undo) > 0
		s.showBranch()
	}
}
