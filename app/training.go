package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func (s *store) onTrain(ctx app.Context, a app.Action)  { s.train() }
func (s *store) onPause(ctx app.Context, a app.Action)  { s.send(proto.Message{Kind: proto.Pause}) }
func (s *store) onResume(ctx app.Context, a app.Action) { s.send(proto.Message{Kind: proto.Resume}) }
func (s *store) onStop(ctx app.Context, a app.Action)   { s.send(proto.Message{Kind: proto.Stop}) }
func (s *store) onSampleNow(ctx app.Context, a app.Action) {
	s.send(proto.Message{Kind: proto.SampleNow})
}

// train starts a run on the text and settings, unless either cannot be trained on.
func (s *store) train() {
	switch {
	case strings.TrimSpace(s.text) == "":
		s.refuseText("The text is empty: paste a story, drop or upload a .txt file, or pick a sample.")
		return
	case len(s.v.FieldErrors) > 0:
		s.showError(aboutAction, "Some settings are out of range: see the messages next to them.")
		return
	}
	// A run replaces the model on show: an error about a text, a model file or a link was seen
	// (it was on show when Train was pressed), and is moot.
	s.clearError(aboutAction, aboutText, aboutModel)
	s.v.BatchLoss, s.v.ValLoss, s.v.Samples, s.v.Progress, s.v.Checks = nil, nil, nil, lm.Progress{}, nil
	cfg := s.v.Config
	s.trainSeq = s.send(proto.Message{Kind: proto.Train, Text: s.text, Config: &cfg, Workers: s.v.TrainWorkers})
	s.v.Estimating = false // the worker drops a pending estimate to train
}

// gotState: the run started, paused, resumed, stopped or finished.
func (s *store) gotState(m proto.Message) {
	s.v.Phase = m.State
	s.v.Interrupted = false // the run has moved on since the reload: resumed, or stopped by the user
	if m.Workers > 0 {
		s.v.RunWorkers = m.Workers
	}
	if m.State == proto.Training {
		s.v.HasModel = true
		s.v.Level = s.v.Config.Level
		s.modelOnShowChanged("")
		s.runText = s.text
	}
}

// gotProgress adds the batches' losses since the last progress, and an epoch's validation loss.
func (s *store) gotProgress(m proto.Message) {
	if m.Progress != nil {
		s.v.Progress = *m.Progress
		if m.Progress.ValLoss != nil {
			s.v.ValLoss = append(s.v.ValLoss, *m.Progress.ValLoss)
		}
		if c := m.Progress.Check; c != nil {
			s.v.Checks = append(s.v.Checks, *c)
		}
	}
	s.v.BatchLoss = append(s.v.BatchLoss, m.Losses...)
	if m.Progress != nil && m.Progress.EpochDone {
		s.predict() // the model changed: fresh candidates
	}
}

// gotSamples shows an epoch's samples above the earlier ones.
func (s *store) gotSamples(m proto.Message) {
	if m.Samples != nil {
		s.v.Samples = append([]proto.EpochSamples{*m.Samples}, s.v.Samples...)
	}
}

// showRun shows the settings, phase and history of a model that comes from storage or a file.
func (s *store) showRun(m proto.Message) {
	if m.Config != nil {
		s.showConfig(*m.Config)
	}
	s.v.Phase, s.v.RunWorkers = m.State, m.Workers
	// A workspace saved while its run trained (its description's phase) and opened with the run
	// resumable was cut off by a reload or a closed tab, not stopped by the user.
	s.v.Interrupted = m.State == proto.Stopped && m.Workspace != nil && m.Workspace.Phase == proto.Training
	s.v.BatchLoss, s.v.ValLoss, s.v.Samples, s.v.Checks = nil, nil, nil, nil
	s.v.Progress = lm.Progress{}
	if h := m.History; h != nil {
		s.v.BatchLoss, s.v.Checks = h.BatchLoss, h.Checks
		for _, e := range h.Epochs {
			if e.ValLoss >= 0 {
				s.v.ValLoss = append(s.v.ValLoss, e.ValLoss)
			}
		}
		if n := len(h.Epochs); n > 0 {
			last := h.Epochs[n-1]
			s.v.Progress = lm.Progress{Epoch: last.Epoch, Epochs: s.v.Config.Epochs, Loss: last.Loss, EpochDone: true}
			if last.ValLoss >= 0 { // the status line says it after a run, as it did before the reload
				v := last.ValLoss
				s.v.Progress.ValLoss = &v
			}
			if len(h.BatchLoss) > 0 {
				s.v.Progress.Batches = len(h.BatchLoss) / n
			}
		}
	}
	if m.Progress != nil { // a run that can resume: where it stands
		s.v.Progress = *m.Progress
	}
}
