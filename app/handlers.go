package app

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// Action names. Values are documented at each handler.
const (
	actWorker    = "worker-message" // fromWorker: a message from the worker
	actWorkerErr = "worker-failed"  // string: the worker could not start
	actTyped     = "text-typed"     // typing in the text box paused: take its text (see pending.go)
	actLoadText  = "load-text"      // string: a whole new text (a file, a sample, a large paste)
	actTextError = "text-error"     // string: why a text was refused
	actPreset    = "set-preset"     // string: book, quick
	actField     = "set-field"      // fieldValue
	actTrain     = "train"
	actPause     = "pause"
	actResume    = "resume"
	actStop      = "stop"
	actSampleNow = "sample-now"
	actGenerate  = "generate" // genRequest
	actSetOutput = "set-output"
	actSetPrompt = "set-prompt"   // string: the prompt as typed
	actAppend    = "append-token" // string: a token to add to the output
	actUndo      = "undo"
	actDismiss   = "dismiss-error"
	actExport    = "export"      // string: "fabulist" or "tfjs"
	actShare     = "share"       // bool: settings only
	actAddress   = "address"     // addressNote: what GuardAddress took out of the page's address
	actImport    = "import-file" // app.Value: an ArrayBuffer of a model file

	actOpenWorkspace   = "open-workspace"   // string: a workspace id
	actConfirmDelete   = "confirm-delete"   // string: a workspace id, "" to cancel
	actDeleteWorkspace = "delete-workspace" // string: a workspace id
	actDeleteDraft     = "delete-draft"     // the damaged draft in localStorage
)

type fieldValue struct{ Field, Value string }

type genRequest struct {
	Prompt string
	Opts   lm.GenOptions
	Seed   uint64 // 0: a new random seed
}

// store is the single owner of the studio's state. It is only touched on the UI goroutine:
// go-app runs global action handlers on goroutines of their own, so each hops to the UI
// goroutine first (see onUI).
type store struct {
	v        View
	text     string
	seq      int    // last request number sent to the worker
	predSeq  int    // the Predict whose answer is awaited; older answers are dropped
	predText string // the text that Predict asked about
	genSeq   int
	anSeq    int
	undo     []string
	lastGen  genRequest // the last generation asked for, with its seed: what a share link carries
	prompt   string     // the prompt of the last generation, for candidates while Output is empty
	analyzed string     // the text the last analysis was asked for
	listed   bool       // the saved workspaces have been listed once (and the newest reopened)
	// reopen is the Open that brings back the newest workspace as the page loads, until it is
	// answered. What the user does meanwhile wins: edited() makes it stale, and its answer is
	// then dropped.
	reopen, staleReopen int
	restoring           restoring
	// draft reads the draft kept in the browser (loadDraft; tests replace it).
	draft func() (draft, error)
	// form reads the fields whose edits are pending (see flush); nil takes none.
	form formReader
}

var st = &store{v: View{Phase: proto.Idle, Preset: "book", Config: lm.DefaultConfig(), FieldErrors: map[string]string{}},
	draft: loadDraft, form: domForm{}}

// onUI runs a handler for a message from the worker on the UI goroutine, and publishes the view.
func onUI(h func(ctx app.Context, a app.Action)) app.ActionHandler {
	return func(ctx app.Context, a app.Action) {
		ctx.Dispatch(func(ctx app.Context) {
			h(ctx, a)
			publish(ctx)
		})
	}
}

// onUser is onUI for what the user does: it takes every pending edit first, so that the action
// acts on what the form shows (see pending.go).
func onUser(h func(ctx app.Context, a app.Action)) app.ActionHandler {
	return onUI(func(ctx app.Context, a app.Action) {
		st.flush()
		h(ctx, a)
	})
}

func publish(ctx app.Context) { ctx.SetState(stateKey, st.v) }

