package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/studio/proto"
)

// The question model's training: the store's side (see qa-train-panel.go for the panel, and
// proto's package comment for the conversation). The dataset's files stay in JavaScript as
// ArrayBuffers and travel to the worker beside the JSON, as a model file does.

// QATrainView is what the question model's training panel shows.
type QATrainView struct {
	Files []string // the chosen dataset's file names (paths in a dropped folder)
	Bytes int64    // they take
	// Reading: the chosen files are being read into memory.
	Reading  bool
	Phase    proto.Phase // of the question run: idle until one starts or comes back from storage
	Progress proto.QARunProgress
	Losses   []proto.QALoss // every batch's, in order
	Val      []float64      // each finished epoch's validation question loss
	Held     []proto.QAHeldQuestion
	// Restored: the question model came back from this browser's storage.
	Restored bool
	// Error is why the dataset, a setting or the question run was refused, shown in the panel.
	Error string
	// Epochs, Examples and Size are the run's settings as the panel's fields hold them, kept in
	// the browser (qa-settings.go).
	Epochs, Examples, Size string
	// Confirm is what a second press of Train replaces, said when Train was pressed once while a
	// question model is open; "" when no Train waits. A new run saves over the model in this
	// browser from its first epoch on, and a trial lost a finished model to one press of Train
	// and a closed tab.
	Confirm string
}

// Resumable reports whether Resume can continue the question run: a paused or stopped run of
// this tab. One brought back from storage cannot be, since its dataset is not kept (the engine
// refuses it); a trial found Resume offered there, and refused.
func (v QATrainView) Resumable() bool {
	return (v.Phase == proto.Paused || v.Phase == proto.Stopped) && !v.Restored
}

// qaFiles is a dataset the user chose: its files' names and, in the same order, a JavaScript
// array of their ArrayBuffers.
type qaFiles struct {
	Names   []string
	Buffers app.Value
	Bytes   int64
}

// qaTrainForm is the run's settings as the panel's fields hold them.
type qaTrainForm struct {
	Epochs   string `json:"epochs"`
	Examples string `json:"examples"`
	Size     string `json:"size"`
}

// onQAReading: the panel is reading the chosen files (bool: started).
func (s *store) onQAReading(ctx app.Context, a app.Action) {
	s.v.QATrain.Reading, s.v.QATrain.Error = true, ""
}

// onQAData keeps the chosen dataset (qaFiles) until Train sends it.
func (s *store) onQAData(ctx app.Context, a app.Action) {
	f, ok := a.Value.(qaFiles)
	if !ok {
		return
	}
	s.setQAFiles(f)
}

func (s *store) setQAFiles(f qaFiles) {
	s.qaFiles = f
	s.v.QATrain.Files, s.v.QATrain.Bytes, s.v.QATrain.Reading, s.v.QATrain.Error = f.Names, f.Bytes, false, ""
}

// onQAError shows why chosen files were refused (string) before they reached the worker; the
// dataset chosen before stays.
func (s *store) onQAError(ctx app.Context, a app.Action) {
	msg, _ := a.Value.(string)
	s.v.QATrain.Reading, s.v.QATrain.Error = false, msg
}

// onQATrain starts a question run on the chosen dataset with the panel's settings (qaTrainForm).
func (s *store) onQATrain(ctx app.Context, a app.Action) {
	f, _ := a.Value.(qaTrainForm)
	s.qaTrain(f)
}

// qaTrain checks the settings and sends the dataset to the worker; a refusal says why and sends
// nothing.
func (s *store) qaTrain(f qaTrainForm) {
	s.keepQAForm(f) // as the fields hold them, whether or not a change was committed
	opts, err := qaOptions(f)
	switch {
	case err != nil:
		s.v.QATrain.Error = sentence(err.Error())
		return
	case len(s.qaFiles.Names) == 0:
		s.v.QATrain.Error = "Choose a dataset first: a FairytaleQA folder or .zip, a SQuAD .json, or the book's .csv."
		return
	case s.v.Phase == proto.Training || s.v.Phase == proto.Paused:
		s.v.QATrain.Error = "The text generator is training: stop it first. One model trains at a time."
		return
	}
	s.v.QATrain.Error = ""
	if w := s.replacesModel(); w != "" && s.v.QATrain.Confirm == "" {
		s.v.QATrain.Confirm = w // the panel asks; a second press of Train replaces the model
		return
	}
	s.v.QATrain.Confirm = ""
	opts.Workers = s.v.TrainWorkers // the Workers setting, as the text generator's runs take it
	s.seq++
	s.qaSeq, s.qaFresh = s.seq, true
	s.w.postFile(proto.Message{Kind: proto.QATrain, Seq: s.seq, FileNames: s.qaFiles.Names, QATrain: &opts}, s.qaFiles.Buffers)
}

