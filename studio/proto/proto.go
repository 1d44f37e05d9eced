// Package proto is the message protocol between the studio's page (the UI) and its training
// worker. Both sides import it, so a message has one definition.
//
// Messages travel as JSON strings through postMessage. Every message carries the protocol
// version; a side that gets another version reports an error instead of guessing.
//
// The conversation:
//
//	worker → UI  Ready {Workers, Kernel}          once, when the engine is loaded (Workers: how many
//	                                               train by default, one per core); the UI sends
//	                                               nothing before it
//	UI → worker  Analyze {Text, Config}           → Analysis (counts, advice), then Analysis again
//	                                               with EpochSeconds from a few timed batches
//	UI → worker  Train {Text, Config, Workers}    → State "training" {Workers}, Progress…, Samples after each
//	                                               epoch, State "done" at the end; every
//	                                               validation check (Progress.Check) is posted
//	                                               at once. Workers: how
//	                                               many share each batch (0: all that Ready said)
//	UI → worker  Pause / Resume / Stop            → State "paused" / "training" / "stopped"
//	UI → worker  SampleNow                        → Samples (Epoch 0: between epochs)
//	UI → worker  Generate {Prompt, Gen, Seed,     → Generated {Copied, WeightsPrint when
//	             Weights, PrintWanted}             PrintWanted} (Weights: best, the default, or
//	                                               latest); Generated's tokens come each with
//	                                               the model's probability of it
//	                                               (lm.GenResult.Probs), which
//	                                               the page shades them by. Clicking one asks
//	                                               Predict after the text before it (its
//	                                               alternatives); picking one asks Generate after
//	                                               the text through it (the rewrite)
//	UI → worker  Predict {Prompt, K, Weights,     → Candidates {Copied, Unknown, WordUnknown}:
//	             Word}                             Copied, the memorisation meter (lm.Meter),
//	                                               comes with every text the model writes,
//	                                               samples included; WordUnknown, the tokens of
//	                                               Word (the user's own, just added at the end
//	                                               of Prompt) the model does not know
//	UI → worker  Export {Format}                  → Exported {URL, Name}: a blob: URL of the model
//	                                               file ("fabulist") or of a zip of the TF.js
//	                                               export ("tfjs"), made in the worker
//	UI → worker  Import {File, Text, PrintWanted} → Imported {Config, History, State, and
//	                                               WeightsPrint when PrintWanted}: the model
//	                                               file replaces the current model only if it
//	                                               decodes; with the text it was trained on it
//	                                               can also resume training
//	UI → worker  Workspaces                       → Saved {Workspaces, Usage, Quota}: what this
//	                                               browser keeps (see Workspace), damaged
//	                                               records included
//	UI → worker  Open {ID}                        → Opened {Workspace, Text, Config, History,
//	                                               SampleLog, State, HasModel}: a saved workspace
//	                                               replaces the current one; Resume continues it.
//	                                               A damaged one answers Error, then Saved
//	                                               listing it as damaged
//	UI → worker  Delete {ID}                      → Saved with the shorter list
//	worker → UI  Saved {Workspace, Workspaces…}   after each autosave: when training starts, after
//	                                               every epoch, every few minutes, on pause and stop,
//	                                               and when a model file is opened; and when the
//	                                               check of saved workspaces in the background
//	                                               finds damage the last list did not show
//	UI → worker  FindQuestions {Text, Span, N,    → Questions {Pairs, Note}: question–answer pairs about
//	             Beam}                             the text, or only its runes Span.Start to Span.End
//	                                               when Span is set. The rules' pairs (up to N) come
//	                                               at once with Pending set when a question model is
//	                                               open; a second Questions (same Seq) then brings
//	                                               them with the model's (up to N, beam width Beam,
//	                                               1 to qa.MaxBeam, 0: DefaultBeam) merged in text
//	                                               order. Every offset is a rune offset into the
//	                                               whole Text, whatever Span. Note says, in a user's
//	                                               words, what the list is when it is not the usual
//	                                               (a passage not in English gets fill-in-the-blank
//	                                               questions; the model was left out, and why)
//	UI → worker  AskQuestion {Text, Span, Beam,   → Questions {Pairs}: the one pair whose answer is
//	             Ask}                              the runes Span of Text (answer-aware), written
//	                                               by the generator Ask names: "rules", or "model"
//	                                               (Error when none is open); "" (pages before the
//	                                               choice) is the question model's when one is
//	                                               open, else the rules'. Error when the span holds
//	                                               no word. Note says when the model's question
//	                                               looks degenerate (qa.Degenerate), as it does
//	                                               for FindQuestions' model pairs
//	worker → UI  Imported {QAModel}               answers Import when the file is a question model
//	                                               (kind QGEN): it becomes the question model, the
//	                                               text generator stays. Export {Format: "qa"}
//	                                               downloads it (Exported)
//	UI → worker  InlinkMake {Prompt, Gen, Seed,   → InlinkMade {Inlink}: the model (Weights' choice)
//	             Weights, URL}                     in a link (studio/inlink) after URL, the page's
//	                                               address, in the smallest scheme within the
//	                                               link's size and error limits, with every scheme
//	                                               measured; Error when there is no model
//	UI → worker  InlinkOpen {Text}                → Imported {Config, History, State, Prompt, Gen,
//	                                               Seed, Format}: Text is a model link's fragment,
//	                                               whose model replaces the current one (it writes,
//	                                               and cannot train further); Prompt, Gen and Seed
//	                                               are the link's generation, Format its scheme.
//	                                               One that does not decode answers Error in a
//	                                               user's words and changes nothing
//	worker → UI  Error {Error}                    whenever a request fails; training errors also
//	                                               end with State "stopped"; a failed autosave
//	                                               says why (a full storage quota, say)
//
// The question model's training (QA-prefixed kinds; one run at a time in a worker: a question
// run is refused while the text generator trains or is paused, and the other way round):
//
//	UI → worker  QATrain {FileNames, QATrain}     → QAState "training", QAProgress…, QAHeld after
//	                                               each epoch, QAState "done" at the end. The
//	                                               dataset's files travel beside the JSON as
//	                                               ArrayBuffers (files: [buffer…], in the order of
//	                                               FileNames); one that does not read answers
//	                                               Error and changes nothing
//	UI → worker  QAPause / QAResume / QAStop      → QAState "paused" / "training" / "stopped"
//	UI → worker  QARestore                        → QAState with QAProgress and QAHeld of the
//	                                               question model saved in this browser (after
//	                                               each epoch and at stop), which becomes the
//	                                               open question model; nothing when none is
//	                                               saved
//	UI → worker  QAClose                          → QAState "idle" without a QAModel: the question
//	                                               model is closed and deleted from this browser's
//	                                               storage (a reload does not bring it back); Error
//	                                               while it trains or is paused (stop it first)
//
// File travels beside the JSON, as an ArrayBuffer: postMessage({msg: JSON, file: buffer}). So
// may Text, in both directions, as a string: postMessage({msg: JSON, text: string}); encoding and
// decoding megabytes of text as JSON held the page's thread for half a second.
//
// Replies echo the request's Seq, so the UI can drop answers to questions it no longer asks.
package proto

