package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"fabulist/model/qa"
	"fabulist/model/qa/passage"
	"fabulist/studio/proto"
)

// QAView is the Questions panel's state, which the store owns: the pairs after the user's
// edits, with where each stands in the text.
type QAView struct {
	Pairs   []qa.Pair
	Context []PairContext // one per pair, in the same order
	// Own marks the pairs that are the user's work, one per pair: asked about a selection, or
	// with a question the user rewrote. The finder can give neither back, so Find asks before it
	// replaces them (see Confirm).
	Own []bool
	// Confirm is the Find button pressed once while the list holds pairs of the user's: "text"
	// (Find questions) or "selection" (Find in the selection). The panel says what a second
	// press of that button replaces; "" when none waits.
	Confirm string
	// Finding: a FindQuestions is under way (the rules' pairs may be on show while the
	// model's are written); Asking: an AskQuestion is.
	Finding, Asking bool
	Note            string // what the list is, when it is not the usual (see proto.Message.Note)
	Error           string // why the last find or ask did not happen, said in the panel
	// Scope says what the pairs are about: "" (the whole text) or "the selection".
	Scope string
	// Stale: the text changed after the pairs were found, so their offsets may point elsewhere.
	Stale bool
	Model *proto.QAModelInfo // the open question model; nil when none
	Beam  int                // the beam width asked for, 1 to qa.MaxBeam
	// AskWith is the generator Ask uses, the user's choice: qa.ByRules (the default, and always
	// without a model) or qa.ByModel. A model opened or restored never takes Ask over unasked: a
	// tiny one writes "The the the…".
	AskWith qa.Method
	// Answers counts the worker's answers the list has taken (the list's data-answers), so that
	// a reader can tell a new list from the last one when both hold the same pairs.
	Answers int
}

// PairContext is a pair's sentence around its answer, and the answer's place in the text box.
type PairContext struct {
	Before, After string // the sentence before and after the answer, shortened with "…"
	// From16 and To16 are the answer's offsets in the text box's value, in UTF-16 units as a
	// textarea's selection counts them; InBox is false when the box shows a preview that ends
	// before the answer.
	From16, To16 int
	InBox        bool
}

// boxSpan is a selection in the text box, in UTF-16 units as the textarea reports it.
type boxSpan struct{ Start, End int }

// questionEdit is a question the user rewrote: the pair's index and its new question.
type questionEdit struct {
	Index    int
	Question string
}

// onFindQuestions asks for pairs about the whole text, or, with a boxSpan, about the selection.
// The pairs found replace the list; when it holds pairs of the user's (Own), the first press only
// says so (Confirm), and a second press of the same button replaces them. A trial lost its edited
// and asked pairs to a press of Find, with no word and no way back.
func (s *store) onFindQuestions(ctx app.Context, a app.Action) {
	q := &s.v.QA
	q.Error = ""
	if strings.TrimSpace(s.text) == "" {
		q.Error = "Paste a story first: questions are about the text in the box."
		return
	}
	m := proto.Message{Kind: proto.FindQuestions, Text: s.text, Beam: q.Beam}
	press, scope := "text", ""
	if b, ok := a.Value.(boxSpan); ok {
		sp, ok := s.selected(b)
		if !ok {
			q.Error = "Select a passage of the text first: its questions come alone."
			return
		}
		m.Span, press, scope = &sp, "selection", "the selection"
	}
	if ownPairs(q.Own) > 0 && q.Confirm != press {
		q.Confirm = press // the panel says what a second press replaces
		return
	}
	q.Confirm, q.Scope = "", scope
	s.questionsSeq = s.send(m)
	s.qaText = s.text
	q.Finding, q.Asking = true, false
}

// onAskQuestion asks for a question whose answer is the selection (a boxSpan).
func (s *store) onAskQuestion(ctx app.Context, a app.Action) {
	q := &s.v.QA
	q.Error = ""
	b, _ := a.Value.(boxSpan)
	sp, ok := s.selected(b)
	if !ok {
		q.Error = "Select the words of the text that answer the question, then ask."
		return
	}
	if len(q.Pairs) > 0 && s.qaText != s.text { // the list is about another text: it goes
		s.setPairs(nil, nil)
	}
	with := q.AskWith
	if q.Model == nil || with != qa.ByModel {
		with = qa.ByRules
	}
	s.questionsSeq = s.send(proto.Message{Kind: proto.AskQuestion, Text: s.text, Span: &sp, Beam: q.Beam, Ask: with})
	s.qaText = s.text
	q.Asking, q.Finding = true, false
}

