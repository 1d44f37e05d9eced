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
//	                                               epoch, State "done" at the end. Workers: how
//	                                               many share each batch (0: all that Ready said)
//	UI → worker  Pause / Resume / Stop            → State "paused" / "training" / "stopped"
//	UI → worker  SampleNow                        → Samples (Epoch 0: between epochs)
//	UI → worker  Generate {Prompt, Gen, Seed}     → Generated
//	UI → worker  Predict {Prompt, K}              → Candidates
//	UI → worker  Export {Format}                  → Exported {URL, Name}: a blob: URL of the model
//	                                               file ("fabulist") or of a zip of the TF.js
//	                                               export ("tfjs"), made in the worker
//	UI → worker  Import {File, Text}              → Imported {Config, History, State}: the model
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
//	UI → worker  AskQuestion {Text, Span, Beam}   → Questions {Pairs}: the one pair whose answer is
//	                                               the runes Span of Text (answer-aware), the
//	                                               question model's when one is open, else the
//	                                               rules'; Error when the span holds no word
//	worker → UI  Imported {QAModel}               answers Import when the file is a question model
//	                                               (kind QGEN): it becomes the question model, the
//	                                               text generator stays. Export {Format: "qa"}
//	                                               downloads it (Exported)
//	worker → UI  Error {Error}                    whenever a request fails; training errors also
//	                                               end with State "stopped"; a failed autosave
//	                                               says why (a full storage quota, say)
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

	FindQuestions = "find-questions"
	Questions     = "questions"
	AskQuestion   = "ask-question"
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

	Workers    int            `json:"workers,omitempty"`
	Kernel     string         `json:"kernel,omitempty"` // the matrix kernel the engine uses: "simd" or "go"
	Analysis   *TextAnalysis  `json:"analysis,omitempty"`
	Progress   *lm.Progress   `json:"progress,omitempty"`
	Losses     []float32      `json:"losses,omitempty"` // batch losses since the last Progress
	Samples    *EpochSamples  `json:"samples,omitempty"`
	State      Phase          `json:"state,omitempty"`
	Generated  *lm.GenResult  `json:"generated,omitempty"`
	Candidates []lm.Candidate `json:"candidates,omitempty"`
	Unknown    []string       `json:"unknown,omitempty"`
	Level      lm.Level       `json:"level,omitempty"` // of the model that answered
	Error      string         `json:"error,omitempty"`

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

	Pairs   []qa.Pair    `json:"pairs,omitempty"`
	Span    *Span        `json:"span,omitempty"` // a part of Text, in runes
	N       int          `json:"n,omitempty"`    // the most pairs each generator gives (0: DefaultQuestions)
	Beam    int          `json:"beam,omitempty"` // the question model's beam width (0: DefaultBeam)
	Note    string       `json:"note,omitempty"`
	Pending bool         `json:"pending,omitempty"`  // the model's questions follow in another message
	QAModel *QAModelInfo `json:"qa_model,omitempty"` // the open question model
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
	Phase   Phase    `json:"phase"`
	Bytes   int      `json:"bytes"` // stored, roughly: the text and the model file
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
