package app

import (
	"slices"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func (s *store) onTyped(ctx app.Context, a app.Action) { s.textPaused() }

// textPaused: typing in the text box paused. Its text is a user's edit, taken as a user action is
// (acted), unless an action since has taken it (flush): the pause is then no act of the user's,
// and must not take off the banner an error that action showed. It did: pasting a story and
// pressing Train with a setting out of range showed the error, and 300 ms later the pause took it
// off (an e2e test saw that once in CI, when the run before it ended within the pause).
func (s *store) textPaused() {
	if !slices.Contains(pending.ids, corpusID) {
		return
	}
	s.acted(s.flush)
}

func (s *store) onLoadText(ctx app.Context, a app.Action) {
	text, _ := a.Value.(string)
	s.loadText(text)
}

func (s *store) onTextError(ctx app.Context, a app.Action) {
	msg, _ := a.Value.(string)
	s.refuseText(msg)
}

// onFileError: a model file was refused before the worker saw it (too large, or a run under way).
func (s *store) onFileError(ctx app.Context, a app.Action) {
	msg, _ := a.Value.(string)
	s.showError(aboutModel, msg)
}

// refuseText shows why a text was refused or cannot be trained on (too large, not UTF-8, a sample
// or link that did not load, too short): an error about a text, which the next text the user
// takes makes moot (textReplaced). Any other error shown after it is not, and stays.
func (s *store) refuseText(msg string) { s.showError(aboutText, msg) }

// boxRefused refuses the text the box holds (too large: it reached the box by a way that the
// paste handler did not stop) and puts the text the store holds back into the box, saying so. A
// trial found the refused text left on show, while the statistics, Train and Find questions
// went on with the text held: what the box shows must be what is used.
func (s *store) boxRefused(why string) {
	s.v.TextRev++ // TextPanel.OnUpdate sets the box to s.v.Text, which is s.text
	back := " The box shows the text it held before."
	if s.text == "" {
		back = " The box is empty again, as before."
	}
	s.refuseText(why + back)
}

// textReplaced clears the banner if it still says why an earlier text was refused: the text on
// show is now another.
func (s *store) textReplaced() { s.clearError(aboutText) }

// setText takes the text the user typed, which the box already shows.
func (s *store) setText(text string) {
	if text == s.text && !s.v.TextPreview {
		return // taken already: an action flushed it before the pause in typing did
	}
	s.edited()
	s.text, s.v.Text, s.v.TextPreview = text, text, false
	s.v.TextChars = utf8.RuneCountInString(text)
	s.keepDraftText()
	s.questionsTextChanged()
	// An error about an earlier text goes. Every user action takes the pending edit before it
	// acts (flush), so a file refused after this edit was typed is refused after this runs.
	s.textReplaced()
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

// showText puts a text in the text box from a handler (a share link, a workspace, a draft, a
// file): whole when the box lays it out without a freeze (MaxBoxBytes), else as a preview. It
// replaces any edit pending in the box.
func (s *store) showText(text string) {
	s.text, s.v.Text = text, text
	s.v.TextChars = utf8.RuneCountInString(text)
	s.v.TextPreview = len(text) > MaxBoxBytes
	s.v.TextRev++
	pending.done(corpusID)
	s.textReplaced()
	s.questionsTextChanged()
}

// analyze asks the worker about the text under the settings, unless it was asked already (its
// answer may be on its way). The analysis on show is dropped meanwhile: the page says
// "analysing…" until the new one comes.
func (s *store) analyze() {
	if s.text == s.analyzed && s.text != "" {
		return
	}
	s.v.Analysis, s.v.AnalysisError, s.analyzed = nil, "", ""
	if s.text == "" || len(s.v.FieldErrors) > 0 {
		// No analysis is wanted now: an answer still on its way is about a text or settings no
		// longer held, and must not land (a trial cleared the box while the estimate was timed,
		// and the old text's figures came back and stayed).
		s.anSeq, s.v.Estimating = 0, false
		return
	}
	s.analyzed = s.text
	cfg := s.v.Config
	s.anSeq = s.send(proto.Message{Kind: proto.Analyze, Text: s.text, Config: &cfg})
	s.v.Estimating = true
	if s.analyses == nil {
		s.analyses = map[int]bool{}
	}
	s.analyses[s.anSeq] = true
}

// reanalyze drops the analysis, which no longer fits the text or settings, and asks again.
func (s *store) reanalyze() {
	s.v.Analysis, s.v.AnalysisError, s.analyzed = nil, "", ""
	s.analyze()
}

// gotAnalysis shows what the worker found in the text; answers about an older text are dropped.
func (s *store) gotAnalysis(m proto.Message) {
	delete(s.analyses, m.Seq)
	if m.Analysis != nil && m.Seq == s.anSeq {
		s.v.Analysis = m.Analysis
		if m.Analysis.EpochSeconds > 0 {
			s.v.Estimating = false
		}
	}
}

// analysisFailed takes an error that answers an analysis: the text cannot be trained on (too
// short, only white space), which the statistics line says in place of its figures. One about an
// older text is dropped. It reports whether the error answered an analysis: a banner would be
// about a text no longer there, or say at each keystroke what the statistics already say.
func (s *store) analysisFailed(m proto.Message) bool {
	if m.Seq == 0 || !s.analyses[m.Seq] {
		return false
	}
	delete(s.analyses, m.Seq)
	if m.Seq == s.anSeq {
		s.v.AnalysisError = m.Error
	}
	return true
}