import (
	"encoding/json"
	"fmt"

	"fabulist/model/lm"
	"fabulist/model/qa"
)

// Version is this protocol's version.
const Version = 1

// MaxWorkers bounds the workers of a run (Message.Workers, and the page's Workers setting):
// beyond a few, exchanging gradients costs more than it saves.
const MaxWorkers = 8

// Kind says what a message is, and so which of its fields are set.
type Kind string

// Message kinds.
const (
	Ready      Kind = "ready"
	Analyze         = "analyze"
	Analysis        = "analysis"
	Train           = "train"
	Pause           = "pause"
	Resume          = "resume"
	Stop            = "stop"
	SampleNow       = "sample"
	Progress        = "progress"
	Samples         = "samples"
	State           = "state"
	Export          = "export"
	Exported        = "exported"
	Import          = "import"
	Imported        = "imported"
	Generate        = "generate"
	Generated       = "generated"
	Predict         = "predict"
	Candidates      = "candidates"
	Workspaces      = "workspaces"
	Open            = "open"
	Opened          = "opened"
	Delete          = "delete"
	Saved           = "saved"
	Error           = "error"

	QATrain       = "qa-train"
	QAPause       = "qa-pause"
	QAResume      = "qa-resume"
	QAStop        = "qa-stop"
	QARestore     = "qa-restore"
	QAClose       = "qa-close"
	QAState       = "qa-state"
	QAProgress    = "qa-progress"
	QAHeld        = "qa-held"
	FindQuestions = "find-questions"
	Questions     = "questions"
	AskQuestion   = "ask-question"

	InlinkMake = "inlink-make"
	InlinkMade = "inlink-made"
	InlinkOpen = "inlink-open"
)

// Phase is where a run stands, as State messages carry it.
type Phase string

// Training phases.
const (
	Idle     Phase = "idle"
	Training       = "training"
	Paused         = "paused"
	Stopped        = "stopped"
	Done           = "done"
)

