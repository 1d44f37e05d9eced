package app

import (
	"time"

	"fabulist/proto"
)

// saved takes the list of saved workspaces after an autosave, a listing or a deletion. The first
// listing of a visit reopens the newest workspace, unless the page already has something of its
// own (a share link, a text typed or dropped in the meantime).
func (s *store) saved(m proto.Message) {
	s.v.Workspaces, s.v.Usage, s.v.Quota = m.Workspaces, m.Usage, m.Quota
	s.showWorkspace(m.Workspace)
	if s.listed {
		return
	}
	s.listed = true
	if s.text != "" || s.v.HasModel || s.v.Phase != proto.Idle {
		return
	}
	// The newer of the newest workspace and the draft comes back.
	d, hasDraft := s.draft()
	switch {
	case len(m.Workspaces) > 0 && (!hasDraft || d.Updated <= m.Workspaces[0].Updated):
		s.reopen = s.send(proto.Message{Kind: proto.Open, ID: m.Workspaces[0].ID})
	case hasDraft && d.Text != "":
		s.restoreDraft(d)
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
	s.v.Output, s.v.Candidates, s.v.Ended, s.v.Unknown = "", nil, false, nil
	s.undo, s.v.CanUndo = nil, false
	s.v.OutputRev++
	s.reanalyze()
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
