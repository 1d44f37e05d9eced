package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/model/qa"
	"fabulist/studio/proto"
)

// Action names. Values are documented at each handler; each feature's file (text.go, settings.go,
// training.go, writing.go, files.go, workspaces.go, share.go) holds its handlers.
const (
	actWorker    = "worker-message" // fromWorker: a message from the worker
	actWorkerErr = "worker-failed"  // string: the worker could not start
	actTyped     = "text-typed"     // typing in the text box paused: take its text (see pending.go)
	actLoadText  = "load-text"      // string: a whole new text (a file, a sample, a large paste)
	actTextError = "text-error"     // string: why a text was refused
	actFileError = "file-error"     // string: why a model file was refused
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
	actAddOwn    = "add-own-word" // string: a word of the user's own, from the Add box
	actUndo      = "undo"
	actDismiss   = "dismiss-error"
	actExport    = "export"      // string: "fabulist" or "tfjs"
	actShare     = "share"       // bool: settings only
	actCopied    = "link-copied" // copied: the clipboard's answer about a share link
	actAddress   = "address"     // addressNote: what GuardAddress took out of the page's address
	actImport    = "import-file" // app.Value: an ArrayBuffer of a model file

	actOpenWorkspace   = "open-workspace"   // string: a workspace id
	actConfirmDelete   = "confirm-delete"   // string: a workspace id, "" to cancel
	actDeleteWorkspace = "delete-workspace" // string: a workspace id
	actDeleteDraft     = "delete-draft"     // the damaged draft in localStorage

	actQAReading     = "qa-reading" // the panel is reading a chosen dataset's files
	actQAData        = "qa-data"    // qaFiles: the chosen dataset, read
	actQAError       = "qa-error"   // string: why chosen files were refused
	actQATrain       = "qa-train"   // qaTrainForm
	actQAPause       = "qa-pause"
	actQAResume      = "qa-resume"
	actQAStop        = "qa-stop"
	actQAKeepModel   = "qa-keep-model"  // keep the question model a Train waits to replace (QATrainView.Confirm)
	actProse         = "prose-toggle"   // prose or raw tokens (meter.go)
	actMinCopied     = "set-min-copied" // string: the meter's least run, as typed
	actCopyText      = "copy-text"      // the output, readable, to the clipboard
	actTextCopied    = "text-copied"    // bool: the clipboard took it
	actDownloadText  = "download-text"  // the output, readable, as a file
	actFindQuestions = "find-questions" // boxSpan: about the selection; none: the whole text
	actAskQuestion   = "ask-question"   // boxSpan: the answer the user selected
	actDeletePair    = "delete-pair"    // int: a pair's index
	actEditQuestion  = "edit-question"  // questionEdit
	actQABeam        = "qa-beam"        // int: the question model's beam width
	actExportQA      = "export-qa"      // the question model's file
	actQAAskWith     = "qa-ask-with"    // qa.Method: the generator Ask uses
	actQAKeep        = "qa-keep"        // keep the list a Find waits to replace (QAView.Confirm)
	actQAClose       = "qa-close"       // close the question model, and forget the saved one
	// The quiz's actions are in quiz.go.
)

// worker is where the store's requests go: the page's Web Worker (workerBridge), or in tests a
// recorder.
type worker interface {
	post(proto.Message)
	postFile(proto.Message, app.Value)
	ready()
}