// onDeletePair removes the pair at an index (int).
func (s *store) onDeletePair(ctx app.Context, a app.Action) {
	i, _ := a.Value.(int)
	q := &s.v.QA
	if i < 0 || i >= len(q.Pairs) {
		return
	}
	own := ownMarks(*q)
	q.Pairs = append(q.Pairs[:i:i], q.Pairs[i+1:]...)
	q.Context = append(q.Context[:i:i], q.Context[i+1:]...)
	q.Own = append(own[:i:i], own[i+1:]...)
	q.Error = "" // it was about an earlier find or ask, which the user has moved on from
	s.keepQuiz()
}

// onEditQuestion replaces a pair's question (questionEdit); an emptied question is left as it
// was, since a pair without a question is no pair.
func (s *store) onEditQuestion(ctx app.Context, a app.Action) {
	e, _ := a.Value.(questionEdit)
	q := &s.v.QA
	text := strings.Join(strings.Fields(e.Question), " ")
	if e.Index < 0 || e.Index >= len(q.Pairs) || text == "" {
		return
	}
	q.Pairs = append([]qa.Pair(nil), q.Pairs...) // the published view keeps its own
	// Rewritten, the question is the user's words now, whoever wrote it first.
	if q.Pairs[e.Index].Question != text {
		q.Pairs[e.Index].Question, q.Pairs[e.Index].Edited = text, true
	}
	q.Own = ownMarks(*q)
	q.Own[e.Index] = true // the finder would not write it again
	q.Error = ""
	s.keepQuiz()
}

// onQAAskWith sets the generator Ask uses (qa.Method): the rules or the question model.
func (s *store) onQAAskWith(ctx app.Context, a app.Action) {
	if m, ok := a.Value.(qa.Method); ok && (m == qa.ByRules || m == qa.ByModel) {
		s.v.QA.AskWith = m
	}
}

// onQAClose closes the question model: the worker forgets it and deletes the one saved in this
// browser, so that a reload does not bring it back (see gotQAState).
func (s *store) onQAClose(ctx app.Context, a app.Action) {
	if s.v.QA.Model == nil {
		return
	}
	s.v.QA.Error = ""
	s.qaCloseSeq = s.send(proto.Message{Kind: proto.QAClose})
}

// qaClosed shows that the question model is closed: the panel asks with the rules, and the
// training panel starts afresh (the chosen dataset and the settings stay).
func (s *store) qaClosed() {
	s.qaCloseSeq = 0
	s.v.QA.Model, s.v.QA.AskWith = nil, qa.ByRules
	s.dropModelPairs()
	files, bytes, form := s.v.QATrain.Files, s.v.QATrain.Bytes, s.qaForm()
	s.v.QATrain = QATrainView{Files: files, Bytes: bytes}
	s.showQAForm(form)
}

// dropModelPairs takes the closed model's pairs out of the list, with the note that came with them
// (a new user saw a closed model's "\" \" \"" questions, and its warning, stay). The user's work
// stays (Own: a question rewritten, a selection asked about), whoever wrote it first: closing a
// model is no reason to lose what nobody can write again.
func (s *store) dropModelPairs() {
	q := &s.v.QA
	var pairs []qa.Pair
	var ctx []PairContext
	var own []bool
	marks := ownMarks(*q)
	for i, p := range q.Pairs {
		if p.Method != qa.ByModel || marks[i] {
			pairs, ctx, own = append(pairs, p), append(ctx, q.Context[i]), append(own, marks[i])
		}
	}
	if len(pairs) == len(q.Pairs) {
		return
	}
	q.Pairs, q.Context, q.Own, q.Note = pairs, ctx, own, ""
	s.keepQuiz()
}

// qaCloseFailed takes an error that answers a close: the model stays open, and the panel says why.
func (s *store) qaCloseFailed(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.qaCloseSeq {
		return false
	}
	s.qaCloseSeq = 0
	s.v.QA.Error = sentence(m.Error)
	return true
}

