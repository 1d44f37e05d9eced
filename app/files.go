package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// onExport asks the worker for the model as a file: "fabulist" (.fab) or "tfjs" (a zip).
func (s *store) onExport(ctx app.Context, a app.Action) {
	format, _ := a.Value.(string)
	if !s.v.HasModel {
		s.showError(aboutAction, "There is no model to save yet: train one first.")
		return
	}
	s.send(proto.Message{Kind: proto.Export, Format: format, Weights: s.v.Weights})
}

// onImport hands a model file (an ArrayBuffer, which stays in JavaScript) to the worker with the
// text it may have been trained on.
func (s *store) onImport(ctx app.Context, a app.Action) {
	buf, ok := a.Value.(app.Value)
	if !ok {
		return
	}
	s.edited()
	s.seq++
	s.w.postFile(proto.Message{Kind: proto.Import, Seq: s.seq, Text: s.text}, buf)
}

// gotExported saves the file the worker made.
func (s *store) gotExported(m proto.Message) { download(m.URL, m.Name) }

// gotImported shows a model opened from a file: its settings, its history, and what it can do.
func (s *store) gotImported(m proto.Message) {
	if m.QAModel != nil { // a question model: the text generator stays
		s.gotQAModel(m)
		s.demoOpened(m)
		return
	}
	s.showRun(m)
	s.v.HasModel, s.v.Level = true, m.Level
	from := ""
	if m.Seq != 0 && m.Seq == s.demoSeq {
		from = s.demoFrom
	}
	s.modelOnShowChanged(from)
	s.forgetShareLink()
	s.modelOpened(m.Seq)
	s.predict()
	s.demoOpened(m)
	s.inlinkOpened(m)
}