// store is the single owner of the studio's state. It is only touched on the UI goroutine:
// go-app runs global action handlers on goroutines of their own, so each hops to the UI
// goroutine first (see onUI).
type store struct {
	v        View
	w        worker
	text     string
	seq      int    // last request number sent to the worker
	predSeq  int    // the Predict whose answer is awaited; older answers are dropped
	predText string // the text that Predict asked about
	genSeq   int
	anSeq    int
	trainSeq int          // the last Train asked for: its refusal is about the text (see refuseText)
	analyses map[int]bool // the analyses asked for and not yet answered
	undo     []undoStep
	redo     []undoStep // what Undo took back, for Redo (branching.go)
	lastGen  genRequest // the last generation asked for, with its seed: what a share link carries
	// lastGenTyped says lastGen's seed was typed in the form, not drawn by Generate.
	lastGenTyped bool
	// draftLink is the writing settings of the share link the page opened, kept with the draft
	// while no workspace holds them (draft.go); nil when none was opened.
	draftLink *draftLink
	// generated is the output as the last Generate wrote it (before any word picked or typed
	// after it); "" when not known, as after a reload.
	generated string
	// openedShareMsg is what the share panel said as a share link opened, which the first
	// text generated after it makes moot.
	openedShareMsg string
	// runText is the text the run on show learned from, as it started or its workspace opened;
	// "" when not known (another model is on show).
	runText  string
	prompt   string // the prompt of the last generation, for candidates while Output is empty
	analyzed string // the text the last analysis was asked for
	listed   bool   // the saved workspaces have been listed once (and the newest reopened)
	// reopen is the Open that brings back the newest workspace as the page loads, until it is
	// answered. What the user does meanwhile wins: edited() makes it stale, and its answer is
	// then dropped.
	reopen, staleReopen int
	restoring           restoring
	// draft reads the draft kept in the browser (loadDraft in the page).
	draft func() (draft, error)
	// saveDraft keeps it (saveDraft in the page; see writeDraft).
	saveDraft func(d draft, withText bool) bool
	// loadWriting and saveWriting read and keep what was written with a model (localStorage in
	// the page, see kept-writing.go).
	loadWriting func(workspace string) (keptWriting, error)
	saveWriting func(keptWriting)
	// loadQuiz and saveQuiz read and keep the list of questions (localStorage in the page, see
	// kept-quiz.go).
	loadQuiz func() (keptQuiz, error)
	saveQuiz func(keptQuiz)
	// loadQASettings and saveQASettings read and keep the question run's settings (localStorage
	// in the page, see qa-settings.go); qaFormEdited says the user set one in this visit.
	loadQASettings func() (qaTrainForm, error)
	saveQASettings func(qaTrainForm)
	qaFormEdited   bool
	// form reads the fields whose edits are pending (see flush); nil takes none.
	form formReader
	// later holds messages from the worker that wait for a task of their own (see onWorker).
	later []proto.Message
	// clipboard copies a share link (writeClipboard in the page); tests give their own.
	clipboard func(link string, done func(ok bool)) bool
	shareWhat string // what the share link on show holds, said with whether it was copied
	// demo is a published demo's model waiting for the worker, demoSeq its Import (demo.go).
	demo    *demoFetched
	demoSeq int
	// demoFrom is the address of the model link whose file demoSeq opens ("" for a published
	// demo); fetching the address a model link named, waiting to be fetched by fetchModel
	// (model-address.go), which tests give their own.
	demoFrom   string
	fetching   string
	fetchModel func(addr string) demoFetched
	// inlinkMakeSeq and inlinkOpenSeq are the InlinkMake and InlinkOpen awaited (inlink.go).
	inlinkMakeSeq, inlinkOpenSeq int
	// banner is what the error banner's message is about (banner.go).
	banner banner
	// saveFile saves bytes the page made as a file (saveBlob in the page); tests give their own.
	saveFile func(b []byte, name, mime string)
	// qaFiles is the dataset chosen for the question model (qa-training.go); qaSeq the last
	// request about the question run, whose errors the panel shows; qaFresh that it was a Train.
	qaFiles      qaFiles
	qaSeq        int
	qaFresh      bool
	qaRestoreSeq int    // the request for the question model saved in this browser
	questionsSeq int    // the FindQuestions or AskQuestion whose answer is awaited
	qaText       string // the text the pairs on show are about; "" for an earlier one the page no longer has
	qaSum        string // when qaText is "": that earlier text's textSum, as the kept list names it
	// tree is the writing's branches (branching.go); altSeq the Predict of the alternatives at
	// the token clicked; branchSeq the Generate of the continuation of an alternative picked,
	// and branchFor the tree it is for; altFor is the text before the token clicked.
	tree       *branchTree
	altSeq     int
	altFor     string
	branchSeq  int
	branchFor  *branchTree
	qaCloseSeq int // the QAClose whose answer is awaited
	// linkfix is what model links of an address carry and show (model-address.go).
	linkfix linkfixState
}