// onQABeam sets the beam width (int) the question model asks with.
func (s *store) onQABeam(ctx app.Context, a app.Action) {
	if b, ok := a.Value.(int); ok && b >= 1 && b <= qa.MaxBeam {
		s.v.QA.Beam = b
	}
}

// gotQuestions shows the pairs the worker found, or adds the one it asked; an answer to an
// earlier request is dropped.
func (s *store) gotQuestions(m proto.Message) {
	if m.Seq != s.questionsSeq {
		return
	}
	q := &s.v.QA
	q.Note, q.Error = m.Note, ""
	q.Answers++
	if q.Asking {
		q.Asking = false
		s.setPairs(insertPairs(q.Pairs, q.Own, m.Pairs))
		return
	}
	q.Finding = m.Pending
	s.setPairs(m.Pairs, nil)
}

// questionsFailed takes an error that answers the last find or ask: the panel says it.
func (s *store) questionsFailed(m proto.Message) bool {
	if m.Seq == 0 || m.Seq != s.questionsSeq || !(s.v.QA.Finding || s.v.QA.Asking) {
		return false
	}
	q := &s.v.QA
	q.Finding, q.Asking = false, false
	q.Error = sentence(strings.TrimPrefix(m.Error, "questions: "))
	return true
}

// gotQAModel shows the question model a file opened (Imported with QAModel).
func (s *store) gotQAModel(m proto.Message) {
	s.v.QA.Model = m.QAModel
	s.modelOpened(m.Seq)
}

// onExportQA asks the worker for the question model's file.
func (s *store) onExportQA(ctx app.Context, a app.Action) {
	if s.v.QA.Model == nil {
		s.v.QA.Error = "There is no question model to save: open one first."
		return
	}
	s.send(proto.Message{Kind: proto.Export, Format: "qa"})
}

// questionsTextChanged notes that the text is no longer the one the pairs are about.
func (s *store) questionsTextChanged() {
	q := &s.v.QA
	q.Stale = len(q.Pairs) > 0 && s.text != s.qaText
}

// setPairs puts pairs on show with their sentences, as they stand in the current text. own
// marks the user's (see QAView.Own), one per pair; nil: none is.
func (s *store) setPairs(pairs []qa.Pair, own []bool) {
	q := &s.v.QA
	if len(own) != len(pairs) {
		own = make([]bool, len(pairs))
	}
	q.Pairs, q.Own, q.Stale = pairs, own, false
	q.Context = pairContexts(s.text, pairs, s.boxRunes())
	s.keepQuiz()
}

// boxRunes is how many runes of the text the box shows: all of them, or a preview's.
func (s *store) boxRunes() int {
	if !s.v.TextPreview {
		return len([]rune(s.text))
	}
	return len([]rune(strings.TrimSuffix(preview(s.text), "…")))
}

// selected is a selection of the box in the text's runes, or ok false when it is empty. A
// preview's selection may take in its closing "…", which is not the text's.
func (s *store) selected(b boxSpan) (proto.Span, bool) {
	start, end := runeOffset(s.text, b.Start), runeOffset(s.text, b.End)
	if start >= end {
		return proto.Span{}, false
	}
	return proto.Span{Start: start, End: end}, true
}

// insertPairs puts pairs the user asked for into the list (whose own marks the user's pairs) in
// the text's order, after those at the same place; it returns the list and its marks, the new
// pairs marked the user's.
func insertPairs(list []qa.Pair, own []bool, add []qa.Pair) ([]qa.Pair, []bool) {
	out := append([]qa.Pair(nil), list...)
	mine := make([]bool, len(list), len(list)+len(add))
	copy(mine, own)
	for _, p := range add {
		i := len(out)
		for i > 0 && out[i-1].Start > p.Start {
			i--
		}
		out = append(out[:i], append([]qa.Pair{p}, out[i:]...)...)
		mine = append(mine[:i], append([]bool{true}, mine[i:]...)...)
	}
	return out, mine
}

// ownMarks is a copy of q.Own, one mark per pair of q.Pairs (a pair without one is not the user's).
func ownMarks(q QAView) []bool {
	own := make([]bool, len(q.Pairs))
	copy(own, q.Own)
	return own
}