func registerHandlers() {
	app.Handle(actWorker, onUI(func(ctx app.Context, a app.Action) {
		w, _ := a.Value.(fromWorker)
		m, err := proto.Decode(w.JSON)
		if err != nil {
			st.v.Error = err.Error()
			return
		}
		if w.Text != "" {
			m.Text = w.Text
		}
		st.receive(m)
	}))
	app.Handle(actWorkerErr, onUI(func(ctx app.Context, a app.Action) {
		st.v.Error = fmt.Sprint("The training engine could not start: ", a.Value)
	}))
	app.Handle(actTyped, onUser(func(ctx app.Context, a app.Action) {}))
	app.Handle(actLoadText, onUser(func(ctx app.Context, a app.Action) {
		text, _ := a.Value.(string)
		st.loadText(text)
	}))
	app.Handle(actTextError, onUser(func(ctx app.Context, a app.Action) {
		st.v.Error, _ = a.Value.(string)
	}))
	app.Handle(actPreset, onUser(func(ctx app.Context, a app.Action) {
		name, _ := a.Value.(string)
		st.edited()
		st.setPreset(name)
		st.keepDraft()
	}))
	app.Handle(actField, onUI(func(ctx app.Context, a app.Action) {
		if f, ok := a.Value.(fieldValue); ok {
			pending.done(f.Field) // its value is this one
			st.flush()
			st.edited()
			st.setField(f.Field, f.Value)
			st.keepDraft()
		}
	}))
	app.Handle(actTrain, onUser(func(ctx app.Context, a app.Action) { st.train() }))
	app.Handle(actPause, onUser(func(ctx app.Context, a app.Action) { st.send(proto.Message{Kind: proto.Pause}) }))
	app.Handle(actResume, onUser(func(ctx app.Context, a app.Action) { st.send(proto.Message{Kind: proto.Resume}) }))
	app.Handle(actStop, onUser(func(ctx app.Context, a app.Action) { st.send(proto.Message{Kind: proto.Stop}) }))
	app.Handle(actSampleNow, onUser(func(ctx app.Context, a app.Action) { st.send(proto.Message{Kind: proto.SampleNow}) }))
	app.Handle(actGenerate, onUser(func(ctx app.Context, a app.Action) {
		if r, ok := a.Value.(genRequest); ok {
			st.generate(r)
		}
	}))
	app.Handle(actSetOutput, onUser(func(ctx app.Context, a app.Action) {
		s, _ := a.Value.(string)
		st.typed(s)
	}))
	app.Handle(actSetPrompt, onUser(func(ctx app.Context, a app.Action) {
		s, _ := a.Value.(string)
		st.prompt = s
		if st.v.Output == "" { // candidates follow the prompt until there is an output
			st.predict()
		}
	}))
	app.Handle(actAppend, onUser(func(ctx app.Context, a app.Action) {
		tok, _ := a.Value.(string)
		st.appendToken(tok)
	}))
	app.Handle(actUndo, onUser(func(ctx app.Context, a app.Action) { st.popUndo() }))
	app.Handle(actExport, onUser(func(ctx app.Context, a app.Action) {
		format, _ := a.Value.(string)
		if !st.v.HasModel {
			st.v.Error = "There is no model to save yet: train one first."
			return
		}
		st.send(proto.Message{Kind: proto.Export, Format: format})
	}))
	app.Handle(actImport, onUser(func(ctx app.Context, a app.Action) {
		buf, ok := a.Value.(app.Value)
		if !ok {
			return
		}
		st.edited()
		st.seq++
		bridge.postFile(proto.Message{Kind: proto.Import, Seq: st.seq, Text: st.text}, buf)
	}))
	app.Handle(actShare, onUser(func(ctx app.Context, a app.Action) {
		settingsOnly, _ := a.Value.(bool)
		st.share(ctx, settingsOnly)
	}))
	app.Handle(actAddress, onUser(func(ctx app.Context, a app.Action) {
		if n, ok := a.Value.(addressNote); ok {
			st.openAddress(n)
		}
	}))
	app.Handle(actOpenWorkspace, onUser(func(ctx app.Context, a app.Action) {
		id, _ := a.Value.(string)
		st.send(proto.Message{Kind: proto.Open, ID: id})
	}))
	app.Handle(actConfirmDelete, onUser(func(ctx app.Context, a app.Action) {
		st.v.ConfirmDelete, _ = a.Value.(string)
	}))
	app.Handle(actDeleteWorkspace, onUser(func(ctx app.Context, a app.Action) {
		id, _ := a.Value.(string)
		st.v.ConfirmDelete = ""
		st.send(proto.Message{Kind: proto.Delete, ID: id})
	}))
	app.Handle(actDeleteDraft, onUser(func(ctx app.Context, a app.Action) {
		st.v.ConfirmDelete = ""
		st.deleteDraft()
	}))
	app.Handle(actDismiss, onUser(func(ctx app.Context, a app.Action) { st.v.Error = "" }))
}