// Message is every message of the protocol; Kind says which fields are set.
type Message struct {
	V    int  `json:"v"`
	Kind Kind `json:"kind"`
	Seq  int  `json:"seq,omitempty"`

	Text   string         `json:"text,omitempty"`
	Config *lm.Config     `json:"config,omitempty"`
	Prompt string         `json:"prompt,omitempty"`
	Gen    *lm.GenOptions `json:"gen,omitempty"`
	Seed   uint64         `json:"seed,omitempty"`
	K      int            `json:"k,omitempty"`
	// Word, with Predict, is a word of the user's own that Prompt ends with: the answer's
	// WordUnknown lists its tokens the model does not know (reads past), so that the page can
	// say so of that word alone, not of the whole text's (Unknown).
	Word string `json:"word,omitempty"`
	// Weights, with Generate, Predict and Export "tfjs": which of the model's weights write,
	// lm.WeightsBest (the lowest validation check's; "" says the same) or lm.WeightsLatest. A
	// model file (Export "fabulist") keeps both.
	Weights lm.Weights `json:"weights,omitempty"`
	// WeightsPrint is a fingerprint of the model on show (a few bytes of a hash of all its
	// weights, session.weightsPrint), with Imported and Generated when the Import or Generate set
	// PrintWanted: a model link carries its sender's, so that its receiver learns whether the
	// file it names is that model.
	WeightsPrint string `json:"weights_print,omitempty"`
	PrintWanted  bool   `json:"print_wanted,omitempty"`

	Workers    int            `json:"workers,omitempty"`
	Kernel     string         `json:"kernel,omitempty"` // the matrix kernel the engine uses: "simd", "simd-fma" (fused multiply-add) or "go"
	Analysis   *TextAnalysis  `json:"analysis,omitempty"`
	Progress   *lm.Progress   `json:"progress,omitempty"`
	Losses     []float32      `json:"losses,omitempty"` // batch losses since the last Progress
	Samples    *EpochSamples  `json:"samples,omitempty"`
	State      Phase          `json:"state,omitempty"`
	Generated  *lm.GenResult  `json:"generated,omitempty"`
	Candidates []lm.Candidate `json:"candidates,omitempty"`
	Unknown    []string       `json:"unknown,omitempty"`
	// WordUnknown, with Candidates, is the tokens of the Predict's Word the model does not know,
	// each once, in order; none when it knows them all or there was no Word.
	WordUnknown []string `json:"word_unknown,omitempty"`
	Level       lm.Level `json:"level,omitempty"` // of the model that answered
	Error       string   `json:"error,omitempty"`

	Format  string      `json:"format,omitempty"` // of an export: "fabulist" or "tfjs"
	URL     string      `json:"url,omitempty"`    // a blob: URL made by the worker
	Name    string      `json:"name,omitempty"`   // a file name to save URL under
	History *lm.History `json:"history,omitempty"`
	File    []byte      `json:"-"` // travels beside the JSON, see the package comment

	ID         string         `json:"id,omitempty"` // of a workspace
	Workspace  *Workspace     `json:"workspace,omitempty"`
	Workspaces []Workspace    `json:"workspaces,omitempty"`
	Usage      int64          `json:"usage,omitempty"` // bytes this site stores, as the browser estimates
	Quota      int64          `json:"quota,omitempty"` // bytes it may store
	SampleLog  []EpochSamples `json:"sample_log,omitempty"`
	HasModel   bool           `json:"has_model,omitempty"`

	// The question model's training (see the conversation above).
	FileNames []string         `json:"file_names,omitempty"` // of Files, in order: paths in a dropped folder
	Files     [][]byte         `json:"-"`                    // travel beside the JSON, see the package comment
	QATrain   *QATrainOptions  `json:"qa_train,omitempty"`
	QARun     *QARunProgress   `json:"qa_run,omitempty"`
	QALosses  []QALoss         `json:"qa_losses,omitempty"` // batch losses since the last QAProgress
	QAHeld    []QAHeldQuestion `json:"qa_held,omitempty"`

	// Copied is the memorisation meter of the text on show: with Generated, the prompt and its
	// continuation; with Candidates, the text they follow. Its Runs are nil when the model came
	// without the text it learned from: the page then has the tokens, to show as prose, alone.
	Copied *lm.Copied `json:"copied,omitempty"`

	Pairs   []qa.Pair    `json:"pairs,omitempty"`
	Span    *Span        `json:"span,omitempty"` // a part of Text, in runes
	N       int          `json:"n,omitempty"`    // the most pairs each generator gives (0: DefaultQuestions)
	Beam    int          `json:"beam,omitempty"` // the question model's beam width (0: DefaultBeam)
	Note    string       `json:"note,omitempty"`
	Pending bool         `json:"pending,omitempty"`  // the model's questions follow in another message
	QAModel *QAModelInfo `json:"qa_model,omitempty"` // the open question model

	// Ask is the generator an AskQuestion asks with: qa.ByRules or qa.ByModel; "" lets the
	// worker choose, as pages before the choice did.
	Ask qa.Method `json:"ask,omitempty"`

	Inlink *InlinkInfo `json:"inlink,omitempty"` // the model link InlinkMade answers with
}