// replacesModel is what a new question run would replace, in words for the panel, or "" when no
// question model is open: a run's that finished or stopped (in this tab or brought back from this
// browser), or one opened from a file.
func (s *store) replacesModel() string {
	q := s.v.QATrain
	var what string
	switch {
	case (q.Phase == proto.Done || q.Phase == proto.Stopped) && q.Progress.Dataset != "":
		what = fmt.Sprintf("the question model trained on %s (%s)", q.Progress.Dataset, count(q.Progress.Epoch, "epoch"))
	case q.Phase == proto.Done || q.Phase == proto.Stopped || s.v.QA.Model != nil:
		what = "the open question model"
	default:
		return ""
	}
	return "This replaces " + what + ", here and in this browser. Press Train again to replace it, or keep it."
}

// onQAKeepModel keeps the question model a Train waits to replace (QATrainView.Confirm).
func (s *store) onQAKeepModel(ctx app.Context, a app.Action) { s.v.QATrain.Confirm = "" }

// qaOptions reads the panel's settings.
func qaOptions(f qaTrainForm) (proto.QATrainOptions, error) {
	epochs, err := strconv.Atoi(strings.TrimSpace(f.Epochs))
	if err != nil || epochs < 1 || epochs > proto.MaxQAEpochs {
		return proto.QATrainOptions{}, fmt.Errorf("epochs must be a whole number from 1 to %d", proto.MaxQAEpochs)
	}
	examples, err := strconv.Atoi(strings.TrimSpace(f.Examples))
	if err != nil || examples < 0 {
		return proto.QATrainOptions{}, errors.New("examples an epoch must be a whole number, 0 for all of them")
	}
	size := f.Size
	if size != "book" {
		size = "small"
	}
	return proto.QATrainOptions{Epochs: epochs, Examples: examples, Size: size}, nil
}

func (s *store) onQAPause(ctx app.Context, a app.Action)  { s.qaControl(proto.QAPause) }
func (s *store) onQAResume(ctx app.Context, a app.Action) { s.qaControl(proto.QAResume) }
func (s *store) onQAStop(ctx app.Context, a app.Action)   { s.qaControl(proto.QAStop) }

func (s *store) qaControl(k proto.Kind) {
	s.v.QATrain.Error = ""
	s.qaSeq = s.send(proto.Message{Kind: k})
}

// qaRestore asks the worker for the question model saved in this browser (on ready).
func (s *store) qaRestore() {
	s.qaSeq = s.send(proto.Message{Kind: proto.QARestore})
	s.qaRestoreSeq = s.qaSeq
}

// qaError shows an error that answers a question-run request in the panel; it reports whether
// it did.
func (s *store) qaError(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.qaSeq {
		return false
	}
	s.v.QATrain.Error = m.Error
	return true
}

// gotQAState: a question run started, paused, resumed, stopped or finished, or came back from
// storage.
func (s *store) gotQAState(m proto.Message) {
	if m.State == proto.Idle && m.Seq != 0 && m.Seq == s.qaCloseSeq {
		s.qaClosed()
		return
	}
	q := &s.v.QATrain
	if m.State == proto.Training && s.qaFresh && m.Seq == s.qaSeq { // a new run: its chart and questions start empty
		q.Losses, q.Val, q.Held, q.Restored = nil, nil, nil, false
		s.qaFresh = false
	}
	q.Phase = m.State
	if m.QARun != nil {
		q.Progress = *m.QARun
	}
	if m.QAModel != nil { // the run's model is the open question model
		s.v.QA.Model = m.QAModel
	}
	if m.Seq != 0 && m.Seq == s.qaRestoreSeq && m.State != proto.Training && m.State != proto.Paused { // a saved model, with its chart
		q.Losses, q.Val, q.Restored = m.QALosses, nil, true
	}
}

// gotQAProgress adds the batches' losses since the last progress, and an epoch's validation loss.
func (s *store) gotQAProgress(m proto.Message) {
	q := &s.v.QATrain
	if m.QARun != nil {
		q.Progress = *m.QARun
		if m.QARun.EpochDone && m.QARun.ValQuestion != nil {
			q.Val = append(q.Val, *m.QARun.ValQuestion)
		}
	}
	q.Losses = append(q.Losses, m.QALosses...)
}

// gotQAHeld shows the questions written on the held-out passages after an epoch.
func (s *store) gotQAHeld(m proto.Message) {
	s.v.QATrain.Held = m.QAHeld
	if m.QAModel != nil { // each epoch's model becomes the open question model
		s.v.QA.Model = m.QAModel
	}
}

// Bounds the page checks before it reads a dataset's files into memory; the worker checks again.
// They are dataset.MaxDatasetFiles and MaxDatasetBytes (a test keeps them so), written out: the
// dataset package would add 25 kB to the page for two numbers.
const (
	maxQAFiles = 4096
	maxQABytes = 128 << 20
)

// Defaults of the panel's fields.
var (
	qaDefaultEpochs   = strconv.Itoa(proto.QADefaultEpochs)
	qaDefaultExamples = strconv.Itoa(proto.QADefaultExamples)
)