// setText takes the text the user typed, which the box already shows.
func (s *store) setText(text string) {
	if text == s.text && !s.v.TextPreview {
		return // taken already: an action flushed it before the pause in typing did
	}
	s.edited()
	s.text, s.v.Text, s.v.TextPreview = text, text, false
	s.v.TextChars = utf8.RuneCountInString(text)
	s.keepDraftText()
	// The error stays: it may be about something newer than this (debounced) edit, such as a
	// file just refused.
	s.analyze()
}

// loadText takes a whole new text the user chose (a file, a sample, a large paste, or none when
// they clear a preview): it replaces what the box shows. Its line breaks become "\n", and a byte
// order mark goes, as they do in a text that passes through the box.
func (s *store) loadText(text string) {
	s.edited()
	s.showText(lm.Normalize(text))
	s.keepDraftText()
	s.analyze()
}

// edited notes that the user changed the text, the settings or the model: a workspace still
// reopening from the page's load must not replace them when it arrives.
func (s *store) edited() {
	if s.reopen != 0 {
		s.staleReopen, s.reopen = s.reopen, 0
	}
}

// send posts a request to the worker (queued until it is ready) and returns its number.
func (s *store) send(m proto.Message) int {
	s.seq++
	m.Seq = s.seq
	bridge.post(m)
	return m.Seq
}

// analyze asks the worker about the text under the settings, unless it was asked already (its
// answer may be on its way). The analysis on show is dropped meanwhile: the page says
// "analysing…" until the new one comes.
func (s *store) analyze() {
	if s.text == s.analyzed && s.text != "" {
		return
	}
	s.v.Analysis, s.analyzed = nil, ""
	if s.text == "" || len(s.v.FieldErrors) > 0 {
		return
	}
	s.analyzed = s.text
	cfg := s.v.Config
	s.anSeq = s.send(proto.Message{Kind: proto.Analyze, Text: s.text, Config: &cfg})
}

func (s *store) setPreset(name string) {
	switch name {
	case "book":
		s.v.Config = lm.DefaultConfig()
	case "quick":
		s.v.Config = lm.QuickConfig()
	default:
		return
	}
	s.v.Preset, s.v.FieldErrors = name, map[string]string{}
	s.reanalyze()
}

// reanalyze drops the analysis, which no longer fits the text or settings, and asks again.
func (s *store) reanalyze() {
	s.v.Analysis, s.analyzed = nil, ""
	s.analyze()
}

// showText puts a text in the text box from a handler (a share link, a workspace, a draft, a
// file): whole when the box lays it out without a freeze (MaxBoxBytes), else as a preview. It
// replaces any edit pending in the box.
func (s *store) showText(text string) {
	s.text, s.v.Text = text, text
	s.v.TextChars = utf8.RuneCountInString(text)
	s.v.TextPreview = len(text) > MaxBoxBytes
	s.v.TextRev++
	pending.done(corpusID)
}