// InlinkInfo is a model link the worker made (InlinkMade), with what it measured to choose it.
type InlinkInfo struct {
	// Fragment is the chosen link's fragment ("#m=1.…"); "" when no scheme fits (Fits false).
	Fragment string `json:"fragment,omitempty"`
	Scheme   string `json:"scheme,omitempty"` // of the chosen link: i8, f16 or f32
	Bytes    int    `json:"bytes,omitempty"`  // the chosen link's length, page address included
	Fits     bool   `json:"fits"`
	MaxBytes int    `json:"max_bytes"` // the longest link the studio makes (inlink.MaxLink)
	Params   int    `json:"params"`    // weights of the model
	// Schemes is every scheme measured, smallest first.
	Schemes []InlinkScheme `json:"schemes"`
	// Preview is what the link's model writes with the link's prompt, settings and seed, after
	// the prompt (joined as lm.Join joins them): the receiver's first text, as their output box
	// shows it. For a float32 link it is the sender's own.
	Preview string `json:"preview,omitempty"`
}

// InlinkScheme is one scheme's link for the model: its length in bytes (page address included)
// and its quantisation error (inlink.Error: the largest difference in probability on the
// float32 model's ten likeliest next tokens; 0 for f32), or why it cannot carry the model.
type InlinkScheme struct {
	Scheme  string  `json:"scheme"`
	Bytes   int     `json:"bytes,omitempty"`
	Error   float64 `json:"error"`
	Problem string  `json:"problem,omitempty"`
}

// QATrainOptions are what the page sets for a question model's run; the rest is the question
// model's defaults (qa.DefaultConfig).
type QATrainOptions struct {
	Epochs   int `json:"epochs"`   // 1 to MaxQAEpochs
	Examples int `json:"examples"` // training examples an epoch takes (a fixed random subset); 0: all
	// Size is the network's size: "small" (the page's default: a few hundred examples an epoch
	// train in a minute or two) or "book" (qa.DefaultConfig's sizes, the command line's).
	Size string `json:"size,omitempty"`
	// Workers is how many share each batch, as Message.Workers for the text generator (0: all
	// that Ready said, for a model big enough to gain from them).
	Workers int `json:"workers,omitempty"`
}

// MaxQAEpochs bounds QATrainOptions.Epochs.
const MaxQAEpochs = 100

// The page's defaults for a question run: a few hundred examples an epoch train in a minute or two
// on one worker with the small model.
const (
	QADefaultEpochs   = 3
	QADefaultExamples = 300
)

// QARunProgress is where a question model's run stands. Losses are in nats per token.
type QARunProgress struct {
	Epoch     int     `json:"epoch"` // 1-based, the epoch in progress (the last one when done)
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"` // batches done in this epoch
	Batches   int     `json:"batches"`
	Tagger    float64 `json:"tagger"`   // the last batch's tagger loss
	Question  float64 `json:"question"` // and question loss
	PairsPerS float64 `json:"pairs_per_s,omitempty"`
	Examples  int     `json:"examples"` // training examples an epoch takes
	Val       int     `json:"val"`      // validation examples
	Dataset   string  `json:"dataset"`  // what was read, in words ("FairytaleQA (zip)")
	Workers   int     `json:"workers"`  // that share each batch
	EpochDone bool    `json:"epoch_done,omitempty"`
	// ValTagger and ValQuestion are the last finished epoch's validation losses; nil before one
	// or without validation examples.
	ValTagger   *float64 `json:"val_tagger,omitempty"`
	ValQuestion *float64 `json:"val_question,omitempty"`
	// Interrupted: a run brought back from storage stopped was saved while it trained, so a
	// reload or a closed tab cut it off; the user did not press Stop.
	Interrupted bool `json:"interrupted,omitempty"`
}

// QALoss is one batch's losses.
type QALoss struct {
	Tagger   float32 `json:"t"`
	Question float32 `json:"q"`
}