// newStore makes a store whose requests go to w, which reads the browser's draft with draft and
// the form's pending edits with form (nil: none). The page makes one (Register); tests make
// their own.
func newStore(w worker, draft func() (draft, error), form formReader) *store {
	return &store{v: initialView(), w: w, draft: draft, form: form, loadWriting: loadWriting, saveWriting: saveWriting,
		saveDraft: saveDraft, loadQuiz: loadQuiz, saveQuiz: saveQuiz, clipboard: writeClipboard, saveFile: saveBlob, fetchModel: fetchModelFile,
		loadQASettings: loadQASettings, saveQASettings: saveQASettings}
}

// initialView is what the page shows before anything has happened: also what the server
// prerenders.
func initialView() View {
	return View{Phase: proto.Idle, Preset: "book", Config: lm.DefaultConfig(), FieldErrors: map[string]string{},
		QA: QAView{Beam: proto.DefaultBeam, AskWith: qa.ByRules}, Branch: BranchView{Selected: -1},
		QATrain: QATrainView{Epochs: qaDefaultEpochs, Examples: qaDefaultExamples, Size: "small"}}
}

// handlers are the store's action handlers: user actions take pending edits first (onUser),
// messages from the worker do not (onUI). A table of method expressions is data the linker lays
// out: a map literal of the method values s.onUser(s.onX) was one function of 47 KB of
// WebAssembly, run once at every start, which V8 compiled again with TurboFan at each cold load
// (DEVELOPERS.md, "TurboFan at the start").
var handlers = [...]struct {
	name string
	user bool // a user action (onUser), not a message (onUI)
	h    func(*store, app.Context, app.Action)
}{
	{actWorker, false, (*store).onWorker},
	{actWorkerErr, false, (*store).onWorkerFailed},
	{actDismiss, true, (*store).onDismiss},

	{actTyped, false, (*store).onTyped}, // a user action only while its text is pending (textPaused)
	{actLoadText, true, (*store).onLoadText},
	{actTextError, true, (*store).onTextError},
	{actFileError, true, (*store).onFileError},

	{actPreset, true, (*store).onPreset},
	{actField, false, (*store).onField}, // it takes the pending edits itself, after its own

	{actTrain, true, (*store).onTrain},
	{actPause, true, (*store).onPause},
	{actResume, true, (*store).onResume},
	{actStop, true, (*store).onStop},
	{actSampleNow, true, (*store).onSampleNow},

	{actGenerate, true, (*store).onGenerate},
	{actSetOutput, true, (*store).onSetOutput},
	{actSetPrompt, true, (*store).onSetPrompt},
	{actAppend, true, (*store).onAppend},
	{actAddOwn, true, (*store).onAddOwn},
	{actUndo, true, (*store).onUndo},

	{actExport, true, (*store).onExport},
	{actImport, true, (*store).onImport},

	{actOpenWorkspace, true, (*store).onOpenWorkspace},
	{actConfirmDelete, true, (*store).onConfirmDelete},
	{actDeleteWorkspace, true, (*store).onDeleteWorkspace},
	{actDeleteDraft, true, (*store).onDeleteDraft},

	{actQAReading, true, (*store).onQAReading},
	{actQAData, true, (*store).onQAData},
	{actQAError, true, (*store).onQAError},
	{actQATrain, true, (*store).onQATrain},
	{actQAPause, true, (*store).onQAPause},
	{actQAResume, true, (*store).onQAResume},
	{actQAStop, true, (*store).onQAStop},
	{actQAKeepModel, true, (*store).onQAKeepModel},
	{actQAField, true, (*store).onQAField},
	{actProse, true, (*store).onProse},
	{actMinCopied, true, (*store).onMinCopied},
	{actCopyText, true, (*store).onCopyText},
	{actTextCopied, false, (*store).onTextCopied},
	{actDownloadText, true, (*store).onDownloadText},
	{actFindQuestions, true, (*store).onFindQuestions},
	{actAskQuestion, true, (*store).onAskQuestion},
	{actDeletePair, true, (*store).onDeletePair},
	{actEditQuestion, true, (*store).onEditQuestion},
	{actQABeam, true, (*store).onQABeam},
	{actExportQA, true, (*store).onExportQA},
	{actQAAskWith, true, (*store).onQAAskWith},
	{actQAKeep, true, (*store).onQAKeep},
	{actQAClose, true, (*store).onQAClose},

	{actShare, true, (*store).onShare},
	{actCopied, false, (*store).onCopied},
	{actAddress, true, (*store).onAddress},

	{actAddressLink, true, (*store).onAddressLink},

	{actQuizExport, true, (*store).onQuizExport},
	{actQuizPrint, true, (*store).onQuizPrint},
	{actQuizPrinted, false, (*store).onQuizPrinted},
	{actQuizMode, true, (*store).onQuizMode},
	{actQuizReveal, true, (*store).onQuizReveal},
	{actWeights, true, (*store).onWeights},
	{actDemo, false, (*store).onDemo},
	{actDemoLink, true, (*store).onDemoLink},

	{actBranchToken, true, (*store).onBranchToken},
	{actBranchPick, true, (*store).onBranchPick},
	{actBranchSwitch, true, (*store).onBranchSwitch},
	{actBranchRedo, true, (*store).onBranchRedo},
}