// showConfig shows settings that come from elsewhere (a file, a link, storage) as valid ones.
func (s *store) showConfig(c lm.Config) {
	s.v.Config, s.v.Preset, s.v.FieldErrors = c, presetOf(c), map[string]string{}
}

// setField takes one setting from its form field (see lm.Settings). A value that does not parse
// is kept out of the configuration and explained next to its field.
func (s *store) setField(field, value string) {
	if field == "workers" { // the browser's, not the model's: it is no Config setting
		s.setWorkers(value)
		return
	}
	if _, ok := lm.SettingByName(field); !ok {
		return
	}
	c := s.v.Config
	err := c.Set(field, value)
	fe := c.FieldErrors()
	if err != nil {
		fe[field] = err.Error()
	} else {
		s.v.Config = c
	}
	s.v.FieldErrors, s.v.Preset = fe, "custom"
	s.reanalyze()
}

// setWorkers takes how many workers a new run asks for: 0 (one per core) to proto.MaxWorkers.
func (s *store) setWorkers(value string) {
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil || n < 0 || n > proto.MaxWorkers {
		fe := s.v.Config.FieldErrors()
		fe["workers"] = fmt.Sprintf("between 0 (one per core) and %d", proto.MaxWorkers)
		s.v.FieldErrors = fe
		return
	}
	s.v.TrainWorkers = n
	delete(s.v.FieldErrors, "workers")
}

func (s *store) train() {
	switch {
	case strings.TrimSpace(s.text) == "":
		s.v.Error = "The text is empty: paste a story, drop or upload a .txt file, or pick a sample."
		return
	case len(s.v.FieldErrors) > 0:
		s.v.Error = "Some settings are out of range: see the messages next to them."
		return
	}
	s.v.Error = ""
	s.v.BatchLoss, s.v.ValLoss, s.v.Samples, s.v.Progress = nil, nil, nil, lm.Progress{}
	cfg := s.v.Config
	s.send(proto.Message{Kind: proto.Train, Text: s.text, Config: &cfg, Workers: s.v.TrainWorkers})
}

func (s *store) generate(r genRequest) {
	if !s.v.HasModel {
		s.v.Error = "There is no model yet: train one first."
		return
	}
	if r.Seed == 0 {
		r.Seed = newSeed()
	}
	s.prompt, s.lastGen, s.v.GenSeed = r.Prompt, r, r.Seed
	s.v.Generating = true
	s.genSeq = s.send(proto.Message{Kind: proto.Generate, Prompt: r.Prompt, Gen: &r.Opts, Seed: r.Seed})
}

func (s *store) predict() {
	if !s.v.HasModel || s.v.Ended {
		s.v.Candidates = nil
		return
	}
	text := s.v.Output
	if text == "" {
		text = s.prompt
	}
	s.predText = text
	s.predSeq = s.send(proto.Message{Kind: proto.Predict, Prompt: text, K: 10})
}

// record makes text the output, keeping the previous one for Undo.
func (s *store) record(text string) {
	s.undo = append(s.undo, s.v.Output)
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
	s.v.Ended = false
	s.predict()
}

func (s *store) appendToken(tok string) {
	if tok == "" || s.v.Ended {
		return
	}
	out := s.v.Output
	if out == "" {
		out = s.prompt
	}
	s.setOutput(lm.Join(s.v.Level, out, tok))
	s.v.Ended = tok == lm.Separator
	s.predict()
}

func (s *store) popUndo() {
	if len(s.undo) == 0 {
		return
	}
	s.v.Output = s.undo[len(s.undo)-1]
	s.undo = s.undo[:len(s.undo)-1]
	s.v.OutputRev++
	s.v.CanUndo = len(s.undo) > 0
	s.v.Ended = strings.HasSuffix(strings.TrimSpace(s.v.Output), lm.Separator)
	s.predict()
}