// QAHeldQuestion is a question the model wrote after an epoch, for the answer of a held-out
// passage's example, beside the dataset's own question.
type QAHeldQuestion struct {
	Epoch   int    `json:"epoch"`
	Passage string `json:"passage"`
	Answer  string `json:"answer"`
	Want    string `json:"want"`  // the dataset's question
	Asked   string `json:"asked"` // the model's
	// Trained: the model trained on this passage, because the dataset was too small to hold any
	// out.
	Trained bool `json:"trained,omitempty"`
}

// DefaultQuestions is how many pairs each generator gives when FindQuestions says no N, and
// MaxQuestions the most it may ask for: a quiz longer than that is no longer read.
const (
	DefaultQuestions = 20
	MaxQuestions     = 100
)

// DefaultBeam is the question model's beam width when a request says none: the width the
// model's scores in DEVELOPERS.md were measured at.
const DefaultBeam = 5

// Span is the runes [Start, End) of a text: a selection in the text box.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// QAModelInfo describes the open question model, for the page to show.
type QAModelInfo struct {
	Arch   string `json:"arch"`   // "default" or "book"
	Vocab  int    `json:"vocab"`  // words, the four reserved ids included
	Params int    `json:"params"` // weights
	Epochs int    `json:"epochs"` // epochs trained
	// ValLoss is the question loss of the last validation, in nats/token; -1 when none was
	// measured.
	ValLoss float64 `json:"val_loss"`
}

// Workspace describes a saved text with its settings and, once an epoch has passed (or training
// stopped), its model: what the list of saved workspaces shows.
type Workspace struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`    // the text's first words
	Created int64    `json:"created"` // Unix milliseconds
	Updated int64    `json:"updated"`
	Chars   int      `json:"chars"`
	Level   lm.Level `json:"level"`
	Epoch   int      `json:"epoch"` // epochs finished
	Epochs  int      `json:"epochs"`
	ValLoss float64  `json:"val_loss"` // of the last finished epoch; -1 before one
	// Phase is the run's when it was saved. A workspace saved in phase training opens stopped
	// (the engine that trained it is gone): its run was cut off by a reload or a closed tab, as
	// the page then says, where one saved by Stop is in phase stopped.
	Phase Phase `json:"phase"`
	Bytes int   `json:"bytes"` // stored, roughly: the text and the model file
	// Config is the run's settings, so that the list can title workspaces of one text by the
	// settings that differ; nil in descriptions saved before it, or when out of range.
	Config *lm.Config `json:"config,omitempty"`
	// Damaged says why a saved workspace cannot be opened ("the model is not bytes but a
	// string"), in a user's words; empty when it is healthy. A damaged workspace has an ID and
	// Bytes (all its records take), and Name and Updated when they could be read: the list
	// offers only to delete it.
	Damaged string `json:"damaged,omitempty"`
}

// TextAnalysis describes a text under a configuration, with advice.
type TextAnalysis struct {
	Chars        int      `json:"chars"`  // Unicode code points
	Tokens       int      `json:"tokens"` // after cleaning, at the configured level
	Vocab        int      `json:"vocab"`  // ids including the reserved 0
	Words        int      `json:"words"`
	WordVocab    int      `json:"word_vocab"`
	CharVocab    int      `json:"char_vocab"`
	Windows      int      `json:"windows"`
	Params       int      `json:"params"`
	Advice       []string `json:"advice"`
	EpochSeconds float64  `json:"epoch_seconds,omitempty"` // estimated from timed batches; 0 until measured
}

// EpochSamples are the samples written after an epoch (Epoch 0: asked for between epochs).
type EpochSamples struct {
	Epoch   int              `json:"epoch"`
	Samples []lm.EpochSample `json:"samples"`
	// Copied is the memorisation meter of each sample, in order (Runs nil when the model came
	// without its text). Workspaces keep samples without it: the worker measures them again.
	Copied []*lm.Copied `json:"copied,omitempty"`
}

// Encode makes the wire form of m, stamping the version.
func Encode(m Message) string {
	m.V = Version
	b, err := json.Marshal(m)
	if err != nil {
		// Only NaN or Inf can make it fail; the engine never sends them (ErrDiverged stops first).
		b, _ = json.Marshal(Message{V: Version, Kind: Error, Seq: m.Seq, Error: "internal: " + err.Error()})
	}
	return string(b)
}

// Decode reads a message and checks its version.
func Decode(s string) (Message, error) {
	var m Message
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return Message{}, fmt.Errorf("proto: bad message: %v", err)
	}
	if m.V != Version {
		return Message{}, fmt.Errorf("proto: message of version %d; this side speaks %d (reload the page)", m.V, Version)
	}
	return m, nil
}
