package app

import (
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// stateKey names the View in go-app's state store.
const stateKey = "studio"

// MaxTextBytes is the largest text the studio takes: beyond it, copying and tokenizing in a tab
// gets slow, and an epoch of the book model would run for hours.
const MaxTextBytes = lm.MaxTextBytes

// View is everything the page shows, published by the handlers after each change.
type View struct {
	Published int  // how many times the store has published: 0 before it first did
	Ready     bool // the worker has loaded the engine
	Workers   int  // how many workers train by default (one per core)
	// TrainWorkers is the workers a new run asks for (0: Workers); RunWorkers those the current
	// model's run used, which a share link passes on so that the run can be reproduced.
	TrainWorkers, RunWorkers int
	Kernel                   string // "simd", "simd-fma" or "go"
	Phase                    proto.Phase
	// Interrupted: the run on show (Phase stopped) was saved while it trained and reopened as
	// the page loaded, so the user never pressed Stop: the page was reloaded or closed.
	Interrupted bool

	Preset      string // "book", "quick" or "custom"
	Config      lm.Config
	FieldErrors map[string]string

	TextChars int // code points of the current text
	// TextNotRun says the text on show is not the one the run on show learned from, which
	// Resume goes on with.
	TextNotRun bool
	Analysis   *proto.TextAnalysis
	// AnalysisError is why the worker could not analyse the text (too short, only white space).
	AnalysisError string
	// Estimating: the worker is timing a few batches for Analysis.EpochSeconds. Train drops
	// the timing, so the page stops saying it is on its way.
	Estimating bool

	// TextPreview: the text is too large for the box (MaxBoxBytes), which shows its beginning,
	// read-only; everything else uses all of it.
	TextPreview bool

	Progress  lm.Progress
	BatchLoss []float32 // every batch's training loss, in order
	ValLoss   []float64 // one per finished epoch
	Samples   []proto.EpochSamples

	// Checks are the run's validation checks (lm.Config.ValChecks), the best marked on the
	// chart; Weights is which weights write ("" or "best": the best check's; "latest").
	Checks  []lm.Check
	Weights lm.Weights
	// WeightsNote says why the best check's weights may write gibberish (earlyBestNote), or "".
	WeightsNote string

	HasModel  bool
	Level     lm.Level
	Output    string // the text being written
	OutputRev int    // bumped when a handler (not the user's typing) changes Output
	Unknown   []string
	// OwnUnknown is the tokens of the word just added from the Add box that the model does not
	// know (it reads past them), as the answer to the Predict after it says; nil once the text
	// changes again.
	OwnUnknown []string
	Candidates []lm.Candidate
	// CandidatesFor is the text the candidates follow (the output, else the prompt).
	CandidatesFor string
	Ended         bool // the story reached the separator
	// EndedWhy says why Generate's story may have ended so soon (earlyEndWithBest), or "".
	EndedWhy   string
	CanUndo    bool
	Generating bool

	Error string

	Workspaces    []proto.Workspace // saved in this browser, newest first, damaged ones included
	BadDraft      *proto.Workspace  // the draft in localStorage when it is damaged, listed to be deleted
	WorkspaceID   string            // the one autosave writes
	SavedAt       string            // when it was last saved, as a clock time
	Usage, Quota  int64             // the browser's storage estimate for this site
	ConfirmDelete string            // a workspace whose deletion awaits confirmation

	// Values that handlers push into form fields the user otherwise owns (opening a share link),
	// applied by the panels when the revision changes.
	Text      string
	TextRev   int
	Form      GenForm
	FormRev   int
	Prompt    string // the prompt brought back with a workspace, pushed into its field at PromptRev
	PromptRev int
	GenSeed   uint64     // the seed the last generation used
	Share     string     // the last share link made
	ShareMsg  string     // why a link was not made, or how it was
	Inlink    InlinkView // the demo link (inlink.go)

	QATrain QATrainView // the question model's training (qa-training.go)
	// The memorisation meter and the prose (meter.go): Copied is the meter of CopiedFor, the
	// output it was measured on; MinCopied the least run that counts (0: the level's default),
	// MinCopiedError why a value typed for it was refused; RawTokens shows word tokens as the
	// model has them instead of prose; TextMsg says whether the output was copied.
	Copied         *lm.Copied
	CopiedFor      string
	MinCopied      int
	MinCopiedError string
	RawTokens      bool
	TextMsg        string
	QA             QAView // the Questions panel (questions.go)

	Quiz QuizView // what is done with the list of questions (quiz.go)

	Branch  BranchView  // the branches of human-led writing (branching.go)
	Address AddressView // the model link of a hosted model file (model-address.go)
}

// GenForm is the generation form's fields, as text.
type GenForm struct {
	Prompt, N, Temp, TopK, TopP, Mode, Seed string
	Stop                                    bool
}
