package app

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func (s *store) onOpenWorkspace(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	s.banner.openSeq = s.send(proto.Message{Kind: proto.Open, ID: id})
}

// onConfirmDelete asks once more before a workspace (or the damaged draft) is deleted; "" cancels.
func (s *store) onConfirmDelete(ctx app.Context, a app.Action) {
	s.v.ConfirmDelete, _ = a.Value.(string)
}

func (s *store) onDeleteWorkspace(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	s.v.ConfirmDelete = ""
	s.send(proto.Message{Kind: proto.Delete, ID: id})
	forgetWriting(id)
}

func (s *store) onDeleteDraft(ctx app.Context, a app.Action) {
	s.v.ConfirmDelete = ""
	s.deleteDraft()
}

// gotSaved takes the list of saved workspaces after an autosave, a listing or a deletion. The
// first listing of a visit brings back the newest healthy workspace or the draft (see restore);
// damaged ones are only listed, and so is a damaged draft.
func (s *store) gotSaved(m proto.Message) {
	s.v.Workspaces, s.v.Usage, s.v.Quota = m.Workspaces, m.Usage, m.Quota
	was := s.v.WorkspaceID
	s.showWorkspace(m.Workspace)
	if s.draftLink != nil && m.Workspace != nil && m.Workspace.ID != was {
		// A run saved the link's text in a workspace of its own: its kept writing now holds
		// what the link carried (with the prompt as typed since), as a sender's does.
		s.keepWriting()
		s.draftLink = nil
	}
	if s.listed {
		return
	}
	s.listed = true
	d, err := s.draft()
	if bad, ok := errors.AsType[*draftDamage](err); ok {
		s.v.BadDraft = bad.entry()
	}
	s.restoring = restoring{tried: map[string]bool{}}
	if err == nil {
		s.restoring.draft = &d
	}
	s.restore()
}

// restoring is what the page may bring back as it loads.
type restoring struct {
	tried map[string]bool // the workspaces asked for
	draft *draft          // the healthy draft kept in the browser; nil if none
	// config is the settings of a newer draft whose workspace reopens (draft.Of), shown once it
	// has opened, as they stood before the reload.
	config *lm.Config
}

// restore brings back the newer of the draft and the newest healthy workspace not yet tried,
// unless the page already has something of its own (a share link, a text typed or dropped in
// the meantime). It runs again when that workspace turns out damaged (restoreFailed).
func (s *store) restore() {
	if s.text != "" || s.v.HasModel || s.v.Phase != proto.Idle || s.demo != nil || s.demoSeq != 0 { // a published demo opens instead
		return
	}
	newest := -1
	for i, w := range s.v.Workspaces {
		if w.Damaged == "" && !s.restoring.tried[w.ID] && (newest < 0 || w.Updated > s.v.Workspaces[newest].Updated) {
			newest = i
		}
	}
	d := s.restoring.draft
	if d != nil && d.Text == "" && d.Link == nil {
		// A draft of an emptied box holds nothing to bring back: the newest workspace comes back,
		// as the page promises. A trial cleared the box, reloaded, and found a blank studio with
		// its run, writing and questions only in the list of workspaces.
		d = nil
	}
	of := -1 // the workspace whose text the draft's is, unchanged (draft.Of)
	for i, w := range s.v.Workspaces {
		if d != nil && d.Of != "" && w.ID == d.Of && w.Damaged == "" && !s.restoring.tried[w.ID] {
			of = i
		}
	}
	s.restoring.config = nil
	switch {
	case newest >= 0 && (d == nil || d.Updated <= s.v.Workspaces[newest].Updated):
		s.reopenWorkspace(s.v.Workspaces[newest].ID)
	case of >= 0: // the draft is newer, but only its settings can differ from that workspace's
		s.reopenWorkspace(d.Of)
		s.restoring.config = &d.Config
	case d != nil: // a text, or a settings-only share link's draft, which keeps none
		s.restoreDraft(*d)
	}
}

// reopenWorkspace asks the worker for a workspace as the page loads.
func (s *store) reopenWorkspace(id string) {
	s.restoring.tried[id] = true
	s.reopen = s.send(proto.Message{Kind: proto.Open, ID: id})
}

// restoreFailed takes an error that answers the reopening of the page's load: the workspace is
// damaged in a way its description did not show (the worker lists it as damaged next) or has
// gone, and the next one is tried. It reports whether it took the error: the list says what is
// wrong, and a banner about a workspace the user never asked for would only confuse.
func (s *store) restoreFailed(m proto.Message) bool {
	switch {
	case m.Seq == 0:
		return false
	case m.Seq == s.staleReopen: // the user moved on meanwhile
		s.staleReopen = 0
		return true
	case m.Seq == s.reopen:
		s.reopen = 0
		s.restore()
		return true
	}
	return false
}

// gotOpened shows a workspace the worker opened, unless the user moved on while it reopened as
// the page loaded.
func (s *store) gotOpened(m proto.Message) {
	if m.Seq != 0 && m.Seq == s.staleReopen {
		s.staleReopen = 0
		return
	}
	reopened := m.Seq != 0 && m.Seq == s.reopen
	if reopened {
		s.reopen = 0
	}
	if m.Seq != 0 && m.Seq == s.banner.openSeq { // the user opened another model
		s.modelOpened(m.Seq)
	}
	s.opened(m)
	if c := s.restoring.config; reopened && c != nil {
		s.restoring.config = nil
		if *c != s.v.Config {
			s.showDraftConfig(*c)
			s.reanalyze()
		}
	}
}

// opened shows a saved workspace: its text, settings, losses, samples and model.
func (s *store) opened(m proto.Message) {
	s.showText(m.Text)
	s.showRun(m)
	s.v.HasModel, s.v.Level = m.HasModel, ""
	if m.HasModel {
		s.v.Level = m.Level
	}
	s.v.Samples = nil
	for i := len(m.SampleLog) - 1; i >= 0; i-- { // newest first, as they arrive during training
		s.v.Samples = append(s.v.Samples, m.SampleLog[i])
	}
	s.showWorkspace(m.Workspace)
	s.modelOnShowChanged("")
	s.forgetShareLink()
	s.runText = m.Text
	s.v.Output, s.v.Candidates, s.v.Ended, s.v.Unknown, s.v.OwnUnknown = "", nil, false, nil, nil
	s.lastGen, s.lastGenTyped, s.v.GenSeed = genRequest{}, false, 0 // the workspace's own kept writing brings back its own
	s.draftLink = nil                                               // and a share link opened before is no longer on show
	s.v.Copied, s.v.CopiedFor = nil, ""
	s.forgetBranches()
	s.v.OutputRev++
	if m.Workspace != nil {
		s.restoreWriting(m.Workspace.ID)
	}
	s.reanalyze()
	s.restoreQuiz()
	if s.v.HasModel {
		s.predict()
	}
}

// showWorkspace names the workspace autosave writes (nil: none) and when it was saved.
func (s *store) showWorkspace(w *proto.Workspace) {
	s.v.WorkspaceID, s.v.SavedAt = "", ""
	if w == nil {
		return
	}
	s.v.WorkspaceID = w.ID
	if w.Updated > 0 {
		s.v.SavedAt = time.UnixMilli(w.Updated).Format("15:04:05")
	}
}