// ownPairs counts the pairs marked the user's.
func ownPairs(own []bool) int {
	n := 0
	for _, o := range own {
		if o {
			n++
		}
	}
	return n
}

// onQAKeep keeps the list after a Find that would replace the user's pairs (Confirm).
func (s *store) onQAKeep(ctx app.Context, a app.Action) { s.v.QA.Confirm = "" }

// replaceWarning is what a second press of the Find button waiting in q.Confirm replaces, or ""
// when none waits or the list holds none of the user's pairs (they were deleted meanwhile).
func replaceWarning(q QAView) string {
	own := ownPairs(q.Own)
	if q.Confirm == "" || own == 0 {
		return ""
	}
	button := "Find questions"
	if q.Confirm == "selection" {
		button = "Find in the selection"
	}
	var what string
	switch n := len(q.Pairs); {
	case n == 1:
		what = "the pair on show, which is yours (asked or edited)"
	case own == n:
		what = fmt.Sprintf("the %d pairs on show, all of them yours (asked or edited)", n)
	default:
		what = fmt.Sprintf("the %d pairs on show, %d of them yours (asked or edited)", n, own)
	}
	them := "them"
	if len(q.Pairs) == 1 {
		them = "it"
	}
	return fmt.Sprintf("This replaces %s. Press %s again to replace %s, or keep the list.", what, button, them)
}

// contextRunes is the most of a sentence shown on each side of an answer.
const contextRunes = 90

// pairContexts finds each pair's sentence in text, and its answer's place in the box, which
// shows boxRunes of it.
func pairContexts(text string, pairs []qa.Pair, boxRunes int) []PairContext {
	if len(pairs) == 0 {
		return nil
	}
	rs := []rune(text)
	sents := passage.Split(text)
	u16 := utf16Offsets(rs)
	out := make([]PairContext, len(pairs))
	for i, p := range pairs {
		if p.Start < 0 || p.End > len(rs) || p.Start > p.End {
			continue
		}
		from, to := p.Start, p.End
		for _, s := range sents {
			if s.Start <= p.Start && p.Start < s.End {
				from, to = s.Start, max(s.End, p.End)
				break
			}
		}
		out[i] = PairContext{Before: contextBefore(rs[from:p.Start]), After: contextAfter(rs[p.End:to]),
			From16: u16[p.Start], To16: u16[p.End], InBox: p.End <= boxRunes}
	}
	return out
}

// contextAfter is what of the sentence after an answer (rs) its pair shows: at most contextRunes,
// cut with "…" at the last space before the limit rather than inside a word ("sh…"), unless that
// leaves less than half of it (a script without spaces, or one long word).
func contextAfter(rs []rune) string {
	if len(rs) <= contextRunes {
		return string(rs)
	}
	cut := contextRunes
	if !unicode.IsSpace(rs[cut]) {
		for i := cut - 1; i >= contextRunes/2; i-- {
			if unicode.IsSpace(rs[i]) {
				cut = i
				break
			}
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace) + "…"
}

// contextBefore is contextAfter for the sentence before an answer: its end, cut at a space.
func contextBefore(rs []rune) string {
	if len(rs) <= contextRunes {
		return string(rs)
	}
	cut := len(rs) - contextRunes
	if !unicode.IsSpace(rs[cut-1]) {
		for i := cut; i <= len(rs)-contextRunes/2; i++ {
			if unicode.IsSpace(rs[i]) {
				cut = i
				break
			}
		}
	}
	return "…" + strings.TrimLeftFunc(string(rs[cut:]), unicode.IsSpace)
}

// utf16Offsets maps each rune offset of rs (and its end) to UTF-16 units, as JavaScript counts.
func utf16Offsets(rs []rune) []int {
	out := make([]int, len(rs)+1)
	for i, r := range rs {
		out[i+1] = out[i] + utf16.RuneLen(r)
	}
	return out
}

// runeOffset is the rune offset in text of a UTF-16 offset (a textarea's selection), clamped to
// the text; an offset inside a surrogate pair counts the whole rune before it.
func runeOffset(text string, u int) int {
	n, at := 0, 0
	for _, r := range text {
		at += utf16.RuneLen(r)
		if at > u {
			return n
		}
		n++
	}
	return n
}