// register makes the store's handlers go-app's.
func (s *store) register() {
	for _, e := range handlers {
		h := func(ctx app.Context, a app.Action) { e.h(s, ctx, a) }
		if e.user {
			app.Handle(e.name, s.onUser(h))
		} else {
			app.Handle(e.name, s.onUI(h))
		}
	}
}

// onUI runs a handler on the UI goroutine, and publishes the view.
func (s *store) onUI(h app.ActionHandler) app.ActionHandler {
	return func(ctx app.Context, a app.Action) {
		ctx.Dispatch(func(ctx app.Context) {
			h(ctx, a)
			s.publish(ctx)
		})
	}
}

// publish hands the view to the page.
func (s *store) publish(ctx app.Context) {
	s.v.Published++
	s.derive()
	ctx.SetState(stateKey, s.v)
}

// derive sets the view's fields that follow from the store's own state.
func (s *store) derive() {
	s.v.TextNotRun = s.runText != "" && s.text != s.runText
	s.v.WeightsNote = earlyBestNote(s.v.Weights, s.v.Checks, s.v.BatchLoss)
}

// onUser is onUI for what the user does: it takes every pending edit first, so that the action
// acts on what the form shows (see pending.go), and an error about an earlier action then goes
// unless this one is refused too (see acted).
func (s *store) onUser(h app.ActionHandler) app.ActionHandler {
	return s.onUI(func(ctx app.Context, a app.Action) {
		s.acted(func() {
			s.flush()
			h(ctx, a)
		})
	})
}