// receive applies a message from the worker.
func (s *store) receive(m proto.Message) {
	switch m.Kind {
	case proto.Ready:
		s.v.Ready, s.v.Workers, s.v.Kernel = true, m.Workers, m.Kernel
		bridge.ready()
		s.send(proto.Message{Kind: proto.Workspaces})
	case proto.Analysis:
		if m.Analysis != nil && m.Seq == s.anSeq { // answers about an older text are dropped
			s.v.Analysis = m.Analysis
		}
	case proto.State:
		s.v.Phase = m.State
		if m.Workers > 0 {
			s.v.RunWorkers = m.Workers
		}
		if m.State == proto.Training {
			s.v.HasModel = true
			s.v.Level = s.v.Config.Level
		}
	case proto.Progress:
		if m.Progress != nil {
			s.v.Progress = *m.Progress
			if m.Progress.ValLoss != nil {
				s.v.ValLoss = append(s.v.ValLoss, *m.Progress.ValLoss)
			}
		}
		s.v.BatchLoss = append(s.v.BatchLoss, m.Losses...)
		if m.Progress != nil && m.Progress.EpochDone {
			s.predict() // the model changed: fresh candidates
		}
	case proto.Samples:
		if m.Samples != nil {
			s.v.Samples = append([]proto.EpochSamples{*m.Samples}, s.v.Samples...)
		}
	case proto.Generated:
		if m.Seq != s.genSeq || m.Generated == nil {
			return
		}
		s.v.Generating = false
		s.v.Unknown = m.Generated.Unknown
		s.setOutput(lm.Join(m.Level, s.prompt, m.Generated.Text))
		s.v.Ended = m.Generated.Stopped
		s.predict()
	case proto.Candidates:
		if m.Seq == s.predSeq {
			s.v.Candidates, s.v.CandidatesFor = m.Candidates, s.predText
		}
	case proto.Exported:
		download(m.URL, m.Name)
	case proto.Imported:
		s.imported(m)
	case proto.Saved:
		s.saved(m)
	case proto.Opened:
		if m.Seq != 0 && m.Seq == s.staleReopen {
			s.staleReopen = 0
			break
		}
		if m.Seq == s.reopen {
			s.reopen = 0
		}
		s.opened(m)
	case proto.Error:
		if s.restoreFailed(m) {
			break
		}
		if m.Seq == s.genSeq {
			s.v.Generating = false
		}
		s.v.Error = m.Error
	}
}

// imported shows a model opened from a file: its settings, its history, and what it can do.
func (s *store) imported(m proto.Message) {
	s.showRun(m)
	s.v.HasModel, s.v.Level = true, m.Level
	s.v.Error = ""
	s.predict()
}

// showRun shows the settings, phase and history of a model that comes from storage or a file.
func (s *store) showRun(m proto.Message) {
	if m.Config != nil {
		s.showConfig(*m.Config)
	}
	s.v.Phase, s.v.RunWorkers = m.State, m.Workers
	s.v.BatchLoss, s.v.ValLoss, s.v.Samples = nil, nil, nil
	s.v.Progress = lm.Progress{}
	if h := m.History; h != nil {
		s.v.BatchLoss = h.BatchLoss
		for _, e := range h.Epochs {
			if e.ValLoss >= 0 {
				s.v.ValLoss = append(s.v.ValLoss, e.ValLoss)
			}
		}
		if n := len(h.Epochs); n > 0 {
			last := h.Epochs[n-1]
			s.v.Progress = lm.Progress{Epoch: last.Epoch, Epochs: s.v.Config.Epochs, Loss: last.Loss, EpochDone: true}
			if len(h.BatchLoss) > 0 {
				s.v.Progress.Batches = len(h.BatchLoss) / n
			}
		}
	}
	if m.Progress != nil { // a run that can resume: where it stands
		s.v.Progress = *m.Progress
	}
}

// presetOf names the preset a configuration is, or "custom".
func presetOf(c lm.Config) string {
	switch c {
	case lm.DefaultConfig():
		return "book"
	case lm.QuickConfig():
		return "quick"
	}
	return "custom"
}