func (s *store) onWorker(ctx app.Context, a app.Action) {
	w, _ := a.Value.(fromWorker)
	m, err := proto.Decode(w.JSON)
	if err != nil {
		s.showError(aboutEngine, err.Error())
		return
	}
	if w.Text != "" {
		m.Text = w.Text
	}
	// The list of saved workspaces comes with the state when a run starts (and after each
	// epoch): applied together, the two were rendered in one go-app frame, one task, which held
	// the page's thread for both, some 70 ms at the first Train. The list is not urgent: it
	// waits until the frame that renders what came before it is done (Defer), then for a task of
	// its own, so that it renders in a later frame; what follows it waits behind it, in order.
	if m.Kind == proto.Saved || len(s.later) > 0 {
		s.later = append(s.later, m)
		if len(s.later) == 1 {
			ctx.Defer(func(ctx app.Context) { nextTask(func() { ctx.Dispatch(s.receiveLater) }) })
		}
		return
	}
	s.receive(m)
}

// receiveLater applies the messages onWorker set aside, in the order they came.
func (s *store) receiveLater(ctx app.Context) {
	ms := s.later
	s.later = nil
	for _, m := range ms {
		s.receive(m)
	}
	s.publish(ctx)
}

func (s *store) onWorkerFailed(ctx app.Context, a app.Action) {
	s.showError(aboutEngine, fmt.Sprint("The training engine could not start: ", a.Value))
}

func (s *store) onDismiss(ctx app.Context, a app.Action) { s.v.Error = "" }

// receivers apply each kind of message from the worker; the kinds are in proto's package comment.
var receivers = map[proto.Kind]func(*store, proto.Message){
	proto.Ready:      (*store).gotReady,
	proto.Error:      (*store).gotError,
	proto.Analysis:   (*store).gotAnalysis,
	proto.State:      (*store).gotState,
	proto.Progress:   (*store).gotProgress,
	proto.Samples:    (*store).gotSamples,
	proto.Generated:  (*store).gotGenerated,
	proto.Candidates: (*store).gotCandidates,
	proto.Exported:   (*store).gotExported,
	proto.Imported:   (*store).gotImported,
	proto.Saved:      (*store).gotSaved,
	proto.Opened:     (*store).gotOpened,
	proto.QAState:    (*store).gotQAState,
	proto.QAProgress: (*store).gotQAProgress,
	proto.QAHeld:     (*store).gotQAHeld,
	proto.Questions:  (*store).gotQuestions,
	proto.InlinkMade: (*store).gotInlinkMade,
}

// receive applies a message from the worker.
func (s *store) receive(m proto.Message) {
	if got, ok := receivers[m.Kind]; ok {
		got(s, m)
	}
}

// gotReady: the worker has loaded the engine; what waited for it goes, and the saved workspaces
// are listed.
func (s *store) gotReady(m proto.Message) {
	s.v.Ready, s.v.Workers, s.v.Kernel = true, m.Workers, m.Kernel
	s.w.ready()
	s.send(proto.Message{Kind: proto.Workspaces})
	s.restoreQASettings()
	s.qaRestore()
	s.openDemo()
}

// gotError shows an error, unless it answers the reopening of a workspace as the page loads or
// an analysis (which the statistics line shows).
func (s *store) gotError(m proto.Message) {
	if s.restoreFailed(m) || s.analysisFailed(m) || s.qaError(m) || s.questionsFailed(m) || s.qaCloseFailed(m) {
		return
	}
	if m.Seq == s.genSeq {
		s.v.Generating = false
	}
	if m.Seq == s.branchSeq {
		s.v.Branch.Pending = false
	}
	if s.demoFailed(m) || s.inlinkFailed(m) { // the published demo's or a link's model, refused
		return
	}
	if m.Seq != 0 && m.Seq == s.trainSeq { // a text too short, or too varied for the settings
		s.refuseText(m.Error)
		return
	}
	s.showError(aboutAction, m.Error)
}

// send posts a request to the worker (queued until it is ready) and returns its number.
func (s *store) send(m proto.Message) int {
	s.seq++
	m.Seq = s.seq
	s.w.post(m)
	return m.Seq
}

// edited notes that the user changed the text, the settings or the model: a workspace still
// reopening from the page's load must not replace them when it arrives.
func (s *store) edited() {
	if s.reopen != 0 {
		s.staleReopen, s.reopen = s.reopen, 0
	}
}
